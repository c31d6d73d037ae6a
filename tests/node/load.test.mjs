// The stand-in under load from a second process: 1,000 concurrent create
// requests on loopback (Node's fetch), none lost: the sessions it stores
// are exactly the requests it answered with 200.
import assert from "node:assert/strict";
import { test } from "node:test";
import { admin, apiBase, publicKey, reset } from "./admin.mjs";

test("1,000 concurrent creates: stored sessions equal the 200s", async () => {
  await reset();
  const started = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      fetch(`${apiBase}/rest/session`, {
        method: "POST",
        headers: { "INTEGRATION-KEY": publicKey, "Content-Type": "application/json" },
        body: JSON.stringify({ customer_name: `Load ${i}`, customer_number: `N${i}` }),
        signal: AbortSignal.timeout(60_000),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        (error) => `failed: ${error.name}`,
      ),
    ),
  );
  const ok = statuses.filter((s) => s === 200).length;
  const sessions = await admin("GET", "sessions");
  console.log(`load: 1000 concurrent requests in ${Date.now() - started} ms, ${ok} answered 200, ${sessions.length} sessions stored`);
  assert.equal(sessions.length, ok);
  assert.equal(new Set(sessions.map((s) => s.customer_number)).size, ok);
  assert.equal(ok, 1000, `not all answered 200: ${[...new Set(statuses)]}`);
});
