// The demo page as published (www/index.html) and as the dev server
// (scripts/lib/serve.mjs: npm start and the end-to-end tests) serves it: the
// published policy names one API domain and no loopback source, which the
// server adds as it serves; every page goes out with frame-ancestors; a
// path that cannot be decoded or leaves the folder is refused, and the
// server lives on.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { root } from "../../scripts/lib/run.mjs";
import { LOOPBACK_SOURCES, servePage, withPages } from "../../scripts/lib/serve.mjs";

/** The directives of the <meta> Content-Security-Policy in `html`, by name. */
function metaPolicy(html) {
  const [, content] = /<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html) ?? [];
  assert.ok(content, "the page has a <meta> Content-Security-Policy");
  return Object.fromEntries(content.split(";").map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

/** GET `path` exactly as written (no client-side normalization), resolving with { status, headers, body }. */
function get(url, path) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const site = await servePage();
after(() => site.close());

test("the published page's policy names exactly one API domain, no loopback source and no wildcard", () => {
  const policy = metaPolicy(readFileSync(join(root, "www", "index.html"), "utf8"));
  assert.deepEqual(policy["connect-src"], ["'self'", "https://api.us0.swi-rc.com"]);
  for (const sources of Object.values(policy)) {
    for (const source of sources) assert.doesNotMatch(source, /\*|127\.0\.0\.1|localhost|\[::1\]/, source);
  }
});

test("the dev server adds the loopback sources to connect-src as it serves the page, and sends frame-ancestors 'none'", async () => {
  const { status, headers, body } = await get(site.url, "/");
  assert.equal(status, 200);
  assert.deepEqual(metaPolicy(body)["connect-src"], ["'self'", "https://api.us0.swi-rc.com", ...LOOPBACK_SOURCES.split(" ")]);
  assert.equal(headers["content-security-policy"], "frame-ancestors 'none'");
  assert.equal(headers["x-content-type-options"], "nosniff");
});

test("a path that cannot be decoded is refused with 400, and the server keeps serving", async () => {
  for (const path of ["/%E0%A4%A", "/%", "/pkg/%E0%A4%A"]) {
    assert.equal((await get(site.url, path)).status, 400, path);
  }
  assert.equal((await get(site.url, "/")).status, 200, "still serving");
});

test("no path reaches a sibling folder whose name starts like the served one's", async (t) => {
  const parent = mkdtempSync(join(tmpdir(), "takecontrol-serve-"));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const dir = join(parent, "www");
  mkdirSync(dir);
  mkdirSync(join(parent, "www-secret"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>public</title>");
  writeFileSync(join(parent, "www-secret", "index.html"), "<!doctype html><title>secret</title>");
  const server = createServer(withPages(dir, (req, res) => res.writeHead(404).end("not found")));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${server.address().port}/`;
  assert.match((await get(url, "/")).body, /public/);
  for (const path of ["/..%2Fwww-secret/index.html", "/%2E%2E/www-secret/index.html", "/../www-secret/index.html"]) {
    const { status, body } = await get(url, path);
    assert.doesNotMatch(body, /secret/, path);
    assert.equal(status, 400, path);
  }
});
