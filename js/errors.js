// The error class every failure of takecontrol-session rejects with.
//
// It lives in plain JS so that it is a real `Error` subclass: `instanceof
// Error` and `instanceof TakeControlError` hold and `stack` is filled in.
// The Rust side builds instances through `makeError` below (which quotes
// the server's words and redacts the key), and field errors through
// `addFieldError`.

/**
 * The one error type of takecontrol-session.
 *
 * `code` says what went wrong and what the caller can do about it; the other
 * fields are present only when they apply.
 */
export class TakeControlError extends Error {
  /**
   * @param {string} code one of the documented error codes
   * @param {string} message a sentence for a developer; never contains a key
   * @param {object} [extra] `field`, `status`, `retryAfterSeconds`, `errorDetails`, `fieldErrors`, `cause`
   */
  constructor(code, message, extra) {
    // Error itself takes `cause` from `extra` when it has one.
    super(message, extra);
    this.name = "TakeControlError";
    this.code = code;
    if (extra) {
      for (const name of ["field", "status", "retryAfterSeconds", "errorDetails", "fieldErrors"]) {
        if (extra[name] !== undefined) this[name] = extra[name];
      }
    }
  }
}

/**
 * What init(), initSync() and the self-initializing entries throw when the
 * page cannot run the module: no WebAssembly, a Content-Security-Policy
 * without 'wasm-unsafe-eval', the .wasm not loading (iOS Lockdown Mode turns
 * WebAssembly off). Made here, in JS: the module never ran. `cause` keeps
 * the platform's own error.
 */
export function unsupported(cause) {
  if (cause instanceof TakeControlError) return cause;
  return new TakeControlError("unsupported", `WebAssembly is unavailable: ${cause?.message ?? cause}`, { cause });
}

/**
 * Adds a field error made in Rust to `errors`, as validateSessionRequest
 * lists it and fieldErrors holds it, unless they list one for `field`
 * already (a field is refused once). Its message is the field's name, then
 * `predicate` ("must be at most {limit} characters"), `{limit}` standing
 * for `limit`.
 */
export function addFieldError(errors, field, reason, predicate, limit) {
  if (errors.some((error) => error.field === field)) return;
  const message = `${field} ${predicate.replace("{limit}", limit)}`;
  errors.push(limit === undefined ? { field, reason, message } : { field, reason, message, limit });
}

const REDACTED = "[redacted key]";

/**
 * `details` (the server's errorDetails, parsed JSON) with every copy of
 * `secret` replaced, in strings and member names alike; the same value
 * when it holds none. What cannot be checked (nesting too deep to walk)
 * is withheld rather than passed on unread.
 */
function redacted(details, secret) {
  try {
    const text = JSON.stringify(details);
    // The key as it is written inside a JSON string.
    const written = JSON.stringify(secret).slice(1, -1);
    return text === undefined || !text.includes(written) ? details : JSON.parse(text.split(written).join(REDACTED));
  } catch {
    return "[errorDetails withheld: they could not be checked for the key]";
  }
}

/** The most characters of the server's words a message quotes. */
const MAX_QUOTED_CHARS = 200;

/**
 * The server's words in `errorDetails` (the text itself, or the documented
 * object's `errorMsg`: `{"errorCode": 400, "errorMsg": "Missing required
 * field: ..."}`), trimmed, at most MAX_QUOTED_CHARS characters; "" when it
 * holds none.
 */
function serverWords(details) {
  let words;
  try {
    words = typeof details === "string" ? details : details?.errorMsg;
  } catch {
    // A getter the page put on Object.prototype: no words to quote.
  }
  return typeof words === "string" ? [...words.trim()].slice(0, MAX_QUOTED_CHARS).join("") : "";
}

/**
 * Called from Rust, with `extra` holding only the fields that apply. A
 * failure with the server's `errorDetails` quotes its words in the message.
 * Every copy of `secret` (the key the call used) is cut out of the message
 * and of `errorDetails`, so that a key echoed by a server never reaches a log.
 */
export function makeError(code, message, extra, secret) {
  const words = extra.errorDetails === undefined ? "" : serverWords(extra.errorDetails);
  const text = words ? `${message} (server said: ${words})` : message;
  if (secret && extra.errorDetails !== undefined) extra.errorDetails = redacted(extra.errorDetails, secret);
  const safe = secret ? text.split(secret).join(REDACTED) : text;
  return new TakeControlError(code, safe, extra);
}
