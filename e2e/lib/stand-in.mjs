// The stand-in API the end-to-end tests run against, from Node.js: its
// address (TAKECONTROL_MOCK_URL, which npm test sets) and its admin API,
// with the admin token npm test passes (TAKECONTROL_MOCK_ADMIN_TOKEN; a
// caller that sends no Origin, as Node's fetch, needs none).
import assert from "node:assert/strict";

/** The stand-in npm test started. */
export const MOCK = (process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");

/** The admin API of the stand-in at `url`, whose token is `token`: `(method, path, body?)` resolves with its JSON. */
export function adminOf(url, token) {
  return async (method, path, body) => {
    const headers = { ...(token && { "X-Admin-Token": token }), ...(body && { "Content-Type": "application/json" }) };
    const response = await fetch(`${url}/__admin/${path}`, { method, headers, body: body && JSON.stringify(body) });
    assert.ok(response.ok, `admin ${method} ${path} at ${url}: HTTP ${response.status}`);
    return response.json();
  };
}

/** The admin API of the stand-in npm test started. */
export const admin = adminOf(MOCK, process.env.TAKECONTROL_MOCK_ADMIN_TOKEN);

/** Fails at once, with a clear message, when that stand-in is not up (rather than a timeout per test). */
export async function assertStandInUp() {
  const probe = await admin("GET", "faults").catch((error) => error);
  assert.ok(!(probe instanceof Error), `the stand-in API is not reachable at ${MOCK} (set TAKECONTROL_MOCK_URL): ${probe.message}`);
}
