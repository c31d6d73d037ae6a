// The objects createSession resolves with, built in one call each: cheaper
// than one Reflect.set per field across the wasm boundary. The reading and
// checking of the API's answer stays in Rust (src/session.rs).

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
// the vars the caller asked for): plain objects, from JSON.parse and from
// here, whose property reads and writes cannot throw.

/** `object[name]`. */
export function member(object, name) {
  return object[name];
}

/** `object[name] = value`. */
export function put(object, name, value) {
  object[name] = value;
}

/** A number as JS writes it, for a text var the API sent as a number. */
export function numberText(value) {
  return String(value);
}
