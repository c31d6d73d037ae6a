// The built npm package (pkg/) as an integrator imports it: the package
// entry's exports, the error class across the module boundary, and a real
// call from Node.js against the stand-in API (npm test starts it).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, test } from "node:test";
import init, { createSession, TakeControlError, validateSessionRequest } from "../../pkg/index.js";

const apiBase = process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787";
const publicKey = "demo-public-key";

async function admin(method, path, body) {
  const response = await fetch(`${apiBase}/__admin/${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `admin ${path}: ${response.status}`);
  return response.json();
}

before(async () => {
  // The web build in Node: hand init() the module's bytes.
  await init({ module_or_path: await readFile(new URL("../../pkg/takecontrol_session_bg.wasm", import.meta.url)) });
});

test("createSession resolves with the queue position from the stand-in", async () => {
  await admin("POST", "reset");
  const session = await createSession({ publicKey, apiBase, customerName: "Grace Hopper", showWaitingQueue: true });
  assert.equal(session.queueLength, 1);
  assert.equal(session.requests.length, 1);
  assert.equal(typeof session.requests[0].waitingMinutes, "number");
  assert.equal(session.raw.result, "SUCCESS");
  const [request] = await admin("GET", "requests");
  assert.deepEqual(JSON.parse(request.body), { customer_name: "Grace Hopper", show_waiting_queue: 1 });
});

test("failures are TakeControlError from the package entry, and real Errors", async () => {
  await admin("POST", "reset");
  const error = await createSession({ publicKey, apiBase, customer_name: "x" }).then(
    () => assert.fail("an unknown option must be refused"),
    (e) => e,
  );
  assert.ok(error instanceof TakeControlError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "TakeControlError");
  assert.equal(error.code, "invalid_options");
  assert.equal(error.field, "customer_name");
  assert.match(error.stack, /TakeControlError/);
  assert.deepEqual(await admin("GET", "requests"), []);
});

test("a wrong key is invalid_key with the status, and the key is not in the message", async () => {
  const key = "not-our-key-7c1e";
  const error = await createSession({ publicKey: key, apiBase }).catch((e) => e);
  assert.ok(error instanceof TakeControlError);
  assert.equal(error.code, "invalid_key");
  assert.equal(error.status, 403);
  assert.ok(!error.message.includes(key));
});

test("validateSessionRequest shares createSession's rules", () => {
  assert.deepEqual(validateSessionRequest({ publicKey, customerName: "Ada" }), []);
  const errors = validateSessionRequest({ publicKey, customerName: "a".repeat(129), customerEmail: "nope" });
  assert.deepEqual(
    errors.map((e) => e.field),
    ["customerName", "customerEmail"],
  );
});

test("the README's quickstart example runs as written", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)(process.execPath, ["examples/quickstart.mjs"], {
    env: { ...process.env, TAKECONTROL_API_BASE: apiBase },
  });
  assert.match(stdout, /^You are number \d+ in line; estimated wait: \d+ min\.$/m);
});
