// The built npm package (pkg/) as an integrator imports it, by name: the
// Node.js entry (self-initializing), the web entry, CommonJS, the error
// class across the module boundary, and the README's example.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { promisify } from "node:util";
import { createSession, TakeControlError, validateSessionRequest } from "takecontrol-session";
import { admin, apiBase, publicKey, received, rejection, reset } from "./admin.mjs";

const run = promisify(execFile);

test("createSession resolves with the queue position from the stand-in", async () => {
  await reset();
  const session = await createSession({ publicKey, apiBase, customerName: "Grace Hopper", showWaitingQueue: true });
  assert.equal(session.queueLength, 1);
  assert.equal(session.requests.length, 1);
  assert.equal(typeof session.requests[0].waitingMinutes, "number");
  assert.equal(session.raw.result, "SUCCESS");
  const [request] = await received();
  assert.deepEqual(JSON.parse(request.body), { customer_name: "Grace Hopper", show_waiting_queue: 1 });
});

test("failures are TakeControlError from the package entry, and real Errors", async () => {
  await reset();
  const error = await rejection(createSession({ publicKey, apiBase, customer_name: "x" }));
  assert.ok(error instanceof TakeControlError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "TakeControlError");
  assert.equal(error.code, "invalid_options");
  assert.equal(error.field, "customer_name");
  assert.match(error.stack, /TakeControlError/);
  assert.deepEqual(await received(), []);
});

test("a wrong key is invalid_key with the status, and the key is not in the message", async () => {
  const key = "not-our-key-7c1e";
  const error = await rejection(createSession({ publicKey: key, apiBase }));
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

test("the web entry works in Node.js when init() is handed the module", async () => {
  const web = await import("takecontrol-session/web");
  await web.default({ module_or_path: await readFile(new URL("../../pkg/takecontrol_session_bg.wasm", import.meta.url)) });
  await reset();
  const session = await web.createSession({ publicKey, apiBase });
  assert.equal(session.queueLength, 1);
  const error = await rejection(web.createSession({ publicKey: "" }));
  assert.ok(error instanceof web.TakeControlError);
});

test("CommonJS require() of the package works (Node.js 20.19+)", async () => {
  const script = `const tc = require("takecontrol-session");
    tc.createSession({ publicKey: ${JSON.stringify(publicKey)}, apiBase: ${JSON.stringify(apiBase)} })
      .then((s) => console.log("queue", s.queueLength, typeof tc.TakeControlError));`;
  await reset();
  const { stdout } = await run(process.execPath, ["-e", script]);
  assert.equal(stdout.trim(), "queue 1 function");
});

test("the README's examples run as written", async () => {
  await reset();
  const env = { ...process.env, TAKECONTROL_API_BASE: apiBase };
  const quick = await run(process.execPath, ["examples/quickstart.mjs"], { env });
  assert.match(quick.stdout, /^You are number 1 in line; estimated wait: \d+ min\.$/m);
  const history = await run(process.execPath, ["examples/history.mjs"], { env });
  // The session just created, and the fixture's recent sessions, are there.
  assert.match(history.stdout, /^\d+ session\(s\) since \d{4}-\d\d-\d\d$/m);
  assert.match(history.stdout, /John Doe/);
  const count = Number(/^(\d+) session/m.exec(history.stdout)[1]);
  assert.ok(count >= 2, history.stdout);
  const ticket = await run(process.execPath, ["examples/ticket.mjs"], { env });
  assert.match(ticket.stdout, /^Ticket 1 filed: a technician will email john@example\.com\.$/m);
});
