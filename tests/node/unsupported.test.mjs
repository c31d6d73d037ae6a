// Error code "unsupported": when the module cannot run (here: bytes that
// are not WebAssembly, as a page gets when the .wasm is refused or
// replaced), init() rejects and initSync() throws a TakeControlError with
// that code and the platform's error as its cause, so that API users can
// tell this case apart from every other failure.
import assert from "node:assert/strict";
import { test } from "node:test";

const web = await import(new URL("../../pkg/index.js", import.meta.url));
const NOT_WASM = new Uint8Array([0x3c, 0x21, 0x64, 0x6f, 0x63]); // "<!doc": an HTML error page

test("init() rejects with code unsupported when the module cannot be compiled", async () => {
  const error = await web.default({ module_or_path: NOT_WASM }).then(
    () => null,
    (e) => e,
  );
  assert.ok(error instanceof web.TakeControlError, String(error));
  assert.equal(error.code, "unsupported");
  assert.match(error.message, /^WebAssembly is unavailable: /);
  assert.ok(error.cause instanceof Error, "the platform's own error is the cause");
});

test("initSync() throws code unsupported for the same bytes", () => {
  assert.throws(
    () => web.initSync({ module: NOT_WASM }),
    (error) => error instanceof web.TakeControlError && error.code === "unsupported" && error.cause instanceof Error,
  );
});
