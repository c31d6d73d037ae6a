// A hand-written JavaScript client for Take Control's `POST /rest/session`:
// what an integrator could write instead of using takecontrol-session. The
// benchmark (bench/run.mjs) races it against the package, so it is written
// to do the same work, not less:
//
// What it does, as the package does:
// - reads the options the same way: unknown option names, wrong types,
//   `undefined` as not given, strings with unpaired UTF-16 surrogates, a
//   getter that throws; every error with the same field, reason and message,
//   in the same order (`validateSessionRequest` returns them all);
// - every field error as `{ field, reason, message }`, plus `limit` when one
//   applies (too_long: the most characters; out_of_range: the bound crossed);
//   the reasons required, unknown_option, wrong_type, too_long,
//   invalid_format, out_of_range;
// - the same limits and formats: lengths in Unicode code points
//   (customerName 128, customerEmail 64, customerNumber 32,
//   problemDescription 1024, technicianUsername 254), email addresses (not
//   at an IP address), language codes, departmentId, publicKey, timeoutMs,
//   maxRetries; apiBase read by the platform's URL parser, then held to the
//   package's rules (https://, or http:// on loopback only; no user info,
//   query or fragment), the last one read kept, as the package does;
// - the same request: `POST {apiBase}/rest/session`, headers INTEGRATION-KEY,
//   Accept: application/json and Content-Type: application/json, a JSON body
//   of the given fields only, snake_case, flags as 1/0, in the same order;
// - the same parse into the same result: `{ queueLength, requests:
//   [{ computerName, computerDomain, techUsername, waitingMinutes }], raw }`,
//   missing fields as null, a body that is not the documented shape refused;
// - the same typed errors (`TakeControlError` with `code`, `field`, `status`,
//   `retryAfterSeconds`, `errorDetails`, and `fieldErrors`, all of them, for
//   invalid_options) for every HTTP status, a non-SUCCESS result, a body
//   that is not JSON or over 1 MiB, network failures; the server's words
//   (errorDetails as text, or its errorMsg) quoted in the message, trimmed,
//   at most 200 characters, for every failure status and a 200 without
//   SUCCESS;
// - the same timeout (default 15 s for the whole call, an AbortController
//   that cancels the fetch), caller `signal`, and retries of 429/503 only
//   (default 2, Retry-After or backoff 150-300 ms doubling, never past the
//   deadline); a key is never quoted, in a message or in errorDetails.
//
// What it does not do:
// - no createTicket, validateTicketRequest or getSessionHistory, no
//   TypeScript declarations, no Node.js entry;
// - no `rateLimit` option (it is refused as an unknown option), and
//   identical calls in flight are not joined into one request: each call
//   sends its own;
// - a Retry-After date is read with `Date.parse`, which accepts more date
//   forms than the package's strict HTTP-date reader, and decimal seconds
//   with `Number`, which may differ from the package's reading in the last
//   digit;
// - a body without Content-Length is read whole with `response.text()` and
//   measured after, where the package stops reading past 1 MiB and refuses
//   one that is not UTF-8;
// - it has no test suite of its own: the benchmark only checks, before
//   timing, that it answers like the package on a set of valid and invalid
//   options and injected faults (bench/page.js, "parity").

const DEFAULT_API_BASE = "https://api.us0.swi-rc.com";
const DEFAULT_TIMEOUT_MS = 15000;
const DEFAULT_MAX_RETRIES = 2;
const MAX_BODY_BYTES = 1024 * 1024;

/** The one error type, as the package's: a real Error with a `code`. */
export class TakeControlError extends Error {
  constructor(code, message, extra) {
    super(message);
    this.name = "TakeControlError";
    this.code = code;
    if (extra) {
      for (const name of ["field", "status", "retryAfterSeconds", "errorDetails", "fieldErrors"]) {
        if (extra[name] !== undefined) this[name] = extra[name];
      }
    }
  }
}

