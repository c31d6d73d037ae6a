// createStandIn().fetch: the in-process handler, no socket.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PRIVATE, PUBLIC, create, createStandIn, fixture, sleep } from "./helpers.mjs";

const BASE = "http://stand-in.test";

test("creating a session with the public key answers 200 and queues it", async () => {
  const standIn = await createStandIn();
  const response = await standIn.fetch(create(BASE, { customer_name: "Zoë", technician_username: "tech@example.com" }));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  const body = await response.json();
  assert.equal(body.result, "SUCCESS");
  assert.equal(body.details.nrequests, 1);
  assert.equal(body.details.requests[0].tech_username, "tech@example.com");
  assert.equal(body.details.requests[0].waiting_time, 2);
  const second = await (await standIn.fetch(create(BASE))).json();
  assert.equal(second.details.nrequests, 2);
  const sessions = standIn.sessions();
  assert.equal(sessions.length, 2);
  assert.equal(sessions[0].customer_name, "Zoë");
  assert.equal(sessions[0].processed, "WAITING");
  assert.deepEqual(sessions[0].request, { customer_name: "Zoë", technician_username: "tech@example.com" });
});

test("works as globalThis.fetch with a URL string and init", async () => {
  const standIn = await createStandIn();
  const response = await standIn.fetch(`${BASE}/rest/session`, {
    method: "POST",
    headers: { "INTEGRATION-KEY": PUBLIC },
    body: "{}",
  });
  assert.equal(response.status, 200);
});

test("a wrong key, or the private key, is a 403 with the error envelope", async () => {
  const standIn = await createStandIn({ publicKey: "pub-SECRET", privateKey: "priv-SECRET" });
  for (const key of ["demo-public-key", "priv-SECRET", ""]) {
    const response = await standIn.fetch(create(BASE, {}, key));
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 403, errorMsg: "invalid key" } });
  }
  assert.equal((await standIn.fetch(create(BASE, {}, "pub-SECRET"))).status, 200);
});

test("a field over its limit is a 400 naming it", async () => {
  const standIn = await createStandIn();
  const response = await standIn.fetch(create(BASE, { customer_name: "x".repeat(129) }));
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 400, errorMsg: "customer_name: at most 128 characters" } });
});

test("a body over 64 KiB is a 413, logged", async () => {
  const standIn = await createStandIn();
  const response = await standIn.fetch(create(BASE, JSON.stringify({ notes: "x".repeat(70_000) })));
  assert.equal(response.status, 413);
  const [logged] = standIn.requests();
  assert.equal(logged.body, "");
});

test("a CORS preflight is answered 200 and not logged", async () => {
  const standIn = await createStandIn();
  const response = await standIn.fetch(`${BASE}/rest/session`, {
    method: "OPTIONS",
    headers: { origin: "https://desk.example", "access-control-request-method": "POST" },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-methods"), "GET,POST,DELETE,OPTIONS");
  assert.equal(response.headers.get("access-control-allow-headers"), "integration-key,content-type");
  assert.equal(response.headers.get("access-control-max-age"), "600");
  assert.deepEqual(standIn.requests(), []);
});

test("an unknown path is a JSON 404, a wrong method a 405 with Allow", async () => {
  const standIn = await createStandIn();
  const missing = await standIn.fetch(`${BASE}/nope`);
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 404, errorMsg: "not found: GET /nope" } });
  const wrong = await standIn.fetch(`${BASE}/rest/session`);
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get("allow"), "POST");
  assert.equal((await wrong.json()).result, "ERROR");
});

test("history answers the fixture with the private key, filtered", async () => {
  const standIn = await createStandIn({ fixture });
  assert.equal(standIn.fixtureRecords, fixture.length);
  const response = await standIn.fetch(`${BASE}/rest/session/history?vars=ID,HAS_VIDEOS&FILTER_HAS_VIDEOS=true`, {
    headers: { "integration-key": PRIVATE },
  });
  assert.equal(response.status, 200);
  const { details } = await response.json();
  assert.ok(details.length > 0 && details.length < fixture.length);
  assert.ok(details.every((record) => record.has_videos === true && Object.keys(record).length === 2));
  const bad = await standIn.fetch(`${BASE}/rest/session/history?vars=FOO`, { headers: { "integration-key": PRIVATE } });
  assert.equal(bad.status, 400);
  assert.deepEqual((await bad.json()).errorDetails, { errorCode: 400, errorMsg: "vars: unknown var FOO" });
});

