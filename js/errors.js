// The error class every failure of takecontrol-session rejects with.
//
// It lives in plain JS so that it is a real `Error` subclass: `instanceof
// Error` and `instanceof TakeControlError` hold and `stack` is filled in.
// The Rust side builds instances through `makeError` below.

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
   * @param {object} [extra] `field`, `status`, `retryAfterSeconds`, `errorDetails`, `fieldErrors`
   */
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

/** One field error, as validateSessionRequest lists it and fieldErrors holds it. */
export function fieldError(field, reason, message, limit) {
  return limit === undefined ? { field, reason, message } : { field, reason, message, limit };
}

/**
 * Called from Rust, with `extra` holding only the fields that apply. Every
 * copy of `secret` (the key the call used) is cut out of the message, so
 * that a key echoed by a server never reaches a log.
 */
export function makeError(code, message, extra, secret) {
  const safe = secret ? message.split(secret).join("[redacted key]") : message;
  return new TakeControlError(code, safe, extra);
}
