// What both ways in (the in-process fetch and the HTTP server) do with the
// core's steps: ask it, wait out a delay with a timer (unless the client
// leaves, or the shell stops: then the core's cut_short answer), and keep
// track of stalled answers so that stopping can cut them.

/**
 * A header value the native shell would send (visible ASCII, spaces and
 * tabs, as the http crate's HeaderValue::from_str takes): it leaves any
 * other out, and so do we.
 */
const SENDABLE = /^[\t\x20-\x7e]*$/;
export const sendable = (value) => SENDABLE.test(value);

export class Shell {
  /**
   * @param {import("./recover.js").RecoveringCore} core
   * @param {{ inProcess?: boolean }} options `inProcess`: requests come
   *   from a caller holding the stand-in (the package's fetch), not over
   *   HTTP: the core skips its Host and admin checks.
   */
  constructor(core, { inProcess = false } = {}) {
    this.core = core;
    this.inProcess = inProcess;
    this.stopping = false;
    /** Cutters of the delays and stalls in progress. */
    this.open = new Set();
  }

  /** How many body bytes to read first, or undefined for none. */
  bodyToRead(method, path, headers) {
    return this.core.bodyToRead(method, path, headers);
  }

  /** The core's step for a request received now. */
  handle(method, path, query, headers, body) {
    return this.core.handle(method, path, query, headers, body, Date.now(), this.inProcess);
  }

  /**
   * Resolves with the answer step of a step: at once for an answer; after
   * the delay for a delay; the 503 of cut_short if the shell stops during
   * it; null if `signal` aborts first (the request is then never handled).
   */
  settle(step, signal) {
    if (step.kind === "answer") return Promise.resolve(step);
    const { pending, ms } = step;
    if (this.stopping) return Promise.resolve(pending.cutShort());
    return new Promise((resolve) => {
      const done = (answer) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.open.delete(cut);
        resolve(answer);
      };
      const timer = setTimeout(() => done(this.core.resume(pending, Date.now())), ms);
      const cut = () => done(pending.cutShort());
      const onAbort = () => {
        pending.free();
        done(null);
      };
      this.open.add(cut);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Registers a stalled answer's cutter; returns its unregistering. */
  stalled(cut) {
    if (this.stopping) {
      cut();
      return () => {};
    }
    this.open.add(cut);
    return () => this.open.delete(cut);
  }

  /** Stops: every delay gets cut_short's answer, every stall is cut. */
  stop() {
    this.stopping = true;
    for (const cut of [...this.open]) cut();
    this.open.clear();
  }
}
