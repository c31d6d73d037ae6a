// One HTTP request over the global fetch (browsers, workers, Node.js 18+), for
// src/transport.rs: the headers, the call's abort signal, and a cap on how
// much of the body is read. Plain JS because every step here is a JS call:
// done from Rust, each would cross the wasm boundary (and cost glue code).
// It knows nothing of Take Control's answers; src/response.rs reads those.

const MAX_BODY_BYTES = 1048576;

/** Why a request has no whole body; the Rust side turns each into a TakeControlError. */
const NETWORK = 1; // no response at all (fetch rejected: offline, DNS, CORS, abort)
const BROKEN = 2; // a response, but its body stopped (or was aborted) midway
const TOO_LARGE = 3; // a body over MAX_BODY_BYTES, declared or counted
const NOT_UTF8 = 4; // a streamed body that is not UTF-8

/**
 * Sends one request and reads its body whole. Never rejects: resolves with
 * `{ status, retryAfter, text }`, or with `fault` (one of the codes above,
 * and `status` when a response had arrived).
 */
export async function send(url, method, key, body, signal) {
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