// ---------------------------------------------------------------- reading

const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 3;
const SIGNAL = 4;

/** Every option of createSession and its type. */
const OPTIONS = {
  __proto__: null,
  publicKey: STRING,
  apiBase: STRING,
  timeoutMs: NUMBER,
  maxRetries: NUMBER,
  signal: SIGNAL,
  customerName: STRING,
  customerEmail: STRING,
  customerNumber: STRING,
  problemDescription: STRING,
  departmentId: NUMBER,
  technicianUsername: STRING,
  language: STRING,
  askCustomerInfo: BOOLEAN,
  showWaitingQueue: BOOLEAN,
};
const EXPECTED = { [STRING]: "a string", [NUMBER]: "a number", [BOOLEAN]: "a boolean", [SIGNAL]: "an AbortSignal" };

function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array"; // first, as the package: it throws for a revoked Proxy
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "bigint":
      return "a bigint";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
  }
  if (value instanceof Date) return "a Date";
  if (value instanceof AbortSignal) return "an AbortSignal";
  return "an object";
}

/** `{ field, reason, message }`, and `limit` (a maximum length, or the bound crossed) when one applies. */
const fieldError = (field, reason, message, limit) =>
  limit === undefined ? { field, reason, message } : { field, reason, message, limit };

/** An out_of_range error for `value`, whose range is `min` to `max`: `limit` is the bound it crossed, if any. */
const outOfRange = (field, message, value, min, max) =>
  fieldError(field, "out_of_range", message, value < min ? min : value > max ? max : undefined);

function hasType(value, type) {
  switch (type) {
    case STRING:
      return typeof value === "string";
    case NUMBER:
      return typeof value === "number";
    case BOOLEAN:
      return typeof value === "boolean";
    default:
      return value instanceof AbortSignal;
  }
}

/** Reads the option object: `[values, errors]`, as the package's options reader. */
function readOptions(options) {
  const values = {};
  const errors = [];
  let names;
  try {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      const what = options === undefined ? "undefined" : typeName(options);
      errors.push(fieldError("options", "wrong_type", `options must be an object, not ${what}`));
      return [values, errors];
    }
    names = Reflect.ownKeys(options);
  } catch {
    // A revoked Proxy.
    errors.push(fieldError("options", "wrong_type", "options could not be read"));
    return [values, errors];
  }
  for (const name of names) {
    if (typeof name !== "string") continue;
    let value;
    try {
      value = options[name];
    } catch {
      errors.push(fieldError(name, "wrong_type", `${name} could not be read (its getter threw)`));
      continue;
    }
    if (value === undefined) continue;
    const type = OPTIONS[name];
    if (type === undefined) {
      const shown = name.length > 64 ? Array.from(name).slice(0, 64).join("") : name;
      errors.push(
        fieldError(name, "unknown_option", `unknown option "${shown}": check its spelling (options are camelCase, e.g. customerName)`),
      );
      continue;
    }
    try {
      if (!hasType(value, type)) {
        errors.push(fieldError(name, "wrong_type", `${name} must be ${EXPECTED[type]}, not ${typeName(value)}`));
      } else if (type === STRING && !value.isWellFormed()) {
        errors.push(fieldError(name, "invalid_format", `${name} holds an unpaired UTF-16 surrogate, which is not text`));
      } else {
        values[name] = value;
      }
    } catch {
      // A revoked Proxy, which cannot even be asked what it is.
      errors.push(fieldError(name, "wrong_type", `${name} could not be read`));
    }
  }
  return [values, errors];
}

// ---------------------------------------------------------------- rules

