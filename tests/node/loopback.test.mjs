// The loopback hosts, defined once (isLoopback, js/options.js): the help
// form's module exports the same rule that the API base is held to, and
// carries it bundled (pkg/element.js imports only the bindings and its
// words).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { test } from "node:test";
import { validateSessionRequest } from "takecontrol-session";
import { isLoopback } from "takecontrol-session/element";

/** Host names as a URL's `hostname` gives them, from the addresses a page or an integrator may write. */
const HOSTS = [
  ["http://localhost:8787/", true],
  ["http://LocalHost/", true],
  ["http://127.0.0.1:1/", true],
  ["http://127.1/", true],
  ["http://0x7f.0.0.1/", true],
  ["http://[::1]:8787/", true],
  ["http://[0:0:0:0:0:0:0:1]/", true],
  ["http://127.0.0.2/", false],
  ["http://0.0.0.0/", false],
  ["http://[::ffff:127.0.0.1]/", false],
  ["http://localhost.example.com/", false],
  ["http://localhost./", false],
  ["http://help.localhost/", false],
  ["http://example.com/", false],
];

test("isLoopback: localhost, 127.0.0.1 and [::1] as URL spells them, nothing else", () => {
  for (const [address, loopback] of HOSTS) {
    const { hostname } = new URL(address);
    assert.equal(isLoopback(hostname), loopback, `${address} (hostname ${hostname})`);
  }
  for (const text of ["", "::1", "127.0.0.1:80", "LOCALHOST", undefined]) assert.equal(isLoopback(text), false, String(text));
});

test("isLoopback is the API base's rule: plain http:// is accepted exactly where it says loopback", () => {
  for (const [address, loopback] of HOSTS) {
    const errors = validateSessionRequest({ publicKey: "demo-public-key", apiBase: address.replace(/\/$/, "") });
    assert.equal(!errors.some((error) => error.field === "apiBase"), loopback, address);
  }
});

test("pkg/element.js carries the rule bundled: it imports only the bindings and its words", () => {
  const source = readFileSync(createRequire(import.meta.url).resolve("takecontrol-session/element"), "utf8");
  const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(imports.filter((path) => !path.startsWith("./messages/")))], ["./index.js"]);
  assert.match(source, /"localhost","127\.0\.0\.1","\[::1\]"/);
});

test("the stand-in answers exactly the Host names isLoopback calls loopback (one definition, on both sides)", async () => {
  const { hostname, port } = new URL(process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787");
  for (const [address, loopback] of HOSTS) {
    const { host } = new URL(address);
    const status = await new Promise((resolve, reject) => {
      const req = request({ hostname, port, path: "/rest/session", method: "OPTIONS", headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status !== 421, loopback, `Host: ${host} answered ${status}`);
    assert.equal(isLoopback(new URL(address).hostname), loopback, address);
  }
});
