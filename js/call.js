// The JS side of every API call (src/call/mod.rs decides; this file does
// what would otherwise cross the wasm boundary at each step): the timer and
// the caller's AbortSignal merged into one AbortController, each attempt
// over the global fetch (browsers, workers, Node.js 18+) with a 1 MiB cap on
// the body, the waits between attempts, and the page-wide state calls share
// (the calls in flight, the rate-limit windows). Every decision (what an
// answer means, whether and how long to wait, what the caller gets) is taken
// by `call.decide` in Rust, which is what lets the Rust side stay
// synchronous. `member` and `put` read and build objects for Rust, and
// `records` reads an answer's list by a declaration Rust makes.

const MAX_BODY_BYTES = 1048576;

/**
 * Runs `call` (a src/call/mod.rs `Call`): attempts `method` on `apiBase +
 * path` with `key` and `body` until `call.decide(outcome)` returns
 * something other than a number of milliseconds to wait, then resolves
 * with it, or rejects when it is an Error; within `timeoutMs` in all, and
 * cancelled by `callerSignal`. Frees `call` at the end. A `joinable` call
 * is in flight (for `findInflight`, with its `maxRetries`) until it settles.
 */
export function run(call, apiBase, path, method, key, body, timeoutMs, maxRetries, callerSignal, joinable) {
  const promise = attempts(call, apiBase + path, method, key, body, timeoutMs, callerSignal);
  if (joinable) trackInflight(identity(apiBase, path, key, body, timeoutMs, maxRetries), callerSignal, promise);
  return promise;
}

/** The attempts of `run`, on `url`. */
async function attempts(call, url, method, key, body, timeoutMs, callerSignal) {
  let controller;
  let timer;
  const abort = () => controller.abort();
  try {
    controller = new AbortController();
    timer = setTimeout(abort, timeoutMs);
    callerSignal?.addEventListener("abort", abort);
    if (callerSignal?.aborted) abort();
  } catch {
    controller = undefined; // no AbortController or timers here: read as no network
  }
  try {
    for (;;) {
      const outcome = controller ? await send(url, method, key, body, controller.signal) : { fault: "network" };
      if (outcome.fault) outcome.cancelled = callerSignal?.aborted ? "aborted" : controller?.signal.aborted ? "timeout" : undefined;
      const verdict = call.decide(outcome);
      if (typeof verdict !== "number") {
        if (verdict instanceof Error) throw verdict;
        return verdict;
      }
      await sleep(verdict, controller.signal);
    }
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", abort);
    call.free();
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts (the next attempt then says why). */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/**
 * One attempt. Never rejects: resolves with `{ status, retryAfter, json }`
 * (`json` the parsed body, absent when the body is not JSON), or with a
 * `fault` (and `status` when a response had arrived): "network" (no
 * response: offline, DNS, CORS, abort), "broken" (the body stopped or was
 * aborted midway), "tooLarge" (over MAX_BODY_BYTES, declared or counted),
 * "notUtf8" (a streamed body that is not UTF-8). `run` adds `cancelled`
 * ("timeout" or "aborted") when the call's signal fired.
 */
async function send(url, method, key, body, signal) {
  const reply = await receive(url, method, key, body, signal);
  if (reply.text !== undefined) {
    try {
      reply.json = JSON.parse(reply.text);
    } catch {
      // Not JSON: src/call/reply.rs says what that means for this status.
    }
  }
  return reply;
}

/** One request and its whole body as text (or a fault). */
async function receive(url, method, key, body, signal) {
  const headers = { "INTEGRATION-KEY": key, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers, body, signal });
  } catch {
    return { fault: "network" };
  }
  const { status } = response;
  const retryAfter = response.headers.get("retry-after") ?? undefined;
  try {
    const declared = response.headers.get("content-length")?.trim();
    if (declared && /^\d+$/.test(declared)) {
      // fetch never reads past a declared length: within the cap, read it whole.
      if (Number(declared) <= MAX_BODY_BYTES) return { status, retryAfter, text: await response.text() };
      response.body?.cancel().catch(() => {});
      return { status, fault: "tooLarge" };
    }
    return { status, retryAfter, ...(await readCapped(response.body)) };
  } catch {
    return { status, fault: "broken" };
  }
}

/** A body of unknown length (chunked), read chunk by chunk and cancelled past the cap. */
async function readCapped(stream) {
  if (!stream) return { text: "" };
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_BODY_BYTES) {
      reader.cancel().catch(() => {});
      return { fault: "tooLarge" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { fault: "notUtf8" };
  }
}

// ---------------------------------------------------------------- objects

/** `object[name]`, or `undefined` when reading it throws (a getter on Object.prototype, a Proxy). */
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

/**
 * The entries of `list` (an array in an answer) in the caller's words, by
 * `declaration` ("wire_name -> name: type, ...", type `string` or
 * `number`; src/session.rs's QUEUED_REQUEST): each member as sent, `null`
 * when absent or null; `undefined` when `list` is not an array of objects
 * or a member has another type (a number must be finite).
 */
export function records(list, declaration) {
  if (!Array.isArray(list)) return undefined;
  const layout = declaration.split(", ").map((entry) => entry.split(/ -> |: /));
  const out = [];
  for (const entry of list) {
    if (typeof entry !== "object" || !entry) return undefined;
    const record = {};
    for (const [wire, name, type] of layout) {
      const value = member(entry, wire) ?? null;
      if (value !== null && (type === "number" ? !Number.isFinite(value) : typeof value !== "string")) return undefined;
      put(record, name, value);
    }
    out.push(record);
  }
  return out;
}

/** A number as JS writes it, for a text field the API sent as a number. */
export function numberText(value) {
  return String(value);
}

// ---------------------------------------------------------------- page-wide state

const inflight = new Map(); // identity -> [{ signal, promise }]
const windows = new Map(); // key + API base -> [start times]

/** What makes two calls identical, as one string: every part, each followed by a NUL (which no part holds unescaped). */
function identity(...parts) {
  return parts.map((part) => `${part}\0`).join("");
}

/**
 * The promise of a joinable call in flight identical to this one (the same
 * API base, path, key, body, budgets and signal), if any.
 */
export function findInflight(apiBase, path, key, body, timeoutMs, maxRetries, signal) {
  return inflight.get(identity(apiBase, path, key, body, timeoutMs, maxRetries))?.find((entry) => entry.signal === signal)?.promise;
}

/** Registers a call in flight until its promise settles. */
function trackInflight(identity, signal, promise) {
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

/**
 * True in any browser global scope: a page (`document`), or a dedicated,
 * shared or service worker (`WorkerGlobalScope`), whose code the page's
 * visitors can read as well as the page's.
 */
export function inABrowser() {
  return "document" in globalThis || typeof WorkerGlobalScope === "function";
}

/**
 * The start times of the calls with `key` to `apiBase` (one rate-limit
 * window per key and API base) after `since`, oldest first; older ones are
 * forgotten. src/call/limiter.rs decides with them, and pushes the start
 * time of each call it admits.
 */
export function rateWindow(apiBase, key, since) {
  const bucket = `${apiBase} ${key}`;
  const times = (windows.get(bucket) ?? []).filter((time) => time > since).sort((a, b) => a - b);
  windows.set(bucket, times);
  return times;
}
