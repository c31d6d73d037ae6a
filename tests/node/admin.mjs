// The stand-in API's admin endpoints, for the Node.js tests (npm test
// starts the stand-in and passes its address as TAKECONTROL_MOCK_URL).
import assert from "node:assert/strict";

/** The stand-in's address. */
export const apiBase = process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787";
export const publicKey = "demo-public-key";
export const privateKey = "demo-private-key";
/** The stand-in's admin token, when npm test passes it (a Node caller needs none). */
export const adminToken = process.env.TAKECONTROL_MOCK_ADMIN_TOKEN;
/** The headers of an admin call: the token when known. */
export const adminHeaders = (extra = {}) => (adminToken ? { "X-Admin-Token": adminToken, ...extra } : extra);

/** Calls an admin endpoint and returns its JSON answer. */
export async function admin(method, path, body) {
  const response = await fetch(`${apiBase}/__admin/${path}`, {
    method,
    headers: adminHeaders(body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `admin ${path}: ${response.status}`);
  return response.json();
}

/** The requests the stand-in received on /rest/*, oldest first. */
export const received = () => admin("GET", "requests");

/** Empties the stand-in's log, created sessions and faults. */
export const reset = () => admin("POST", "reset");

/** Resolves with the rejection of `promise`, failing if it resolves. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}
