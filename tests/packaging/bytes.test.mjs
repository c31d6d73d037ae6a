// What a visitor downloads, measured as a browser fetches it: each path
// (the API on a plain page, the help form element on a French page) is
// loaded in headless Chromium from a server that records every file of the
// package the page asks for until it is ready; the budget is the sum of
// those files gzipped at level 9 (what a server sends with gzip on). Sizes
// are deterministic, so unlike timings they belong in tests. ARCHITECTURE.md's
// size table holds the history of the figures, each step with its commit.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";
import { after, before, test as nodeTest } from "node:test";
import { gzipSync } from "node:zlib";
import { openBrowser } from "../../scripts/lib/browser.mjs";
import { root } from "../../scripts/lib/run.mjs";

const pkg = join(root, "pkg");
const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

// The most each path may weigh, gzipped: the budgets of this round of
// issues (security, one declaration per contract, framework entries,
// nothing typed is lost, languages, diagnose), shared by all of them.
// What only some visitors need (a ticket form, diagnose, framework
// entries) loads on demand or lives in its own entry, outside both paths.
const API_BUDGET = 18_150;
const ELEMENT_BUDGET = 26_600;

const PAGES = {
  // A plain page: the web entry, init(), and createSession is callable.
  "/api.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API</title>
<script type="module">
import init, { createSession } from "/pkg/index.js";
await init();
window.ready = typeof createSession === "function";
</script></head><body></body></html>`,
  // A French page with the help form, until takecontrol-ready.
  "/element.html": `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Aide</title>
<script type="module" src="/pkg/element.js"></script></head>
<body><takecontrol-help public-key="k"></takecontrol-help>
<script>document.addEventListener("takecontrol-ready", () => { window.ready = true; });</script></body></html>`,
};

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };

let server;
let url;
let browser;
/** The package's files asked for since the last reset, in order. */
let fetched = [];

before(async () => {
  assert.ok(existsSync(join(pkg, "element.js")), "pkg/ is not built (npm run build)");
  server = createServer((req, res) => {
    const path = decodeURIComponent(req.url.split("?")[0]);
    if (PAGES[path]) {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      return res.end(PAGES[path]);
    }
    const file = normalize(join(pkg, path.replace(/^\/pkg\//, "")));
    if (path.startsWith("/pkg/") && file.startsWith(pkg) && existsSync(file)) {
      fetched.push(path.slice("/pkg/".length));
      res.setHeader("Content-Type", TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream");
      return res.end(readFileSync(file));
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  browser = await openBrowser("chrome");
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Opens `path`, waits until the page says it is ready, and returns each file it fetched with its gzipped size. */
async function downloads(path) {
  const page = await browser.newPage();
  try {
    fetched = [];
    await page.goto(`${url}${path}`);
    await page.waitFor(() => window.ready === true, [], { timeout: 30_000, message: `${path} never became ready` });
    const files = [...new Set(fetched)].map((file) => ({ file, gzipped: gzipSync(readFileSync(join(pkg, file)), { level: 9 }).length }));
    // What the browser's own Resource Timing saw agrees with what the server sent.
    const seen = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname).filter((p) => p.startsWith("/pkg/")),
    );
    assert.deepEqual([...new Set(seen.map((p) => p.slice(5)))].sort(), files.map((f) => f.file).sort());
    const total = files.reduce((sum, f) => sum + f.gzipped, 0);
    console.log(`${path}: ${files.map((f) => `${f.file} ${f.gzipped}`).join(" + ")} = ${total} B gzipped`);
    return { files, total };
  } finally {
    await page.close();
  }
}

test(`the API path (a plain page: ./web, init(), createSession callable) downloads at most ${API_BUDGET} B gzipped`, async () => {
  const { files, total } = await downloads("/api.html");
  assert.deepEqual(files.map((f) => f.file).sort(), ["index.js", "takecontrol_session_bg.wasm"]);
  assert.ok(total <= API_BUDGET, `${total} B gzipped is over the budget of ${API_BUDGET} B`);
});

test(`the element path (a French page with <takecontrol-help>, until takecontrol-ready) downloads at most ${ELEMENT_BUDGET} B gzipped`, async () => {
  const { files, total } = await downloads("/element.html");
  // The visitor build, and only the French words besides the English built in.
  assert.deepEqual(files.map((f) => f.file).sort(), ["element.js", "index.js", "messages/fr.js", "takecontrol_session_bg.wasm"]);
  assert.ok(total <= ELEMENT_BUDGET, `${total} B gzipped is over the budget of ${ELEMENT_BUDGET} B`);
});

test("a customer's page never downloads getSessionHistory: the visitor build has no such export", async () => {
  const wasm = new WebAssembly.Module(readFileSync(join(pkg, "takecontrol_session_bg.wasm")));
  const full = new WebAssembly.Module(readFileSync(join(pkg, "takecontrol_session_full_bg.wasm")));
  const bindings = readFileSync(join(pkg, "index.js"), "utf8");
  assert.ok(!/getSessionHistory/.test(bindings), "the visitor bindings name getSessionHistory");
  assert.ok(/getSessionHistory/.test(readFileSync(join(pkg, "full.js"), "utf8")));
  assert.ok(WebAssembly.Module.exports(wasm).length < WebAssembly.Module.exports(full).length, "the full module exports more");
});

test("neither .wasm carries text only a panic would show (scripts/lib/blank-panic-text.mjs), and both keep their own messages", () => {
  for (const file of ["takecontrol_session_bg.wasm", "takecontrol_session_full_bg.wasm"]) {
    const text = readFileSync(join(pkg, file)).toString("latin1");
    for (const panicOnly of ["/rustc/", ".cargo", "capacity overflow", "memory allocation of", "00010203040506070809"]) {
      assert.ok(!text.includes(panicOnly), `${file} holds ${JSON.stringify(panicOnly)}`);
    }
    // What a caller can be told stays, wasm-bindgen's own errors included.
    for (const kept of ["must be an email address such as name@example.com", "null pointer passed to rust"]) {
      assert.ok(text.includes(kept), `${file} lost ${JSON.stringify(kept)}`);
    }
  }
});