test("fixtureRecent moves the newest session to yesterday", async () => {
  const standIn = await createStandIn({ fixture: JSON.stringify(fixture), fixtureRecent: true });
  const response = await standIn.fetch(`${BASE}/rest/session/history?vars=DATE_START`, { headers: { "integration-key": PRIVATE } });
  const starts = (await response.json()).details.map((r) => r.date_start).sort();
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  assert.equal(starts.at(-1).slice(0, 10), yesterday);
});

test("bad options are refused, naming no key", async () => {
  await assert.rejects(createStandIn({ publicKey: "same-SECRET", privateKey: "same-SECRET" }), (error) => {
    assert.equal(error.message, "the public and private keys must differ");
    return true;
  });
  await assert.rejects(createStandIn({ publicKey: "" }), /the keys must not be empty/);
  await assert.rejects(createStandIn({ fixture: [{ ID: 1, DATE_START: "yesterday" }] }), /^Error: fixture: ID 1: DATE_START/);
  await assert.rejects(createStandIn({ fixture: "{" }), /^Error: fixture: /);
});

test("a 429 fault with retry_after is answered instead, and logged as faulted", async () => {
  const standIn = await createStandIn();
  assert.deepEqual(standIn.addFaults({ path: "/rest/session", status: 429, retry_after: "2", times: 2 }), { queued: 1, added: 1 });
  assert.equal(standIn.faults()[0].remaining, 2);
  for (let i = 0; i < 2; i++) {
    const response = await standIn.fetch(create(BASE));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("retry-after"), "2");
    assert.deepEqual(await response.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 429, errorMsg: "injected 429" } });
  }
  assert.equal((await standIn.fetch(create(BASE))).status, 200);
  assert.deepEqual(
    standIn.requests().map((r) => r.faulted),
    [true, true, false],
  );
  assert.equal(standIn.sessions().length, 1);
  assert.deepEqual(standIn.faults(), []);
});

test("a bad fault spec is refused with the admin API's 400", async () => {
  const standIn = await createStandIn();
  assert.throws(() => standIn.addFaults({ status: 429, colour: "red" }), (error) => {
    assert.equal(error.name, "StandInAdminError");
    assert.equal(error.status, 400);
    assert.match(error.message, /^admin API: 400 colour: /);
    assert.equal(error.errorDetails.errorCode, 400);
    assert.match(error.errorDetails.errorMsg, /^colour: /);
    return true;
  });
});

test("a delay fault delays the answer, then handles the request", async () => {
  const standIn = await createStandIn();
  standIn.addFaults({ delay_ms: 300 });
  const started = Date.now();
  const response = await standIn.fetch(create(BASE));
  assert.ok(Date.now() - started >= 290, `answered after ${Date.now() - started} ms`);
  assert.equal(response.status, 200);
  assert.equal(standIn.sessions().length, 1);
});

test("a request aborted during its delay is never handled", async () => {
  const standIn = await createStandIn();
  standIn.addFaults({ delay_ms: 5_000 });
  const controller = new AbortController();
  const answer = standIn.fetch(create(BASE, {}, PUBLIC, { signal: controller.signal }));
  await sleep(50);
  controller.abort();
  await assert.rejects(answer, { name: "AbortError" });
  assert.equal(standIn.requests().length, 1, "logged on arrival");
  assert.equal(standIn.sessions().length, 0, "but never handled");
  // An already aborted signal: not even logged.
  await assert.rejects(standIn.fetch(create(BASE, {}, PUBLIC, { signal: AbortSignal.abort() })), { name: "AbortError" });
  assert.equal(standIn.requests().length, 1);
});

test("a stalled answer sends its first bytes and never ends until aborted", async () => {
  const standIn = await createStandIn();
  standIn.addFaults({ status: 200, body: "abcdef", stall_after_bytes: 2 });
  const controller = new AbortController();
  const response = await standIn.fetch(create(BASE, {}, PUBLIC, { signal: controller.signal }));
  assert.equal(response.status, 200);
  const reader = response.body.getReader();
  assert.equal(new TextDecoder().decode((await reader.read()).value), "ab");
  const next = reader.read();
  const raced = await Promise.race([next.then(() => "more"), sleep(200).then(() => "stalled")]);
  assert.equal(raced, "stalled");
  controller.abort();
  await assert.rejects(next, { name: "AbortError" });
});

test("close() cuts a delay with the 503 of a stopping server, and ends stalls", async () => {
  const standIn = await createStandIn();
  standIn.addFaults([{ delay_ms: 60_000 }, { status: 200, body: "abcdef", stall_after_bytes: 3 }]);
  const delayed = standIn.fetch(create(BASE));
  const stalled = await standIn.fetch(create(BASE));
  const reader = stalled.body.getReader();
  await reader.read();
  await standIn.close();
  const cut = await delayed;
  assert.equal(cut.status, 503);
  assert.deepEqual(await cut.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 503, errorMsg: "server shutting down" } });
  await assert.rejects(reader.read(), /stopped during a stalled answer/);
});

