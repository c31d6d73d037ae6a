// The documented error envelope, `{"result":"ERROR","details":null,
// "errorDetails":{"errorCode":400,"errorMsg":"..."}}`: the server's words
// reach the message whether errorDetails is that object or a string, for
// every kind of failure; errorDetails stays what the server sent, but no
// copy of the caller's key survives anywhere in a TakeControlError.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession, TakeControlError } from "takecontrol-session";
import { admin, apiBase, publicKey, rejection, reset } from "./admin.mjs";

/** Answers the next createSession with `status` and `body`. */
async function answer(status, body) {
  await reset();
  await admin("POST", "faults", { path: "/rest/session", status, body: JSON.stringify(body), times: 3 });
}

const call = () => createSession({ publicKey, apiBase, maxRetries: 0 });

/** Every string in a value, member names included (what a log of the error could show). */
function strings(value) {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([name, member]) => [name, ...strings(member)]);
}

const envelope = (errorCode, errorMsg) => ({ result: "ERROR", details: null, errorDetails: { errorCode, errorMsg } });

test("the documented object's errorMsg is quoted in the message, for every status that can carry it", async () => {
  for (const [status, code] of [
    [400, "invalid_request"],
    [403, "invalid_key"],
    [429, "rate_limited"],
    [500, "server_error"],
    [503, "server_error"],
  ]) {
    await answer(status, envelope(status, "Missing required field: customer_email"));
    const error = await rejection(call());
    assert.ok(error instanceof TakeControlError);
    assert.equal(error.code, code, `HTTP ${status}`);
    assert.equal(error.status, status);
    assert.match(error.message, /\(server said: Missing required field: customer_email\)$/, `HTTP ${status}`);
    assert.deepEqual(error.errorDetails, { errorCode: status, errorMsg: "Missing required field: customer_email" });
  }
});

test("a 200 whose result is not SUCCESS quotes the object's errorMsg too", async () => {
  await answer(200, envelope(200, "The queue is closed"));
  const error = await rejection(call());
  assert.equal(error.code, "api_error");
  assert.match(error.message, /\(server said: The queue is closed\)$/);
  assert.deepEqual(error.errorDetails, { errorCode: 200, errorMsg: "The queue is closed" });
});

test("a string errorDetails is still quoted, and one without words adds nothing", async () => {
  await answer(400, { result: "ERROR", errorDetails: "bad department" });
  assert.match((await rejection(call())).message, /\(server said: bad department\)$/);
  await answer(400, envelope(400, null));
  const error = await rejection(call());
  assert.doesNotMatch(error.message, /server said/);
  assert.deepEqual(error.errorDetails, { errorCode: 400, errorMsg: null });
});

test("long server words are cut to 200 characters in the message, and kept whole in errorDetails", async () => {
  const words = "w".repeat(500);
  await answer(400, envelope(400, words));
  const error = await rejection(call());
  assert.ok(error.message.endsWith(`(server said: ${"w".repeat(200)})`));
  assert.equal(error.errorDetails.errorMsg, words);
});

test("the words quoted are trimmed and counted in characters, not UTF-16 units; blank words add nothing", async () => {
  await answer(503, envelope(503, `  \n${"😀".repeat(300)}\t `));
  const error = await rejection(call());
  assert.ok(error.message.endsWith(`(server said: ${"😀".repeat(200)})`), error.message);
  await answer(400, { result: "ERROR", errorDetails: " \n\t " });
  assert.doesNotMatch((await rejection(call())).message, /server said/);
});

test("a page getter that throws on errorMsg costs the quote, never the error", async () => {
  await answer(400, { result: "ERROR", errorDetails: { errorCode: 400 } });
  Object.defineProperty(Object.prototype, "errorMsg", { configurable: true, get: () => { throw new Error("page getter"); } });
  try {
    const error = await rejection(call());
    assert.ok(error instanceof TakeControlError);
    assert.equal(error.code, "invalid_request");
    assert.doesNotMatch(error.message, /server said/);
  } finally {
    delete Object.prototype.errorMsg;
  }
});

test("a key the server echoes is redacted from the message and from errorDetails, wherever it is", async () => {
  const key = "echoed-public-key-42";
  const echoed = {
    result: "ERROR",
    details: null,
    errorDetails: {
      errorCode: 403,
      errorMsg: `key ${key} is not valid`,
      request: { headers: { "INTEGRATION-KEY": key }, [key]: [key, `a${key}b`] },
    },
  };
  await answer(403, echoed);
  const error = await rejection(createSession({ publicKey: key, apiBase, maxRetries: 0 }));
  assert.equal(error.code, "invalid_key");
  assert.match(error.message, /key \[redacted key\] is not valid/);
  assert.equal(error.errorDetails.errorMsg, "key [redacted key] is not valid");
  assert.deepEqual(error.errorDetails.request, {
    headers: { "INTEGRATION-KEY": "[redacted key]" },
    "[redacted key]": ["[redacted key]", "a[redacted key]b"],
  });
  for (const text of [error.message, error.stack, ...strings(error.errorDetails), JSON.stringify(error)]) {
    assert.doesNotMatch(text, new RegExp(key), text);
  }
});

test("errorDetails without the key is passed on as the server sent it", async () => {
  const details = { errorCode: 400, errorMsg: "nope", extra: [1, { deep: true }] };
  await answer(400, { result: "ERROR", details: null, errorDetails: details });
  assert.deepEqual((await rejection(call())).errorDetails, details);
});
