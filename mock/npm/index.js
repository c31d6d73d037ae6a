// takecontrol-mock: the stand-in for N-able Take Control's REST Session API
// (sessions, history, tickets), in process (a fetch handler) or as a local
// server. Every answer is decided by the same core as the native binary's
// (WebAssembly); this file and lib/ only perform it with Node's built-ins.
import { randomAdminToken } from "./lib/admin-token.js";
import { DEFAULT_PRIVATE_KEY, DEFAULT_PUBLIC_KEY, makeCore } from "./lib/core.js";
import { fetchIn } from "./lib/fetch.js";
import { serve } from "./lib/http.js";
import { Shell } from "./lib/shell.js";

export { DEFAULT_PRIVATE_KEY, DEFAULT_PUBLIC_KEY };

/** An admin API answer that is not a success. */
export class StandInAdminError extends Error {
  constructor(status, errorDetails) {
    super(`admin API: ${status} ${errorDetails?.errorMsg ?? ""}`);
    this.name = "StandInAdminError";
    this.status = status;
    this.errorDetails = errorDetails;
  }
}

/** A fresh admin token (16 random bytes in hex), as createStandIn makes by default. */
export { randomAdminToken };

/**
 * A stand-in with these keys (default: the demo keys), admin token
 * (default: random; over HTTP, `/__admin/*` from a web page needs it in
 * `X-Admin-Token`) and history fixture (JSON text or an array of records
 * with upper-case var names as keys; `fixtureRecent` moves its dates so
 * that its newest session started yesterday, UTC).
 */
export async function createStandIn({
  publicKey = DEFAULT_PUBLIC_KEY,
  privateKey = DEFAULT_PRIVATE_KEY,
  fixture,
  fixtureRecent = false,
  adminToken = randomAdminToken(),
} = {}) {
  const core = await makeCore({ publicKey, privateKey, fixture, fixtureRecent, adminToken });
  // In process: the caller holds the stand-in, so no Host or admin checks.
  const local = new Shell(core, { inProcess: true });
  const servers = new Set();
  const decoder = new TextDecoder();

  /** Calls an admin route in process and returns its JSON. */
  const admin = (method, path, body) => {
    const bytes = body === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(body));
    const step = core.handle(method, path, "", [], bytes, Date.now(), true);
    const json = JSON.parse(decoder.decode(step.body));
    if (step.status !== 200) throw new StandInAdminError(step.status, json?.errorDetails ?? null);
    return json;
  };

  return {
    fetch: (input, init) => fetchIn(local, input, init),
    async listen(options = {}) {
      const running = await serve(core, options);
      servers.add(running);
      const close = () => {
        servers.delete(running);
        return running.close();
      };
      return { url: running.url, server: running.server, close, adminToken: running.adminToken };
    },
    fixtureRecords: core.fixtureRecords,
    get adminToken() {
      return core.adminToken;
    },
    stats: () => admin("GET", "/__admin/stats"),
    requests: () => admin("GET", "/__admin/requests"),
    clearRequests: () => admin("DELETE", "/__admin/requests").cleared,
    sessions: () => admin("GET", "/__admin/sessions"),
    tickets: () => admin("GET", "/__admin/tickets"),
    faults: () => admin("GET", "/__admin/faults"),
    addFaults: (spec) => admin("POST", "/__admin/faults", spec),
    clearFaults: () => admin("DELETE", "/__admin/faults").cleared,
    reset: () => admin("POST", "/__admin/reset"),
    async close() {
      local.stop();
      await Promise.all([...servers].map((running) => running.close()));
      servers.clear();
    },
  };
}
