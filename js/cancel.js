// Cancellation of one call, for src/cancel.rs: the caller's AbortSignal and
// the call's deadline merged into one AbortController, and a wait that ends
// early when that controller aborts. Plain JS, so that no Rust closure has to
// be kept alive for a timer or a listener.

/** Starts a call's clock; `finish()` clears the timer and the listener. */
export function startCall(timeoutMs, callerSignal) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  if (callerSignal) callerSignal.addEventListener("abort", abort);
  return {
    signal: controller.signal,
    finish() {
      clearTimeout(timer);
      if (callerSignal) callerSignal.removeEventListener("abort", abort);
    },
  };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (its timer cleared). */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** False for a string holding an unpaired UTF-16 surrogate (which is not text). */
export function isWellFormed(text) {
  return typeof text.isWellFormed === "function"
    ? text.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
