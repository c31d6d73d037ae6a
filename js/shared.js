// Page-wide state shared by every call of takecontrol-session: the calls in
// flight (so identical overlapping calls share one request) and the
// rate-limit windows; and what kind of page this is. Only this state lives
// here; the decisions are in Rust.

const inflight = new Map(); // identity -> [{ signal, promise }]
const windows = new Map(); // key + API base -> [start times]

/** The promise of an identical call in flight with the same signal, if any. */
export function findInflight(identity, signal) {
  return inflight.get(identity)?.find((entry) => entry.signal === signal)?.promise;
}

/** Registers a call in flight until its promise settles. */
export function trackInflight(identity, signal, promise) {
  const entry = { signal, promise };
  const entries = inflight.get(identity) ?? [];
  entries.push(entry);
  inflight.set(identity, entries);
  const remove = () => {
    const left = (inflight.get(identity) ?? []).filter((e) => e !== entry);
    if (left.length) inflight.set(identity, left);
    else inflight.delete(identity);
  };
  promise.then(remove, remove);
}

/** True on a web page: a global `window` and `document` exist. */
export function onAWebPage() {
  return "window" in globalThis && "document" in globalThis;
}

/**
 * The start times of one rate-limit bucket's calls after `since`, oldest
 * first; older ones are forgotten. src/limiter.rs decides with them, and
 * pushes the start time of each call it admits.
 */
export function rateWindow(bucket, since) {
  const times = (windows.get(bucket) ?? []).filter((time) => time > since).sort((a, b) => a - b);
  windows.set(bucket, times);
  return times;
}
