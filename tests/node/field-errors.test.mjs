// Field errors a form can translate: every problem with the options has a
// `reason` (and a `limit` where one applies) beside its English message, in
// validateSessionRequest's list and in an invalid_options rejection's
// `fieldErrors`; nothing is sent for a rejected call.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession, getSessionHistory, TakeControlError, validateSessionRequest } from "takecontrol-session";
import { apiBase, privateKey, publicKey, received, rejection, reset } from "./admin.mjs";

/** A field error without its English message: what a form translates. */
const coded = ({ field, reason, limit }) => (limit === undefined ? { field, reason } : { field, reason, limit });
const reasons = (options) => validateSessionRequest(options).map(coded);

test("each rule of createSession's options has its reason, and its limit where one applies", () => {
  const cases = [
    [{}, [{ field: "publicKey", reason: "required" }]],
    [{ publicKey: " " }, [{ field: "publicKey", reason: "required" }]],
    [{ publicKey: "two words" }, [{ field: "publicKey", reason: "invalid_format" }]],
    [{ publicKey, customer_name: "Ada" }, [{ field: "customer_name", reason: "unknown_option" }]],
    // A key of the wrong type is that, not also missing: no field is listed twice.
    [{ publicKey: 42 }, [{ field: "publicKey", reason: "wrong_type" }]],
    [{ publicKey, customerName: 42 }, [{ field: "customerName", reason: "wrong_type" }]],
    [{ publicKey, customerName: "\uD800" }, [{ field: "customerName", reason: "invalid_format" }]],
    [{ publicKey, customerName: "é".repeat(129) }, [{ field: "customerName", reason: "too_long", limit: 128 }]],
    [{ publicKey, customerEmail: "a".repeat(60) + "@x.fr" }, [{ field: "customerEmail", reason: "too_long", limit: 64 }]],
    [{ publicKey, customerEmail: "john at example.com" }, [{ field: "customerEmail", reason: "invalid_format" }]],
    [{ publicKey, customerNumber: "1".repeat(33) }, [{ field: "customerNumber", reason: "too_long", limit: 32 }]],
    [{ publicKey, problemDescription: "x".repeat(1025) }, [{ field: "problemDescription", reason: "too_long", limit: 1024 }]],
    [{ publicKey, departmentId: 0 }, [{ field: "departmentId", reason: "out_of_range", limit: 1 }]],
    [{ publicKey, departmentId: 2 ** 53 }, [{ field: "departmentId", reason: "out_of_range", limit: 2 ** 53 - 1 }]],
    [{ publicKey, departmentId: 1.5 }, [{ field: "departmentId", reason: "out_of_range" }]],
    [{ publicKey, technicianUsername: "bob" }, [{ field: "technicianUsername", reason: "invalid_format" }]],
    [{ publicKey, language: "french" }, [{ field: "language", reason: "invalid_format" }]],
    [{ publicKey, apiBase: "http://example.com" }, [{ field: "apiBase", reason: "invalid_format" }]],
    [{ publicKey, timeoutMs: 0 }, [{ field: "timeoutMs", reason: "out_of_range", limit: 1 }]],
    [{ publicKey, timeoutMs: 2 ** 31 }, [{ field: "timeoutMs", reason: "out_of_range", limit: 2 ** 31 - 1 }]],
    [{ publicKey, maxRetries: 11 }, [{ field: "maxRetries", reason: "out_of_range", limit: 10 }]],
    [{ publicKey, maxRetries: -1 }, [{ field: "maxRetries", reason: "out_of_range", limit: 0 }]],
    [{ publicKey, signal: "stop" }, [{ field: "signal", reason: "wrong_type" }]],
    [
      { publicKey, rateLimit: { requests: 0, perSeconds: 0 } },
      [
        { field: "rateLimit.requests", reason: "out_of_range", limit: 1 },
        { field: "rateLimit.perSeconds", reason: "out_of_range", limit: 0 },
      ],
    ],
    [
      { publicKey, rateLimit: { requests: 10001, perSeconds: 86401 } },
      [
        { field: "rateLimit.requests", reason: "out_of_range", limit: 10000 },
        { field: "rateLimit.perSeconds", reason: "out_of_range", limit: 86400 },
      ],
    ],
    [
      { publicKey, rateLimit: {} },
      [
        { field: "rateLimit.requests", reason: "required" },
        { field: "rateLimit.perSeconds", reason: "required" },
      ],
    ],
    [{ publicKey, rateLimit: 5 }, [{ field: "rateLimit", reason: "wrong_type" }, { field: "rateLimit.requests", reason: "required" }, { field: "rateLimit.perSeconds", reason: "required" }]],
  ];
  for (const [options, expected] of cases) assert.deepEqual(reasons(options), expected, JSON.stringify(options));
});

test("the message stays English for developers, and a valid request has no errors", () => {
  const [error] = validateSessionRequest({ publicKey, customerName: "é".repeat(129) });
  assert.equal(error.message, "customerName must be at most 128 characters");
  assert.deepEqual(Object.keys(error).sort(), ["field", "limit", "message", "reason"]);
  assert.deepEqual(Object.keys(validateSessionRequest({ publicKey, customerEmail: "nope" })[0]).sort(), ["field", "message", "reason"]);
  assert.deepEqual(validateSessionRequest({ publicKey, customerName: "Ada", customerEmail: "ada@example.com" }), []);
});

test("an invalid_options rejection carries every problem in fieldErrors, the first being its field, and sends nothing", async () => {
  await reset();
  const options = { publicKey, apiBase, customerEmail: "nope", language: "french", departmentId: -3 };
  const error = await rejection(createSession(options));
  assert.ok(error instanceof TakeControlError);
  assert.equal(error.code, "invalid_options");
  assert.equal(error.field, "customerEmail");
  assert.deepEqual(error.fieldErrors, validateSessionRequest(options));
  assert.deepEqual(error.fieldErrors.map(coded), [
    { field: "customerEmail", reason: "invalid_format" },
    { field: "departmentId", reason: "out_of_range", limit: 1 },
    { field: "language", reason: "invalid_format" },
  ]);
  assert.deepEqual(await received(), []);
});

test("getSessionHistory's filters and vars have their reasons too", async () => {
  const error = await rejection(
    getSessionHistory({
      privateKey,
      apiBase,
      vars: ["ID", "NOPE"],
      filters: { id: 0, dateStartFrom: "2026-02-01 00:00:00", dateStartTo: "2026-01-01 00:00:00", customerName: " ", techUsername: 3 },
    }),
  );
  assert.equal(error.code, "invalid_options");
  assert.deepEqual(error.fieldErrors.map(coded), [
    { field: "filters.techUsername", reason: "wrong_type" },
    { field: "vars", reason: "invalid_format" },
    { field: "filters.id", reason: "out_of_range", limit: 1 },
    { field: "filters.dateStartFrom", reason: "out_of_range" },
    { field: "filters.customerName", reason: "required" },
  ]);
  const empty = await rejection(getSessionHistory({ privateKey, apiBase, vars: [], filters: { dateStartTo: "yesterday" } }));
  assert.deepEqual(empty.fieldErrors.map(coded), [
    { field: "vars", reason: "required" },
    { field: "filters.dateStartTo", reason: "invalid_format" },
  ]);
});

test("errors other than invalid_options carry no fieldErrors", async () => {
  const error = await rejection(createSession({ publicKey: "wrong-key", apiBase, maxRetries: 0 }));
  assert.equal(error.code, "invalid_key");
  assert.equal("fieldErrors" in error, false);
});
