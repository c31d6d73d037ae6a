// What an attacker could get from the package in Node.js (SECURITY.md): a
// hostile answer that echoes the key in any form, or quotes words meant for
// the visitor; option values too long to copy into the module.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession, validateSessionRequest, getSessionHistory, TakeControlError } from "takecontrol-session";
import { admin, apiBase, rejection, reset } from "./admin.mjs";

/** A key with characters that JSON escaping, percent-encoding and Base64 each write differently. */
const KEY = 'Ab9_key/with+some="chars"\\end-0123456789';

/** Every string in a value, member names included (what a log of the error could show). */
function strings(value) {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([name, member]) => [name, ...strings(member)]);
}

/** The ways a server may echo the key. */
const ECHOES = {
  raw: KEY,
  "upper case": KEY.toUpperCase(),
  "lower case": KEY.toLowerCase(),
  "percent-encoded": encodeURIComponent(KEY),
  "percent-encoded, lower-case hex": encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  Base64: btoa(KEY),
};

async function answer(status, errorDetails) {
  await reset();
  await admin("POST", "faults", { path: "/rest/session", status, body: JSON.stringify({ result: "ERROR", details: null, errorDetails }), times: 3 });
}

const call = () => createSession({ publicKey: KEY, apiBase, maxRetries: 0 });

test("a key echoed near the end of long server words is redacted before they are cut to 200 characters", async () => {
  // 180 characters of words, then the key: a cut at 200 first would keep its first 20 characters.
  const words = `${"w".repeat(180)} ${KEY} is not valid`;
  await answer(400, { errorCode: 400, errorMsg: words });
  const error = await rejection(call());
  assert.equal(error.code, "invalid_request");
  for (const text of strings({ message: error.message, serverMessage: error.serverMessage, errorDetails: error.errorDetails })) {
    assert.ok(!text.includes(KEY.slice(0, 8)), `no part of the key survives: ${text}`);
  }
  assert.ok(error.serverMessage.startsWith(`${"w".repeat(180)} [redacted key]`), error.serverMessage);
  assert.ok([...error.serverMessage].length <= 200);
});

for (const [form, echo] of Object.entries(ECHOES)) {
  test(`a key echoed ${form} is redacted from the message, serverMessage and errorDetails`, async () => {
    await answer(403, { errorCode: 403, errorMsg: `key ${echo} refused`, echoed: { [echo]: [echo, `a${echo}b`] } });
    const error = await rejection(call());
    assert.equal(error.code, "invalid_key");
    const all = strings({ message: error.message, serverMessage: error.serverMessage, errorDetails: error.errorDetails });
    for (const text of all) assert.ok(!text.includes(echo), `${form}: ${text}`);
    assert.equal(error.serverMessage, "key [redacted key] refused");
    assert.deepEqual(error.errorDetails.echoed, { "[redacted key]": ["[redacted key]", "a[redacted key]b"] });
  });
}

test("the server's words are in their own field, serverMessage, apart from the code a page shows words for", async () => {
  const words = "Call +1-800-555-0199 or download https://evil.example/fix.exe";
  await answer(400, { errorCode: 400, errorMsg: words });
  const error = await rejection(call());
  assert.ok(error instanceof TakeControlError);
  assert.equal(error.code, "invalid_request");
  assert.equal(error.serverMessage, words);
  await answer(400, "plain text words");
  assert.equal((await rejection(call())).serverMessage, "plain text words");
  await answer(400, { errorCode: 400 });
  assert.equal((await rejection(call())).serverMessage, undefined, "no words, no field");
});

test("two 500-million-character fields are refused as too_long in JS, never a trap of the module", () => {
  const huge = "x".repeat(500_000_000);
  const problems = validateSessionRequest({ publicKey: "demo-public-key", customerName: huge, problemDescription: huge });
  assert.deepEqual(
    problems.map(({ field, reason }) => [field, reason]),
    [
      ["customerName", "too_long"],
      ["problemDescription", "too_long"],
    ],
  );
  assert.equal(problems[0].limit, undefined, "refused before its rule was applied: no limit to report");
  // The module still works afterwards.
  assert.deepEqual(validateSessionRequest({ publicKey: "demo-public-key", customerName: "Ada" }), []);
});

test("an overlong key, apiBase or history filter is refused the same way, and nothing is sent", async () => {
  await reset();
  const long = "k".repeat(65_537);
  const error = await rejection(createSession({ publicKey: long, apiBase }));
  assert.equal(error.code, "invalid_options");
  assert.deepEqual(error.fieldErrors.map(({ field, reason }) => [field, reason]), [["publicKey", "too_long"]]);
  assert.equal((await rejection(createSession({ publicKey: "demo-public-key", apiBase: `https://${long}.example` }))).fieldErrors[0].reason, "too_long");
  const history = await rejection(getSessionHistory({ privateKey: "demo-private-key", apiBase, vars: Array(1001).fill("ID") }));
  assert.deepEqual(history.fieldErrors.map(({ field, reason }) => [field, reason]), [["vars", "too_long"]]);
  // 65,536 UTF-16 units is still read, and meets the field's own rule.
  const [atCap] = validateSessionRequest({ publicKey: "demo-public-key", customerName: "n".repeat(65_536) });
  assert.deepEqual([atCap.reason, atCap.limit], ["too_long", 128]);
  assert.deepEqual(await admin("GET", "requests"), [], "nothing reached the stand-in");
});
