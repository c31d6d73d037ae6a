// A flood of large keyless POSTs against the command (node:http over
// 127.0.0.1): the request log stays within its byte budget, the process's
// memory stays bounded, and the stand-in keeps answering.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { test } from "node:test";
import { startCli, stop } from "./helpers.mjs";

/** The resident memory of a process, in MiB (Linux's /proc). */
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

test("3,000 POSTs of 42 KiB keep the log under 8 MiB and the process bounded", { skip: !existsSync("/proc/self/status") && "no /proc", timeout: 120_000 }, async () => {
  const running = await startCli([], { count: 4 });
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const body = JSON.stringify({ problem_description: "x".repeat(42 * 1024) });
    const post = () =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${running.url}/rest/session`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode));
        });
        req.on("error", reject);
        req.end(body);
      });
    const before = rssMiB(running.child.pid);
    const started = Date.now();
    let sent = 0;
    let peak = before;
    while (sent < 3_000) {
      const statuses = await Promise.all(Array.from({ length: 50 }, post));
      assert.ok(statuses.every((status) => status === 403));
      sent += statuses.length;
      if (sent % 500 === 0) peak = Math.max(peak, rssMiB(running.child.pid));
    }
    const after = rssMiB(running.child.pid);
    const stats = await (await fetch(`${running.url}/__admin/stats`)).json();
    agent.destroy();
    console.log(`flood: ${sent} POSTs in ${Date.now() - started} ms; RSS ${before.toFixed(1)} MiB -> ${after.toFixed(1)} MiB (peak ${peak.toFixed(1)}); log ${JSON.stringify(stats.requests)}`);
    assert.ok(stats.requests.bytes <= stats.requests.max_bytes, JSON.stringify(stats));
    assert.equal(stats.requests.max_bytes, 8 * 1024 * 1024);
    assert.equal(stats.requests.entries + stats.requests.dropped, sent);
    assert.ok(Math.max(peak, after) < 200, `RSS ${after} MiB after the flood`);
    // Still answering, and the log reads back with its JSON.
    const log = await (await fetch(`${running.url}/__admin/requests`)).json();
    assert.equal(log.length, stats.requests.entries);
    assert.equal(log.at(-1).json.problem_description.length, 42 * 1024);
    assert.equal((await (await fetch(`${running.url}/__admin/reset`, { method: "POST" })).json()).reset, true);
  } finally {
    await stop(running.child);
  }
});
