// The in-process way in: a WHATWG Request in, a Response out, no socket.

import { sendable } from "./shell.js";

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Reads at most `limit` bytes of a body stream: the bytes, or undefined
 * when it is longer (then the rest is not read) or cannot be read.
 */
async function readLimited(stream, limit) {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** The abort reason of a signal, as fetch rejects with it. */
const reason = (signal) => signal.reason ?? new DOMException("This operation was aborted", "AbortError");

/**
 * Answers a request as the native server would, in process: `input` and
 * `init` as for globalThis.fetch (any origin; only the path and the query
 * count). A delay is waited out with a timer; aborting `signal` during it
 * rejects, and the request is then never handled. A stalled answer's body
 * sends its first bytes and then never ends, until the signal aborts or
 * the stand-in is closed (the body then errors).
 *
 * @param {import("./shell.js").Shell} shell
 */
export async function fetchIn(shell, input, init) {
  const request = new Request(input, init);
  const { signal } = request;
  if (signal.aborted) throw reason(signal);
  const url = new URL(request.url);
  const method = request.method;
  const path = url.pathname;
  const query = url.search.replace(/^\?/, "");
  const headers = [];
  for (const [name, value] of request.headers) headers.push(name, value);
  const limit = shell.bodyToRead(method, path, headers);
  const body = limit === undefined ? undefined : await readLimited(request.body, limit);
  if (signal.aborted) throw reason(signal);
  const step = await shell.settle(shell.handle(method, path, query, headers, body), signal);
  if (!step) throw reason(signal);
  return toResponse(shell, step, method, signal);
}

/** A Response from the core's answer step. */
function toResponse(shell, step, method, signal) {
  const headers = new Headers();
  for (const [name, value] of step.headers) {
    if (!sendable(value)) continue;
    try {
      headers.append(name, value);
    } catch {}
  }
  const init = { status: step.status, headers };
  if (method === "HEAD" || NULL_BODY.has(step.status)) return new Response(null, init);
  if (step.action !== "stall") return new Response(step.body, init);
  const head = step.body.subarray(0, step.afterBytes);
  let forget = () => {};
  const body = new ReadableStream({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      const cut = (error) => {
        forget();
        signal.removeEventListener("abort", onAbort);
        try {
          controller.error(error);
        } catch {}
      };
      const onAbort = () => cut(reason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
      forget = shell.stalled(() => cut(new TypeError("terminated: the stand-in stopped during a stalled answer")));
    },
    cancel() {
      forget();
    },
  });
  return new Response(body, init);
}