// Rust's char::is_whitespace / is_control, which the package's rules use.
const WHITESPACE = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const ALL_WHITESPACE = new RegExp(`^[${WHITESPACE}]*$`);
const TRIM = new RegExp(`^[${WHITESPACE}]+|[${WHITESPACE}]+$`, "g");
const UNCLEAN = new RegExp(`[${WHITESPACE}\\x00-\\x1f\\x7f-\\x9f]`);
const LABEL = /^[A-Za-z0-9_\-\u{80}-\u{10FFFF}]+$/u; // ASCII letters and digits, or any non-ASCII character
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const KEY = /^[\x21-\x7e]*$/;
const DIGITS = /^[0-9]+$/;

/** Length in code points, counted only when it could matter. */
function tooLong(text, max) {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}

function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isPlausibleEmail(text) {
  const at = text.lastIndexOf("@");
  if (at < 0) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local === "" || utf8Length(local) > 64 || UNCLEAN.test(local) || local.includes("@")) return false;
  if (UNCLEAN.test(domain) || utf8Length(domain) > 253) return false;
  const labels = domain.split(".");
  const tld = labels[labels.length - 1];
  // Two characters or more, not all digits: an IP address is no mail domain.
  if (labels.length < 2 || Array.from(tld).length < 2 || DIGITS.test(tld)) return false;
  for (const label of labels) {
    if (!LABEL.test(label) || label[0] === "-" || label[label.length - 1] === "-") return false;
  }
  return true;
}

const isLanguageCode = (text) => text.length <= 35 && LANGUAGE.test(text);

const TEXT_LIMITS = [
  ["customerName", 128],
  ["customerEmail", 64],
  ["customerNumber", 32],
  ["problemDescription", 1024],
];

function requestErrors(values, errors) {
  for (const [field, max] of TEXT_LIMITS) {
    const text = values[field];
    if (text === undefined) continue;
    if (tooLong(text, max)) errors.push(fieldError(field, "too_long", `${field} must be at most ${max} characters`, max));
    else if (field === "customerEmail" && !isPlausibleEmail(text)) {
      errors.push(fieldError(field, "invalid_format", "customerEmail must be an email address such as name@example.com"));
    }
  }
  const id = values.departmentId;
  if (id !== undefined && !(Number.isInteger(id) && id >= 1 && id <= Number.MAX_SAFE_INTEGER)) {
    errors.push(
      outOfRange("departmentId", "departmentId must be a positive whole number (Admin Area > Management > Departments)", id, 1, Number.MAX_SAFE_INTEGER),
    );
  }
  const tech = values.technicianUsername;
  if (tech !== undefined) {
    if (tooLong(tech, 254)) errors.push(fieldError("technicianUsername", "too_long", "technicianUsername must be at most 254 characters", 254));
    else if (!isPlausibleEmail(tech)) {
      errors.push(fieldError("technicianUsername", "invalid_format", "technicianUsername must be the technician's email address"));
    }
  }
  if (values.language !== undefined && !isLanguageCode(values.language)) {
    errors.push(fieldError("language", "invalid_format", 'language must be a language code such as "fr" or "pt-BR"'));
  }
}

function keyError(key) {
  let reason = "required";
  let message;
  if (key === undefined) message = "is required";
  else if (ALL_WHITESPACE.test(key)) message = "must not be empty";
  else if (!KEY.test(key)) {
    reason = "invalid_format";
    message = "may hold only printable ASCII characters without spaces";
  } else return null;
  return fieldError("publicKey", reason, `publicKey ${message}`);
}

const API_BASE_MESSAGE =
  "apiBase must be an https:// URL such as https://api.us0.swi-rc.com (http:// only for localhost, 127.0.0.1 and [::1]), without user info, query or fragment";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const SCHEME = /^[a-z][a-z\d+.-]*:[\\/]*/i;
