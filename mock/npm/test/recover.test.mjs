// A trap of the WebAssembly core (here a real one: its memory is grown to
// the most WebAssembly allows, then a request needs more, and the core's
// allocator aborts with `unreachable`) is answered 500 once, with one
// console.error line; the stand-in then works again, in process and over
// HTTP, its state gone. Without recovery every later request would throw
// ("recursive use of an object detected").
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { PUBLIC, create, createStandIn, pkgDir } from "./helpers.mjs";

const { currentMemory } = await import(pathToFileURL(join(pkgDir, "lib", "core.js")).href);

/** Grows the instance's memory to WebAssembly's 4 GiB limit (address space only: nothing is touched). */
function exhaust(memory) {
  const pages = memory.buffer.byteLength / 65536;
  memory.grow(65536 - pages);
}

test("a trapped core answers 500 once, then a fresh core answers", async (t) => {
  const logged = [];
  t.mock.method(console, "error", (...args) => logged.push(args.join(" ")));
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  t.after(close);
  assert.equal((await standIn.fetch(create("http://stand-in.test"))).status, 200);
  standIn.addFaults({ status: 503 });
  const trapped = currentMemory();
  exhaust(trapped);
  // 64 MiB of header: copying it into the core needs memory it cannot get.
  const huge = await standIn.fetch("http://stand-in.test/__admin/requests", { headers: { "x-filler": "a".repeat(64 << 20) } });
  assert.equal(huge.status, 500);
  assert.match((await huge.json()).errorDetails.errorMsg, /started afresh/);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /WebAssembly core stopped \(unreachable\)/);
  assert.notEqual(currentMemory(), trapped, "a fresh instance");
  // Later requests work, over HTTP and in process; the state is gone.
  assert.deepEqual(await (await fetch(`${url}/__admin/faults`)).json(), []);
  const created = await fetch(create(url));
  assert.equal(created.status, 200);
  assert.equal((await created.json()).details.nrequests, 1);
  assert.equal((await standIn.fetch(create("http://stand-in.test"), {})).status, 200);
  assert.equal(standIn.sessions().length, 2);
  assert.equal(logged.length, 1, "one line per trap");
});

test("a stand-in whose core shared the trapped instance starts afresh too", async (t) => {
  const warned = [];
  t.mock.method(console, "warn", (...args) => warned.push(args.join(" ")));
  t.mock.method(console, "error", () => {});
  const [a, b] = await Promise.all([createStandIn(), createStandIn()]);
  await b.fetch(create("http://stand-in.test"));
  exhaust(currentMemory());
  const huge = await a.fetch("http://stand-in.test/rest/session", { method: "POST", headers: { "integration-key": PUBLIC, "x-filler": "a".repeat(64 << 20) }, body: "{}" });
  assert.equal(huge.status, 500);
  assert.equal((await b.fetch(create("http://stand-in.test"))).status, 200);
  assert.equal(b.sessions().length, 1, "b's earlier session went with the old instance");
  assert.equal(warned.length, 1);
});
