// The shipped (no_std, lol_alloc) build does not grow per call: 10,000
// createSession calls with varied option sizes, fetch stubbed, and the wasm
// memory measured after 2,000 and after 10,000. (The browser memory test in
// tests/reliability.rs runs the std build that wasm-pack test compiles.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSession, initSync } from "takecontrol-session";

test("wasm memory stops growing over 10,000 calls of the shipped build", async () => {
  const { memory } = initSync(); // already initialized: returns the module's exports
  const body = JSON.stringify({ result: "SUCCESS", details: { nrequests: 3, requests: [{ computer_name: "VM2", waiting_time: 2 }] } });
  const realFetch = globalThis.fetch;
  let sent = 0;
  globalThis.fetch = async () => {
    sent += 1;
    return new Response(body, { status: 200, headers: { "Content-Length": String(body.length) } });
  };
  try {
    let afterWarmUp = 0;
    let failures = 0;
    for (let i = 0; i < 10_000; i += 1) {
      await createSession({
        publicKey: "demo-public-key",
        apiBase: "https://api.example.com",
        customerName: "n".repeat(i % 130), // 129 characters are refused: failures are exercised too
        problemDescription: "p".repeat((i * 7) % 1024),
      }).catch(() => (failures += 1));
      if (i + 1 === 2_000) afterWarmUp = memory.buffer.byteLength;
    }
    const after = memory.buffer.byteLength;
    console.log(`memory (shipped build): ${afterWarmUp} B after 2,000 calls, ${after} B after 10,000; ${sent} sent, ${failures} refused`);
    const tooLong = Array.from({ length: 10_000 }, (_, i) => i % 130 === 129).filter(Boolean).length;
    assert.equal(failures, tooLong);
    assert.equal(sent, 10_000 - tooLong);
    assert.equal(after, afterWarmUp);
  } finally {
    globalThis.fetch = realFetch;
  }
});