const BAD_URL_CHAR = /[\s\u0000-\u001f\u007f-\u009f?#]/u;

/**
 * apiBase read by the platform's URL parser (the one fetch uses), then held
 * to the rules: https://, or http:// to a loopback host; no user info (not
 * even an empty one), query, fragment, space or control character; no
 * empty label in the host. The origin and path without trailing slashes,
 * or null when it is refused.
 */
function readApiBase(text) {
  const base = text.trim();
  const authority = base.replace(SCHEME, "").split(/[\\/]/)[0];
  if (BAD_URL_CHAR.test(base) || authority.includes("@")) return null;
  let url;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  const { protocol, hostname } = url;
  const secure = protocol === "https:" || (protocol === "http:" && LOOPBACK_HOSTS.has(hostname));
  if (!secure || url.username || url.password || (!hostname.startsWith("[") && hostname.split(".").includes(""))) return null;
  return url.origin + url.pathname.replace(/\/+$/, "");
}

// A page sends the same apiBase with every call: the last one read is kept.
let lastApiBase;
let lastApiBaseRead;

function normalizeApiBase(text) {
  if (text !== lastApiBase) {
    lastApiBaseRead = readApiBase(text);
    lastApiBase = text;
  }
  return lastApiBaseRead;
}

/** Every problem, in the package's order, and the call plan when there is none. */
function check(values, errors) {
  const key = keyError(values.publicKey);
  // A key already refused (of the wrong type) is not also missing: no field twice.
  if (key && !errors.some((error) => error.field === "publicKey")) errors.push(key);
  requestErrors(values, errors);
  let apiBase = DEFAULT_API_BASE;
  if (values.apiBase !== undefined) {
    apiBase = normalizeApiBase(values.apiBase);
    if (apiBase === null) errors.push(fieldError("apiBase", "invalid_format", API_BASE_MESSAGE));
  }
  const timeoutMs = values.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 2147483647)) {
    errors.push(outOfRange("timeoutMs", "timeoutMs must be a whole number of milliseconds from 1 to 2147483647", timeoutMs, 1, 2147483647));
  }
  const maxRetries = values.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 10)) {
    errors.push(outOfRange("maxRetries", "maxRetries must be a whole number from 0 to 10", maxRetries, 0, 10));
  }
  return { apiBase, timeoutMs, maxRetries };
}

/** The same rules as createSession, nothing sent: every problem as `{ field, reason, message, limit? }`. */
export function validateSessionRequest(options) {
  const [values, errors] = readOptions(options);
  check(values, errors);
  return errors;
}

// ---------------------------------------------------------------- the call

const STATUS_ERRORS = {
  invalid_request: "Take Control refused the request as invalid: check the options",
  invalid_key:
    "Take Control refused the key: check that it is the right kind (public for createSession, private for history), not expired, and allowed from this IP",
  rate_limited: "Take Control is receiving too many requests from this account: try again later",
  server_error: "Take Control answered with a server error: try again later",
  unexpected_response: "the API answered with an unexpected HTTP status: check apiBase",
};

function codeForStatus(status) {
  if (status === 400 || status === 413 || status === 422) return "invalid_request";
  if (status === 401 || status === 403) return "invalid_key";
  if (status === 429) return "rate_limited";
  if (status >= 500 && status <= 599) return "server_error";
  return "unexpected_response";
}

const NETWORK_MESSAGE =
  "could not reach the API: the network is down, the address is wrong, or the browser refused the answer (CORS)";

/** A failure before it becomes a TakeControlError (the key is redacted then). */
const failure = (code, message, extra) => ({ code, message, ...extra });

