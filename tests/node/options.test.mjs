// How the shipped build reads an option object (js/options.js checks the
// names and JS types in one call, src/call/options.rs takes the values by name): odd
// objects a caller can pass give typed field errors, never a crash, and
// nothing is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession, getSessionHistory, validateSessionRequest } from "takecontrol-session";
import { apiBase, publicKey, received, rejection, reset } from "./admin.mjs";

const fields = (errors) => errors.map((error) => [error.field, error.message]);

test("a getter that throws is a field error naming the option", () => {
  const options = { publicKey };
  Object.defineProperty(options, "customerName", { enumerable: true, get: () => { throw new Error("boom"); } });
  assert.deepEqual(fields(validateSessionRequest(options)), [["customerName", "customerName could not be read (its getter threw)"]]);
});

test("an object whose keys cannot be read is refused as options (then the missing key)", () => {
  const options = new Proxy({}, { ownKeys() { throw new Error("no keys"); } });
  assert.deepEqual(fields(validateSessionRequest(options)), [
    ["options", "options could not be read"],
    ["publicKey", "publicKey is required"],
  ]);
});

test("an unknown name holding a NUL character is named as it is, and matches no option", () => {
  const errors = validateSessionRequest({ publicKey, "customerName\0": "Ada" });
  assert.equal(errors.length, 1);
  assert.equal(errors[0].field, "customerName\0");
  assert.match(errors[0].message, /^unknown option "customerName\0"/);
});

test("symbol keys are ignored; undefined values count as not given", () => {
  assert.deepEqual(validateSessionRequest({ publicKey, [Symbol("x")]: 1, customerName: undefined }), []);
});

test("each wrong type is named in the message", () => {
  const cases = [
    [{ publicKey, customerName: 42 }, "customerName must be a string, not a number"],
    [{ publicKey, customerName: null }, "customerName must be a string, not null"],
    [{ publicKey, customerName: ["Ada"] }, "customerName must be a string, not an array"],
    [{ publicKey, customerName: new Date(0) }, "customerName must be a string, not a Date"],
    [{ publicKey, departmentId: "12" }, "departmentId must be a number, not a string"],
    [{ publicKey, departmentId: 12n }, "departmentId must be a number, not a bigint"],
    [{ publicKey, showWaitingQueue: 1 }, "showWaitingQueue must be a boolean, not a number"],
    [{ publicKey, signal: new AbortController() }, "signal must be an AbortSignal, not an object"],
    [{ publicKey, signal: () => {} }, "signal must be an AbortSignal, not a function"],
    [{ publicKey, rateLimit: Symbol("x") }, "rateLimit must be an object, not a symbol"],
    [{ publicKey, customerName: "\uD800" }, "customerName holds an unpaired UTF-16 surrogate, which is not text"],
  ];
  for (const [options, message] of cases) {
    // The first error is the type; a rateLimit that is not an object also
    // leaves its two members missing, which are listed after it.
    assert.equal(validateSessionRequest(options)[0]?.message, message, message);
  }
  assert.equal(validateSessionRequest({ publicKey, customerName: 42 }).length, 1);
});

test("options that are not an object say what they are (then the missing key)", () => {
  for (const [value, what] of [[undefined, "undefined"], [null, "null"], ["x", "a string"], [[], "an array"], [() => {}, "a function"]]) {
    assert.deepEqual(fields(validateSessionRequest(value)), [
      ["options", `options must be an object, not ${what}`],
      ["publicKey", "publicKey is required"],
    ]);
  }
});

test("createSession refuses the same objects without sending anything", async () => {
  await reset();
  const error = await rejection(createSession(new Proxy({}, { ownKeys() { throw new Error("no"); } })));
  assert.equal(error.code, "invalid_options");
  assert.equal(error.field, "options");
  assert.deepEqual(await received(), []);
});

test("history vars and filters are read the same way", async () => {
  const options = { privateKey: "k", apiBase, vars: ["ID", 7], filters: { dateStartFrom: 5 } };
  const error = await rejection(getSessionHistory(options));
  assert.equal(error.code, "invalid_options");
  assert.equal(error.field, "vars");
  assert.equal(error.message, "vars must be a string, not a number");
  const dates = await rejection(getSessionHistory({ privateKey: "k", apiBase, filters: { dateStartFrom: 5 } }));
  assert.equal(dates.field, "filters.dateStartFrom");
  assert.equal(dates.message, 'filters.dateStartFrom must be a Date or a "YYYY-MM-DD HH:MM:SS" string, not a number');
});

test("a revoked Proxy, as the options or as a value, could not be read: a field error, not a crash", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.deepEqual(fields(validateSessionRequest(proxy)), [
    ["options", "options could not be read"],
    ["publicKey", "publicKey is required"],
  ]);
  assert.deepEqual(fields(validateSessionRequest({ publicKey, customerName: proxy })), [
    ["customerName", "customerName could not be read"],
  ]);
});

test("below the top level, a field error names the full path", async () => {
  const filters = {};
  Object.defineProperty(filters, "id", { enumerable: true, get: () => { throw new Error("boom"); } });
  const getter = await rejection(getSessionHistory({ privateKey: "k", apiBase, filters }));
  assert.equal(getter.field, "filters.id");
  assert.equal(getter.message, "filters.id could not be read (its getter threw)");
  const vars = ["ID"];
  Object.defineProperty(vars, 1, { enumerable: true, get: () => { throw new Error("boom"); } });
  const list = await rejection(getSessionHistory({ privateKey: "k", apiBase, vars }));
  assert.equal(list.field, "vars");
  assert.equal(list.message, "vars could not be read");
  assert.deepEqual(
    fields(validateSessionRequest({ publicKey, rateLimit: { requests: "5", perSecond: 60 } })).slice(0, 2),
    [
      ["rateLimit.requests", "rateLimit.requests must be a number, not a string"],
      ["rateLimit.perSecond", 'unknown option "rateLimit.perSecond": check its spelling (options are camelCase, e.g. customerName)'],
    ],
  );
});

test("text a caller's object throws is never taken for a message", () => {
  const vars = new Proxy(["ID"], { get() { throw "injected text"; } });
  const errors = fields(validateSessionRequest({ publicKey, customerName: new Proxy({}, { getPrototypeOf() { throw "injected"; } }) }));
  assert.deepEqual(errors, [["customerName", "customerName could not be read"]]);
  return rejection(getSessionHistory({ privateKey: "k", apiBase, vars })).then((error) => {
    assert.equal(error.field, "vars");
    assert.equal(error.message, "vars could not be read");
  });
});
