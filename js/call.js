// The I/O of one API call, for src/client.rs: the timer and the caller's
// AbortSignal merged into one AbortController, each attempt over the global
// fetch (browsers, workers, Node.js 18+) with a 1 MiB cap on the body, and
// the waits between attempts. Every decision (what an answer means, whether
// and how long to wait, what the caller gets) is taken by `call.read` in Rust;
// this file only does what would otherwise cross the wasm boundary at each
// step, and is what lets the Rust side stay synchronous. `field()` reads
// what an attempt met for Rust.

const MAX_BODY_BYTES = 1048576;

// What an attempt met besides a whole body (read by src/transport.rs).
const NETWORK = 1; // no response at all (fetch rejected: offline, DNS, CORS, abort)
const BROKEN = 2; // a response, but its body stopped (or was aborted) midway
const TOO_LARGE = 3; // a body over MAX_BODY_BYTES, declared or counted
const NOT_UTF8 = 4; // a streamed body that is not UTF-8
// Why the call's signal fired, when it has.
const TIMED_OUT = 1;
const ABORTED = 2;

/**
 * Runs `call` (a src/client.rs `Call`): attempts until `call.read(outcome)`
 * returns something other than a number of milliseconds to wait, then
 * resolves with it, or rejects when it is an Error. Frees `call` at the end.
 */
export async function run(call, url, method, key, body, timeoutMs, callerSignal) {
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
      const outcome = controller ? await send(url, method, key, body, controller.signal) : { fault: NETWORK };
      if (outcome.fault) outcome.cancelled = callerSignal?.aborted ? ABORTED : controller?.signal.aborted ? TIMED_OUT : 0;
      const verdict = call.read(outcome);
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
 * (`json` the parsed body, absent when the body is not JSON), or with
 * `fault` (and `status` when a response had arrived).
 */
async function send(url, method, key, body, signal) {
  const reply = await receive(url, method, key, body, signal);
  if (reply.text !== undefined) {
    try {
      reply.json = JSON.parse(reply.text);
    } catch {
      // Not JSON: src/response.rs says what that means for this status.
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
    return { fault: NETWORK };
  }
  const { status } = response;
  const retryAfter = response.headers.get("retry-after") ?? undefined;
  try {
    const declared = response.headers.get("content-length")?.trim();
    if (declared && /^\d+$/.test(declared)) {
      // fetch never reads past a declared length: within the cap, read it whole.
      if (Number(declared) <= MAX_BODY_BYTES) return { status, retryAfter, text: await response.text() };
      response.body?.cancel().catch(() => {});
      return { status, fault: TOO_LARGE };
    }
    return { status, retryAfter, ...(await readCapped(response.body)) };
  } catch {
    return { status, fault: BROKEN };
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
      return { fault: TOO_LARGE };
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
    return { fault: NOT_UTF8 };
  }
}

// The fields of the objects above that Rust reads (an attempt's outcome and
// the API's parsed answer in it), by their index in this list: one import
// for every field instead of a getter import each (each cost about 100 B of
// .wasm), and no name to pass across the boundary on a read. src/fields.rs
// holds the same list, in the same order.
const FIELD_NAMES = [
  "result",
  "details",
  "errorDetails",
  "nrequests",
  "requests",
  "computer_name",
  "computer_domain",
  "tech_username",
  "waiting_time",
  "status",
  "retryAfter",
  "json",
  "fault",
  "cancelled",
];

/** `object[FIELD_NAMES[index]]`; `object` is an object. */
export function field(object, index) {
  return object[FIELD_NAMES[index]];
}