function parseJson(body) {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const SECONDS = /^[0-9]+(?:\.[0-9]+)?$/;
const member = (value, name) => (typeof value === "object" && value !== null ? value[name] : undefined);

/**
 * The message with the server's words appended: `errorDetails` itself when
 * it is text, else its `errorMsg` (the documented `{ errorCode, errorMsg }`);
 * trimmed, at most 200 characters.
 */
function withServerWords(message, details) {
  const said = typeof details === "string" ? details : member(details, "errorMsg");
  if (typeof said !== "string") return message;
  const words = said.toWellFormed().replace(TRIM, "");
  if (words === "") return message;
  const quoted = words.length > 200 ? Array.from(words).slice(0, 200).join("") : words;
  return `${message} (server said: ${quoted})`;
}

function parseRetryAfter(value, now) {
  value = value.replace(TRIM, "");
  // Past a double's range it is Infinity: longer than any call may wait.
  if (SECONDS.test(value)) return Number(value);
  if (!/[A-Za-z]/.test(value)) return undefined; // every HTTP date names its day and month
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function statusFailure(status, body, retryAfter) {
  const code = codeForStatus(status);
  const errorDetails = member(parseJson(body), "errorDetails");
  return failure(code, withServerWords(STATUS_ERRORS[code], errorDetails), {
    status,
    errorDetails,
    retryAfterSeconds: retryAfter === null ? undefined : parseRetryAfter(retryAfter, Date.now()),
  });
}

const unexpected = (status, message) => failure("unexpected_response", message, { status });
const optionalString = (value) => value === undefined || value === null || typeof value === "string";
const optionalNumber = (value) => value === undefined || value === null || typeof value === "number";

/** A 2xx answer's body as the caller's result, or the failure it means. */
function readSession(status, body) {
  const raw = parseJson(body);
  if (raw === undefined) throw unexpected(status, "the API's answer is not JSON");
  const result = member(raw, "result");
  if (result === undefined) throw unexpected(status, 'the API\'s answer has no "result"');
  if (result !== "SUCCESS") {
    const errorDetails = member(raw, "errorDetails");
    throw failure("api_error", withServerWords("Take Control did not accept the request", errorDetails), {
      status,
      errorDetails,
    });
  }
  const details = member(raw, "details");
  if (details === undefined) throw unexpected(status, 'the API\'s answer has no "details"');
  const shape = () =>
    unexpected(status, "the API's answer is not the documented shape (details.nrequests, details.requests)");
  const nrequests = member(details, "nrequests");
  if (!(Number.isInteger(nrequests) && nrequests >= 0)) throw shape();
  const list = member(details, "requests") === undefined ? [] : details.requests;
  if (!Array.isArray(list)) throw shape(); // null too, as the package's reader
  const requests = list.map((entry) => {
    const name = member(entry, "computer_name");
    const domain = member(entry, "computer_domain");
    const tech = member(entry, "tech_username");
    const wait = member(entry, "waiting_time");
    if (typeof entry !== "object" || entry === null || !optionalString(name) || !optionalString(domain)) throw shape();
    if (!optionalString(tech) || !optionalNumber(wait)) throw shape();
    return { computerName: name ?? null, computerDomain: domain ?? null, techUsername: tech ?? null, waitingMinutes: wait ?? null };
  });
  return { queueLength: nrequests, requests, raw };
}

/** One request and its whole answer: `{ status, retryAfter, body }`. */
async function send(url, key, body, controller, cancelled) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "INTEGRATION-KEY": key, Accept: "application/json", "Content-Type": "application/json" },
      body,
      signal: controller.signal,
    });
  } catch {
    throw cancelled() ?? failure("network", NETWORK_MESSAGE);
  }
  const status = response.status;
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw unexpected(status, "the API answered with a body larger than 1 MiB");
  const retryAfter = response.headers.get("retry-after");
  let text;
  try {
    text = await response.text();
  } catch {
    throw cancelled() ?? failure("network", "the connection broke while the API's answer was being read", { status });
  }
  if (text.length > MAX_BODY_BYTES / 3 && utf8Length(text) > MAX_BODY_BYTES) {
    throw unexpected(status, "the API answered with a body larger than 1 MiB");
  }
  return { status, retryAfter, body: text };
}

