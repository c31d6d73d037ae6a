// The package in the browser, three ways in, each installed from the
// tarball into a fresh copy of its example and built with the real tool:
// a Vite app (`vite build`, no plugin, no config file), the same page built
// by webpack 5 with its defaults (no config file, no wasm rule), and a plain
// page without a bundler (the web entry and init()). Each built page is
// served on loopback, opened in each engine (Chrome, Firefox, WebKit), and
// creates a session against the stand-in API on another origin.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test as nodeTest } from "node:test";
import { openBrowser } from "../../scripts/lib/browser.mjs";
import { engineName, selectedEngines } from "../../scripts/lib/engines.mjs";
import { admin, apiBase, must, project, root, serve, tools } from "./lib.mjs";

/** A hung browser or build fails its own test, not the whole run. */
const test = (name, fn) => nodeTest(name, { timeout: 300_000 }, fn);

/** One browser of each engine, started once for the file. */
const browsers = [];

before(async () => {
  const probe = await fetch(`${apiBase}/__admin/faults`).catch((error) => error);
  assert.ok(probe.ok, `the stand-in API is not reachable at ${apiBase} (set TAKECONTROL_MOCK_URL)`);
  for (const engine of selectedEngines()) browsers.push(await openBrowser(engine));
});

after(async () => {
  await Promise.allSettled(browsers.map((browser) => browser.close()));
});

/**
 * Opens the page served from `dir` in each engine, asks for a session as a
 * visitor would, and checks what the visitor sees and what the stand-in
 * received.
 */
async function createsASession(dir) {
  const site = await serve(dir);
  try {
    for (const browser of browsers) await createsASessionIn(browser, site);
  } finally {
    await site.close();
  }
}

async function createsASessionIn(browser, site) {
  const page = await browser.newPage();
  const where = engineName(browser.id);
  try {
    await admin("POST", "reset");
    await page.goto(`${site.url}?apiBase=${encodeURIComponent(apiBase)}`);
    await page.fill("input[name=customerName]", "Ada Lovelace");
    // Enabled by the page's module once it has run, i.e. once the wasm is ready.
    await page.waitFor(() => !document.querySelector("button").disabled, [], { timeout: 30_000, message: `${where}: the button was never enabled` });
    await page.click("button");
    await page.waitFor(() => /^(You are|Could not)/.test(document.querySelector("#status").textContent), [], {
      timeout: 30_000,
      message: `${where}: the status never changed`,
    });
    assert.equal(await page.evaluate(() => document.querySelector("#status").textContent), "You are number 1 in line.", where);
    const requests = await admin("GET", "requests");
    assert.equal(requests.length, 1, where);
    assert.equal(requests[0].path, "/rest/session");
    assert.equal(JSON.parse(requests[0].body).customer_name, "Ada Lovelace");
    const seen = await page.evaluate(() => window.__e2e.seen);
    const problems = [
      ...seen.pageErrors.map((e) => `page error: ${e}`),
      ...seen.consoleErrors.map((e) => `console error: ${e}`),
      ...seen.consoleWarnings.map((e) => `console warning: ${e}`),
      ...seen.cspViolations.map((e) => `CSP: ${e}`),
      ...site.failures,
    ];
    assert.deepEqual(problems, [], where);
  } finally {
    await page.close();
  }
}

test("examples/vite: no Vite plugin and no config file", () => {
  const dir = join(root, "examples", "vite");
  assert.deepEqual(
    readdirSync(dir).filter((file) => /^vite\.config\./.test(file)),
    [],
  );
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.deepEqual(Object.keys(manifest.devDependencies), ["vite"]);
  assert.deepEqual(Object.keys(manifest.dependencies), ["takecontrol-session"]);
});

test("vite build of examples/vite, opened in Chrome, Firefox and WebKit, creates a session", async () => {
  const dir = await project("vite");
  const { stdout } = await must(process.execPath, [tools.vite, "build"], { cwd: dir });
  console.log(stdout.trim());
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.ok(
    assets.some((file) => /^takecontrol_session_bg-.+\.wasm$/.test(file)),
    `Vite emitted the .wasm it found through new URL(..., import.meta.url): ${assets}`,
  );
  await createsASession(join(dir, "dist"));
});

test("examples/webpack: the same page, and no webpack config file", () => {
  const dir = join(root, "examples", "webpack");
  assert.deepEqual(
    readdirSync(dir).filter((file) => /^webpack\.config\./.test(file)),
    [],
  );
  assert.equal(
    readFileSync(join(dir, "src", "index.js"), "utf8"),
    readFileSync(join(root, "examples", "vite", "src", "index.js"), "utf8"),
    "examples/webpack/src/index.js must stay a copy of examples/vite/src/index.js",
  );
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.deepEqual(Object.keys(manifest.devDependencies), ["webpack", "webpack-cli"]);
});

test("webpack 5 with its defaults builds examples/webpack; in Chrome, Firefox and WebKit it creates a session", async () => {
  const dir = await project("webpack");
  assert.ok(!existsSync(join(dir, "webpack.config.js")));
  const { stdout } = await must(process.execPath, [tools.webpack, "--mode", "production", "--json"], { cwd: dir });
  const stats = JSON.parse(stdout.slice(stdout.indexOf("{")));
  assert.deepEqual(stats.errors, []);
  assert.deepEqual(stats.warnings, []);
  const modules = stats.modules.map((m) => m.name).join("\n");
  // webpack took the self-initializing entry (its `default` condition), and kept it.
  assert.match(modules, /node_modules\/takecontrol-session\/bundler\.js/);
  assert.ok(stats.assets.some((a) => a.name.endsWith(".wasm")), "webpack emitted the .wasm");
  await createsASession(dir);
});

test("a plain page (examples/plain) with the web entry and init(), in Chrome, Firefox and WebKit, creates a session", async () => {
  const dir = await project("plain");
  await createsASession(dir);
});
