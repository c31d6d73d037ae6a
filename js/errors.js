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
   * @param {object} [extra] `field`, `status`, `retryAfterSeconds`, `errorDetails`, `serverMessage`, `fieldErrors`, `cause`
   */
  constructor(code, message, extra) {
    // Error itself takes `cause` from `extra` when it has one.
    super(message, extra);
    this.name = "TakeControlError";
    this.code = code;
    if (extra) {
      for (const name of ["field", "status", "retryAfterSeconds", "errorDetails", "serverMessage", "fieldErrors"]) {
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
 * A pattern matching every way a server may echo `secret`: as it is, as
 * written inside a JSON string, percent-encoded (either case of hex
 * digits) and in Base64, each in any letter case. Keys are printable ASCII
 * (the Rust rules), so these are all the forms an echo takes in practice.
 */
function echoes(secret) {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
  try {
    forms.push(btoa(secret));
  } catch {
    // Not Latin-1: no Base64 form (the key check refuses such a key).
  }
  return new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
}

/** `text` with every echo of `secret` replaced. */
const redact = (text, secret) => text.replace(echoes(secret), REDACTED);

/**
 * `details` (the server's errorDetails, parsed JSON) with every echo of
 * `secret` replaced, in strings and member names alike; the same value
 * when it holds none. What cannot be checked (nesting too deep to walk)
 * is withheld rather than passed on unread.
 */
function redacted(details, secret) {
  try {
    const text = JSON.stringify(details);
    if (text === undefined) return details;
    const clean = redact(text, secret);
    return clean === text ? details : JSON.parse(clean);
  } catch {
    return "[errorDetails withheld: they could not be checked for the key]";
  }
}

/** The most characters of the server's words an error quotes. */
const MAX_QUOTED_CHARS = 200;

/**
 * The server's words in `errorDetails` (the text itself, or the documented
 * object's `errorMsg`: `{"errorCode": 400, "errorMsg": "Missing required
 * field: ..."}`), trimmed, with every echo of `secret` replaced, then cut
 * to at most MAX_QUOTED_CHARS characters; "" when it holds none.
 */
function serverWords(details, secret) {
  let words;
  try {
    words = typeof details === "string" ? details : details?.errorMsg;
  } catch {
    // A getter the page put on Object.prototype: no words to quote.
  }
  if (typeof words !== "string") return "";
  const clean = secret ? redact(words.trim(), secret) : words.trim();
  return [...clean].slice(0, MAX_QUOTED_CHARS).join("");
}

/**
 * Called from Rust, with `extra` holding only the fields that apply. A
 * failure with the server's `errorDetails` carries its words as
 * `serverMessage` and quotes them at the end of the message (for a
 * developer's log: never for a visitor, since a hostile answer writes
 * them). Every echo of `secret` (the key the call used) is cut out of the
 * message, `serverMessage` and `errorDetails` before anything is cut to
 * length, so that a key echoed by a server never reaches a log.
 */
export function makeError(code, message, extra, secret) {
  const words = extra.errorDetails === undefined ? "" : serverWords(extra.errorDetails, secret);
  if (words) extra.serverMessage = words;
  const text = words ? `${message} (server said: ${words})` : message;
  if (secret && extra.errorDetails !== undefined) extra.errorDetails = redacted(extra.errorDetails, secret);
  return new TakeControlError(code, secret ? redact(text, secret) : text, extra);
}