test("the admin API: requests, clearRequests, sessions, faults, reset", async () => {
  const standIn = await createStandIn({ fixture });
  await standIn.fetch(create(BASE, { customer_name: "Ana" }));
  await standIn.fetch(`${BASE}/rest/session/history?vars=ID`, { headers: { "integration-key": PRIVATE } });
  const log = standIn.requests();
  assert.equal(log.length, 2);
  assert.equal(log[0].method, "POST");
  assert.deepEqual(log[0].key, { kind: "public", matched: true });
  assert.equal(log[0].headers["integration-key"], "[redacted]");
  assert.deepEqual(log[0].json, { customer_name: "Ana" });
  assert.equal(log[1].query, "vars=ID");
  assert.equal(standIn.sessions()[0].id, Math.max(...fixture.map((r) => r.ID)) + 1);
  standIn.addFaults([{ status: 500 }, { status: 502, times: 3 }]);
  assert.equal(standIn.faults().length, 2);
  assert.deepEqual(standIn.reset(), { reset: true, cleared: { requests: 2, sessions: 1, tickets: 0, faults: 2 } });
  assert.deepEqual([standIn.requests(), standIn.sessions(), standIn.faults()], [[], [], []]);
  await standIn.fetch(create(BASE));
  assert.equal(standIn.clearRequests(), 1);
  assert.equal(standIn.clearFaults(), 0);
  // The admin API is reachable through fetch too, as over HTTP.
  const faults = await standIn.fetch(`${BASE}/__admin/faults`, { method: "POST", body: '{"status":503}' });
  assert.deepEqual(await faults.json(), { queued: 1, added: 1 });
  assert.equal((await standIn.fetch(create(BASE))).status, 503);
});

test("a ticket is numbered from 1, listed with its ids digit for digit, and reset", async () => {
  const standIn = await createStandIn();
  const body = '{"ids":12345678901234567891,"customer_name":"Zoë","customer_email":"zoe@example.com","problem_description":"Printer offline"}';
  const ticket = (key = PUBLIC, text = body) =>
    standIn.fetch(`${BASE}/rest/ticket`, { method: "POST", headers: { "integration-key": key, "content-type": "application/json" }, body: text });
  for (const number of [1, 2]) {
    const response = await ticket();
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { result: "SUCCESS", details: { ticket_number: number }, errorDetails: { errorCode: null, errorMsg: null } });
  }
  const [first] = standIn.tickets();
  assert.deepEqual(Object.keys(first).sort(), ["customer_email", "customer_name", "date_created", "ids", "problem_description", "ticket_number"]);
  assert.equal(first.ids, "12345678901234567891");
  assert.equal(first.customer_name, "Zoë");
  assert.match(first.date_created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const refused = await ticket(PRIVATE);
  assert.equal(refused.status, 403);
  const missing = await ticket(PUBLIC, '{"ids":1,"customer_name":"Zoë","problem_description":"x"}');
  assert.deepEqual(await missing.json(), { result: "ERROR", details: null, errorDetails: { errorCode: 400, errorMsg: "Missing required field: customer_email" } });
  standIn.addFaults({ path: "/rest/ticket", status: 503 });
  assert.equal((await ticket()).status, 503);
  assert.equal(standIn.tickets().length, 2);
  assert.equal(standIn.requests().filter((r) => r.path === "/rest/ticket" && r.faulted).length, 1);
  assert.deepEqual(standIn.reset().cleared, { requests: 5, sessions: 0, tickets: 2, faults: 0 });
  assert.deepEqual(standIn.tickets(), []);
  assert.equal((await (await ticket()).json()).details.ticket_number, 1);
});

test("in process there is no Host or admin check: the caller holds the stand-in", async () => {
  const standIn = await createStandIn();
  // A page's headers and a text/plain body: over HTTP this would be a 403.
  const added = await standIn.fetch(`${BASE}/__admin/faults`, {
    method: "POST",
    headers: { origin: "https://evil.example", "content-type": "text/plain" },
    body: '{"status":503}',
  });
  assert.equal(added.status, 200);
  assert.equal(added.headers.get("content-security-policy"), "sandbox");
  assert.equal(added.headers.get("x-content-type-options"), "nosniff");
  assert.equal((await standIn.fetch(create("http://evil.example:8787"))).status, 503);
  assert.deepEqual(standIn.stats().requests.entries, 1);
  // Markup is refused in process too.
  assert.throws(() => standIn.addFaults({ status: 200, content_type: "text/html" }), /^StandInAdminError: admin API: 400 content_type: /);
});
