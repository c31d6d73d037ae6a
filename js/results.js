// The objects the package resolves with (a session, a history, a field
// error), built in one call each: cheaper than one property set per field
// across the wasm boundary; and the reads and writes of history records.
// The reading and checking of the API's answer stays in Rust
// (src/session.rs, src/history/records.rs).

/** One request in the queue, in the caller's words. */
export function queuedRequest(computerName, computerDomain, techUsername, waitingMinutes) {
  return { computerName, computerDomain, techUsername, waitingMinutes };
}

/** What createSession resolves with. */
export function session(queueLength, requests, raw) {
  return { queueLength, requests, raw };
}

/** What getSessionHistory resolves with. */
export function history(sessions, raw) {
  return { sessions, raw };
}

/** One problem validateSessionRequest lists. */
export function fieldError(field, message) {
  return { field, message };
}

// Records of the history, read and built field by field (their fields are
// the vars the caller asked for). Neither lets an exception out into the
// wasm module, even on a page that put a throwing getter or setter on
// Object.prototype.

/** `object[name]`, or `undefined` when reading it throws. */
export function member(object, name) {
  try {
    return object[name];
  } catch {
    return undefined;
  }
}

/** Defines `object[name]` as a plain property (no inherited setter runs). */
export function put(object, name, value) {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}

/** A number as JS writes it, for a text var the API sent as a number. */
export function numberText(value) {
  return String(value);
}
