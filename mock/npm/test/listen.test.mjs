// createStandIn().listen(): the same stand-in over real HTTP (node:http).
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { test } from "node:test";
import { PRIVATE, PUBLIC, create, createStandIn, sleep } from "./helpers.mjs";

test("listen() serves the API on a free port, sharing state with fetch", async (t) => {
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  t.after(close);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(create(url, { customer_name: "Zoë" }));
  assert.equal(response.status, 200);
  assert.equal((await response.json()).details.nrequests, 1);
  assert.equal(standIn.sessions()[0].customer_name, "Zoë");
  const preflight = await fetch(`${url}/rest/session/history`, { method: "OPTIONS" });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  const [logged] = standIn.requests();
  assert.deepEqual(logged.key, { kind: "public", matched: true });
  assert.equal(logged.headers["integration-key"], "[redacted]");
  assert.equal(logged.headers["content-type"], "application/json");
});

test("over HTTP a page needs the admin token: random, or set, and readable on the server", async (t) => {
  const standIn = await createStandIn();
  assert.match(standIn.adminToken, /^[0-9a-f]{32}$/);
  const first = await standIn.listen();
  t.after(first.close);
  assert.equal(first.adminToken, standIn.adminToken);
  const page = { origin: "https://evil.example" };
  const refused = await fetch(`${first.url}/__admin/requests`, { headers: page });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get("access-control-allow-origin"), null);
  const form = await fetch(`${first.url}/__admin/faults`, { method: "POST", body: '{"status":503}' });
  assert.equal(form.status, 415, "Node's fetch sends a string as text/plain");
  const ok = await fetch(`${first.url}/__admin/requests`, { headers: { ...page, "x-admin-token": first.adminToken } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), "*");
  // Tokenless and Origin-less, as Node's fetch sends it: let in, no CORS.
  const node = await fetch(`${first.url}/__admin/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: "[]" });
  assert.equal(node.status, 200);
  assert.equal(node.headers.get("access-control-allow-origin"), null);
  const set = await standIn.listen({ adminToken: "chosen-token" });
  t.after(set.close);
  assert.equal(set.adminToken, "chosen-token");
  const chosen = await fetch(`${set.url}/__admin/requests`, { headers: { ...page, "x-admin-token": "chosen-token" } });
  assert.equal(chosen.status, 200);
  await assert.rejects(standIn.listen({ adminToken: "with space" }), /visible ASCII/);
});

test("over HTTP a Host that is not loopback is refused, /rest included", async (t) => {
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  t.after(close);
  const status = (path, host) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { method: "POST", headers: { host, "integration-key": PUBLIC, "content-length": 2 } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end("{}");
    });
  assert.equal(await status("/rest/session", "evil.example:8787"), 421);
  assert.equal(await status("/__admin/reset", "evil.example:8787"), 421);
  assert.equal(await status("/rest/session", "localhost:1"), 200);
  assert.equal(standIn.sessions().length, 1);
});

test("history takes its vars from a JSON body on GET, as over HTTP only", async (t) => {
  const standIn = await createStandIn({ fixture: [{ ID: 7, DATE_START: "2026-01-02 03:04:05", CUSTOMER_NAME: "Ana" }] });
  const { url, close } = await standIn.listen();
  t.after(close);
  const body = JSON.stringify({ vars: ["ID", "CUSTOMER_NAME"] });
  const answer = await new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/rest/session/history`, { method: "GET", headers: { "integration-key": PRIVATE, "content-length": body.length } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(body);
  });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json.details, [{ id: 7, customer_name: "Ana" }]);
});

test("a declared body over the limit is a 413 without reading it", async (t) => {
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  t.after(close);
  const response = await fetch(`${url}/rest/session`, {
    method: "POST",
    headers: { "integration-key": PUBLIC },
    body: "x".repeat(70_000),
  });
  assert.equal(response.status, 413);
  assert.equal(standIn.requests().length, 1);
});

test("a client that leaves during a delay: the request is never handled", async (t) => {
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  t.after(close);
  standIn.addFaults({ delay_ms: 5_000 });
  const controller = new AbortController();
  const answer = fetch(create(url, {}, PUBLIC, { signal: controller.signal }));
  await sleep(200);
  controller.abort();
  await assert.rejects(answer, { name: "AbortError" });
  await sleep(100);
  assert.equal(standIn.requests().length, 1);
  assert.equal(standIn.sessions().length, 0);
});

test("a stalled answer is chunked, sends N bytes and hangs; close() cuts it", async () => {
  const standIn = await createStandIn();
  const { url, close } = await standIn.listen();
  standIn.addFaults([{ status: 200, body: "abcdef", stall_after_bytes: 2 }, { delay_ms: 60_000 }]);
  const response = await fetch(create(url));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-length"), null);
  assert.equal(response.headers.get("transfer-encoding"), "chunked");
  const reader = response.body.getReader();
  assert.equal(new TextDecoder().decode((await reader.read()).value), "ab");
  const delayed = fetch(create(url));
  await sleep(200);
  const started = Date.now();
  await close();
  assert.ok(Date.now() - started < 4_000, "stopping does not wait out the grace");
  await assert.rejects(reader.read());
  const cut = await delayed;
  assert.equal(cut.status, 503);
  assert.deepEqual(await cut.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 503, errorMsg: "server shutting down" } });
  await assert.rejects(fetch(`${url}/nope`), "no longer listening");
});

test("listen() on a port in use rejects", async (t) => {
  const standIn = await createStandIn();
  const first = await standIn.listen();
  t.after(first.close);
  const port = Number(new URL(first.url).port);
  await assert.rejects(standIn.listen({ port }), { code: "EADDRINUSE" });
});
