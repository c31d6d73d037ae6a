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
