// createTicket, the public key's other call (POST /rest/ticket), against
// the stand-in: the exact wire request, every rule with nothing sent, the
// answer, the shared error codes, retries, dedupe and key redaction.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTicket, TakeControlError, validateTicketRequest } from "takecontrol-session";
import { admin, apiBase, privateKey, publicKey, received, rejection, reset } from "./admin.mjs";

const ticket = {
  publicKey,
  apiBase,
  agentId: 1234567891011,
  customerName: "John Doe",
  customerEmail: "john@example.com",
  problemDescription: "The printer is offline since this morning.",
};

const coded = ({ field, reason, limit }) => (limit === undefined ? { field, reason } : { field, reason, limit });

test("a ticket is POST /rest/ticket with exactly ids, customer_name, customer_email, problem_description", async () => {
  await reset();
  const created = await createTicket(ticket);
  assert.deepEqual(Object.keys(created).sort(), ["raw", "ticketNumber"]);
  assert.equal(created.ticketNumber, 1);
  assert.deepEqual(created.raw, { result: "SUCCESS", details: { ticket_number: 1 }, errorDetails: { errorCode: null, errorMsg: null } });
  const [request] = await received();
  assert.equal(request.method, "POST");
  assert.equal(request.path, "/rest/ticket");
  assert.deepEqual(request.key, { kind: "public", matched: true });
  assert.equal(request.headers["content-type"], "application/json");
  assert.equal(
    request.body,
    '{"ids":1234567891011,"customer_name":"John Doe","customer_email":"john@example.com","problem_description":"The printer is offline since this morning."}',
  );
  const [stored] = await admin("GET", "tickets");
  assert.equal(stored.ticket_number, 1);
  assert.equal(stored.ids, "1234567891011");
  assert.equal((await createTicket({ ...ticket, customerName: "Ada" })).ticketNumber, 2, "numbered from 1 up");
});

test("an agent id past Number.MAX_SAFE_INTEGER, given as its digits, is sent digit for digit", async () => {
  await reset();
  await createTicket({ ...ticket, agentId: "9223372036854775807" });
  const [request] = await received();
  assert.match(request.body, /^\{"ids":9223372036854775807,"customer_name"/);
  assert.equal((await admin("GET", "tickets"))[0].ids, "9223372036854775807");
});

test("every field is required, each rule has its reason, and a refused call sends nothing", async () => {
  await reset();
  assert.deepEqual(validateTicketRequest(ticket), []);
  assert.deepEqual(validateTicketRequest({ publicKey }).map(coded), [
    { field: "agentId", reason: "required" },
    { field: "customerName", reason: "required" },
    { field: "customerEmail", reason: "required" },
    { field: "problemDescription", reason: "required" },
  ]);
  const cases = [
    [{ agentId: 0 }, { field: "agentId", reason: "out_of_range", limit: 1 }],
    [{ agentId: 1.5 }, { field: "agentId", reason: "out_of_range" }],
    [{ agentId: "0123" }, { field: "agentId", reason: "invalid_format" }],
    [{ agentId: "12 34" }, { field: "agentId", reason: "invalid_format" }],
    [{ agentId: "9223372036854775808" }, { field: "agentId", reason: "out_of_range" }],
    [{ agentId: true }, { field: "agentId", reason: "wrong_type" }],
    [{ customerName: "é".repeat(101) }, { field: "customerName", reason: "too_long", limit: 100 }],
    [{ customerName: "   " }, { field: "customerName", reason: "required" }],
    [{ customerEmail: "john@example" }, { field: "customerEmail", reason: "invalid_format" }],
    [{ customerEmail: `${"a".repeat(60)}@${"b".repeat(36)}.com` }, { field: "customerEmail", reason: "too_long", limit: 100 }],
    [{ problemDescription: "x".repeat(4001) }, { field: "problemDescription", reason: "too_long", limit: 4000 }],
    [{ customer_name: "Ada" }, { field: "customer_name", reason: "unknown_option" }],
  ];
  for (const [change, expected] of cases) {
    const options = { ...ticket, ...change };
    assert.deepEqual(validateTicketRequest(options).map(coded), [expected], JSON.stringify(change));
    const error = await rejection(createTicket(options));
    assert.ok(error instanceof TakeControlError);
    assert.equal(error.code, "invalid_options");
    assert.equal(error.field, expected.field);
    assert.deepEqual(error.fieldErrors, validateTicketRequest(options));
  }
  // At the limits, accepted.
  assert.deepEqual(
    validateTicketRequest({ ...ticket, customerName: "é".repeat(100), problemDescription: "x".repeat(4000), agentId: "9223372036854775807" }),
    [],
  );
  assert.deepEqual(await received(), []);
});

test("a private key, or no valid key, is refused by the API as invalid_key, with the key redacted", async () => {
  await reset();
  const error = await rejection(createTicket({ ...ticket, publicKey: privateKey }));
  assert.equal(error.code, "invalid_key");
  assert.equal(error.status, 403);
  assert.doesNotMatch(error.message + JSON.stringify(error.errorDetails ?? ""), new RegExp(privateKey));
});

test("the API's 400 is invalid_request with the server's words, and 429 is retried", async () => {
  await reset();
  await admin("POST", "faults", {
    path: "/rest/ticket",
    status: 400,
    body: JSON.stringify({ result: "ERROR", details: null, errorDetails: { errorCode: 400, errorMsg: "Missing required field: customer_email" } }),
  });
  const error = await rejection(createTicket(ticket));
  assert.equal(error.code, "invalid_request");
  assert.match(error.message, /\(server said: Missing required field: customer_email\)$/);
  await reset();
  await admin("POST", "faults", { path: "/rest/ticket", status: 429, retry_after: "0", times: 1 });
  assert.equal((await createTicket(ticket)).ticketNumber, 1);
  assert.equal((await received()).length, 2, "one refused, one retried");
});

test("identical tickets in flight share one request: a double click files one ticket", async () => {
  await reset();
  await admin("POST", "faults", { path: "/rest/ticket", delay_ms: 200 });
  const [a, b] = await Promise.all([createTicket(ticket), createTicket(ticket)]);
  assert.equal(a, b);
  assert.equal((await admin("GET", "tickets")).length, 1);
});

test("an answer without details.ticket_number is unexpected_response", async () => {
  await reset();
  await admin("POST", "faults", { path: "/rest/ticket", status: 200, body: JSON.stringify({ result: "SUCCESS", details: {} }) });
  const error = await rejection(createTicket(ticket));
  assert.equal(error.code, "unexpected_response");
  assert.match(error.message, /details\.ticket_number/);
});

test("a ticket number sent as a string is passed on as a string", async () => {
  await reset();
  await admin("POST", "faults", { path: "/rest/ticket", status: 200, body: JSON.stringify({ result: "SUCCESS", details: { ticket_number: "T-00042" } }) });
  assert.equal((await createTicket(ticket)).ticketNumber, "T-00042");
});