/** The wire body: the given fields only, snake_case, flags as 1/0. */
function wireBody(v) {
  const body = {};
  if (v.departmentId !== undefined) body.department_id = v.departmentId;
  if (v.technicianUsername !== undefined) body.technician_username = v.technicianUsername;
  if (v.language !== undefined) body.language = v.language;
  if (v.customerName !== undefined) body.customer_name = v.customerName;
  if (v.customerEmail !== undefined) body.customer_email = v.customerEmail;
  if (v.customerNumber !== undefined) body.customer_number = v.customerNumber;
  if (v.problemDescription !== undefined) body.problem_description = v.problemDescription;
  if (v.askCustomerInfo !== undefined) body.ask_customer_info = v.askCustomerInfo ? 1 : 0;
  if (v.showWaitingQueue !== undefined) body.show_waiting_queue = v.showWaitingQueue ? 1 : 0;
  return JSON.stringify(body);
}

/** Sends the checked request, with the timeout, the caller's signal and retries. */
async function call(values, plan) {
  const caller = values.signal;
  const aborted = () => failure("aborted", "the call was aborted by its AbortSignal");
  if (caller?.aborted) throw aborted();
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, plan.timeoutMs);
  caller?.addEventListener("abort", abort);
  const deadline = Date.now() + plan.timeoutMs;
  const cancelled = () =>
    caller?.aborted
      ? aborted()
      : controller.signal.aborted
        ? failure("timeout", "no complete answer from the API within timeoutMs")
        : undefined;
  try {
    const url = plan.apiBase + "/rest/session";
    const body = wireBody(values);
    for (let retries = 0; ; retries++) {
      const reply = await send(url, values.publicKey, body, controller, cancelled);
      if (reply.status >= 200 && reply.status < 300) return readSession(reply.status, reply.body);
      const problem = statusFailure(reply.status, reply.body, reply.retryAfter);
      const retryable = (reply.status === 429 || reply.status === 503) && retries < plan.maxRetries;
      if (!retryable) throw problem;
      let delay;
      if (problem.retryAfterSeconds !== undefined) delay = problem.retryAfterSeconds * 1000;
      else {
        const step = Math.min(300 * 2 ** Math.min(retries, 16), 10000);
        delay = step / 2 + (step / 2) * Math.random();
      }
      if (!(delay < deadline - Date.now())) throw problem;
      await new Promise((resolve, reject) => {
        setTimeout(resolve, delay);
        controller.signal.addEventListener("abort", reject);
      }).catch(() => {});
      const stop = cancelled();
      if (stop) throw stop;
    }
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", abort);
  }
}

const REDACTED = "[redacted key]";

/**
 * The server's errorDetails with every copy of the key replaced, in strings
 * and member names alike (the same value when it holds none); withheld when
 * it cannot be checked (nesting too deep to walk).
 */
function redacted(details, key) {
  try {
    const text = JSON.stringify(details);
    const written = JSON.stringify(key).slice(1, -1); // the key as a JSON string holds it
    return text === undefined || !text.includes(written) ? details : JSON.parse(text.replaceAll(written, REDACTED));
  } catch {
    return "[errorDetails withheld: they could not be checked for the key]";
  }
}

/** The TakeControlError of a failure, the key cut out of its message and errorDetails. */
function toError(problem, key) {
  if (!key) return new TakeControlError(problem.code, problem.message, problem);
  if (problem.errorDetails !== undefined) problem.errorDetails = redacted(problem.errorDetails, key);
  return new TakeControlError(problem.code, problem.message.replaceAll(key, REDACTED), problem);
}

/** Asks for a support session; resolves with the visitor's place in the queue. */
export async function createSession(options) {
  const [values, errors] = readOptions(options);
  const plan = check(values, errors);
  const key = values.publicKey ?? "";
  if (errors.length > 0) {
    throw toError(failure("invalid_options", errors[0].message, { field: errors[0].field, fieldErrors: errors }), key);
  }
  try {
    return await call(values, plan);
  } catch (problem) {
    throw problem instanceof Error ? problem : toError(problem, key);
  }
}
