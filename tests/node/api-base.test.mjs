// apiBase as the platform reads it: the package parses it with the
// platform's URL parser (the one fetch uses), then holds it to its own
// rules (https, plain http to loopback only, no user info, query or
// fragment). Checked against WPT's URL vectors (../shared/vectors/url.json,
// read as data; skipped, saying so, where the folder is absent) and the
// project's own cases; where a call goes is seen by a stubbed global fetch.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { createSession, validateSessionRequest } from "takecontrol-session";

const publicKey = "demo-public-key";
const VECTORS = new URL("../../../shared/vectors/url.json", import.meta.url);

const accepts = (apiBase) => !validateSessionRequest({ publicKey, apiBase }).some((error) => error.field === "apiBase");

/** The URL createSession fetches for `apiBase`, with fetch stubbed (nothing leaves the process). */
async function fetched(apiBase) {
  const realFetch = globalThis.fetch;
  let url;
  globalThis.fetch = async (input) => {
    url = String(input);
    return new Response(JSON.stringify({ result: "SUCCESS", details: { nrequests: 1 } }), { headers: { "content-type": "application/json" } });
  };
  try {
    await createSession({ publicKey, apiBase, maxRetries: 0 });
  } finally {
    globalThis.fetch = realFetch;
  }
  return url;
}

test("the project's cases: https anywhere, http to loopback only, the path kept, trailing slashes dropped", async () => {
  for (const [given, base] of [
    ["https://api.us0.swi-rc.com", "https://api.us0.swi-rc.com"],
    ["https://api.us0.swi-rc.com/", "https://api.us0.swi-rc.com"],
    ["  HTTPS://api.us3.swi-rc.com:8443/proxy//  ", "https://api.us3.swi-rc.com:8443/proxy"],
    ["https://api.us0.swi-rc.com:443/", "https://api.us0.swi-rc.com"],
    ["http://localhost:8787", "http://localhost:8787"],
    ["http://127.0.0.1:8787/", "http://127.0.0.1:8787"],
    ["http://[::1]:8787", "http://[::1]:8787"],
    ["http://[0:0::1]:8787", "http://[::1]:8787"],
    ["http://127.1:8787", "http://127.0.0.1:8787"],
    ["https://[2001:db8::1]", "https://[2001:db8::1]"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
  ]) {
    assert.ok(accepts(given), given);
    assert.equal(await fetched(given), `${base}/rest/session`, given);
  }
  for (const bad of [
    "",
    "api.us0.swi-rc.com",
    "http://api.us0.swi-rc.com",
    "http://localhost.evil.com",
    "http://127.0.0.1.nip.io",
    "http://user@localhost",
    "https://:@host",
    "https://user:pass@host",
    "https://",
    "https://host:99999",
    "https://host:80.5",
    "https://ho st",
    "https://host\t.example",
    "https://host?x=1",
    "https://host?",
    "https://host#f",
    "ftp://host",
    "javascript:alert(1)",
    "https://[::1",
    "https://[::1]x",
    "https://[0::0::0]",
    "https://[0:.0]",
    "https://a..b",
    "https://example.com.",
  ]) {
    const errors = validateSessionRequest({ publicKey, apiBase: bad });
    assert.deepEqual(
      errors.map(({ field, reason }) => ({ field, reason })),
      [{ field: "apiBase", reason: "invalid_format" }],
      JSON.stringify(bad),
    );
  }
});

test("WPT's URL vectors: nothing the parser rejects, or reads with user info, is accepted; an accepted base keeps the parser's origin", { skip: !existsSync(VECTORS) && "../shared/vectors/url.json is absent (a clone without the shared folder)" }, async () => {
  const { cases } = JSON.parse(readFileSync(VECTORS, "utf8"));
  const counts = { cases: cases.length, rejectedByParser: 0, withUserInfo: 0, accepted: 0, refusedByRules: 0 };
  for (const vector of cases) {
    const ok = accepts(vector.input);
    if (vector.failure) {
      counts.rejectedByParser++;
      assert.equal(ok, false, `the URL parser rejects ${JSON.stringify(vector.input)}`);
      continue;
    }
    if (vector.username || vector.password) {
      counts.withUserInfo++;
      assert.equal(ok, false, `${JSON.stringify(vector.input)} has user info`);
      continue;
    }
    if (!ok) {
      counts.refusedByRules++;
      continue;
    }
    counts.accepted++;
    assert.ok(vector.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(vector.hostname), vector.input);
    const url = new URL(await fetched(vector.input));
    assert.equal(url.origin, vector.origin ?? new URL(vector.href).origin, vector.input);
  }
  console.log(`url.json: ${JSON.stringify(counts)}`);
  assert.ok(counts.accepted > 0 && counts.rejectedByParser > 0);
});
