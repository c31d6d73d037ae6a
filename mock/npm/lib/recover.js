// A stand-in's core that survives a trap of its WebAssembly instance. A
// trap (`RuntimeError: unreachable`, e.g. when its memory runs out) leaves
// the instance unusable: every later call would throw. So when a call
// throws a WebAssembly.RuntimeError, the instance is replaced by a fresh
// one, this core is made again in it (its log, sessions, tickets and
// faults are lost; one console.error line says so), and the request that
// trapped is answered 500 once; later requests work. Other stand-ins of
// the process, whose cores lived in the same instance, are made again on
// their next call (one console.warn line each).

import { adminTokenProblem } from "./admin-token.js";

/** Whether an error means the instance is unusable. */
const broken = (error) =>
  error instanceof WebAssembly.RuntimeError || /recursive use of an object detected/.test(error?.message ?? "");

export class RecoveringCore {
  /**
   * @param runtime lib/core.js's: `current` (the bindings in use),
   *   `generation`, `replace()`.
   * @param args what the core is made from.
   */
  constructor(runtime, args) {
    this.runtime = runtime;
    this.args = args;
    this.core = this.make();
    this.generation = runtime.generation;
    this.fixtureRecords = this.core.fixtureRecords;
    /** Header lists of requests whose bodyToRead trapped: their handle answers 500. */
    this.trapped = new WeakSet();
  }

  make() {
    const { publicKey, privateKey, text, recentNow, adminToken } = this.args;
    return new this.runtime.current.Core(publicKey, privateKey, text, recentNow, adminToken);
  }

  /** The core, made again first if the instance was replaced since. */
  live() {
    if (this.generation !== this.runtime.generation) {
      this.core = this.make();
      this.generation = this.runtime.generation;
      console.warn("takecontrol-mock: the stand-in's WebAssembly core was started afresh after a trap elsewhere in this process: its state is gone");
    }
    return this.core;
  }

  /** Runs `call` on the live core; after a trap, starts afresh and returns `undefined`. */
  guard(call) {
    try {
      return { value: call(this.live()) };
    } catch (error) {
      if (!broken(error)) throw error;
      this.runtime.replace();
      this.core = this.make();
      this.generation = this.runtime.generation;
      console.error(
        `takecontrol-mock: the stand-in's WebAssembly core stopped (${error.message}); it was started afresh and answers this request 500: its log, sessions, tickets and faults are gone`,
      );
      return undefined;
    }
  }

  /** The admin token over HTTP (undefined: none matches). */
  get adminToken() {
    return this.args.adminToken;
  }

  setAdminToken(token) {
    if (adminTokenProblem(token)) throw new Error(adminTokenProblem(token));
    this.args = { ...this.args, adminToken: token };
    this.guard((core) => core.setAdminToken(token));
  }

  bodyToRead(method, path, headers) {
    const done = this.guard((core) => core.bodyToRead(method, path, headers));
    if (done) return done.value;
    this.trapped.add(headers);
    return undefined;
  }

  /** The 500 of a request that trapped, from the fresh core. */
  failed(method, path, headers) {
    return this.live().failed(method, path, headers);
  }

  handle(method, path, query, headers, body, now, inProcess) {
    if (this.trapped.has(headers)) {
      this.trapped.delete(headers);
      return this.failed(method, path, headers);
    }
    const done = this.guard((core) => core.handle(method, path, query, headers, body, now, inProcess));
    if (!done) return this.failed(method, path, headers);
    const step = done.value;
    if (step.kind !== "delay") return step;
    return { ...step, pending: new RecoveringPending(this, step.pending, { method, path, headers }) };
  }

  resume(pending, now) {
    if (!pending.live()) return this.failed(pending.request.method, pending.request.path, pending.request.headers);
    const done = this.guard((core) => core.resume(pending.take(), now));
    return done ? done.value : this.failed(pending.request.method, pending.request.path, pending.request.headers);
  }
}

/** A delayed request's rest: usable only in the instance that made it. */
class RecoveringPending {
  constructor(owner, inner, request) {
    this.owner = owner;
    this.inner = inner;
    this.generation = owner.runtime.generation;
    this.request = request;
  }

  /** Whether its instance is still the one in use. */
  live() {
    return this.inner !== null && this.generation === this.owner.runtime.generation;
  }

  take() {
    const inner = this.inner;
    this.inner = null;
    return inner;
  }

  /** The 503 of a shell that stops during the delay (a 500 if its core was replaced). */
  cutShort() {
    const { method, path, headers } = this.request;
    if (!this.live()) return this.owner.failed(method, path, headers);
    const inner = this.take();
    const done = this.owner.guard(() => inner.cutShort());
    return done ? done.value : this.owner.failed(method, path, headers);
  }

  /** The client left: the request is never handled. */
  free() {
    if (!this.live()) return;
    const inner = this.take();
    try {
      inner.free();
    } catch {}
  }
}
