// The package in the browser, three ways in, each installed from the
// tarball into a fresh copy of its example and built with the real tool:
// a Vite app (`vite build`, no plugin, no config file), the same page built
// by webpack 5 with its defaults (no config file, no wasm rule), and a plain
// page without a bundler (the web entry and init()). Each built page is
// served on loopback, opened in each engine (Chrome, Firefox, WebKit), and
// creates a session against the stand-in API on another origin. The help
// form element ("takecontrol-session/element", <takecontrol-help>) is on the
// Vite and webpack pages too, and on a plain page of its own
// (examples/plain/element.html, under a strict Content-Security-Policy):
// there a visitor types into its shadow root and gets a place in the queue.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test as nodeTest } from "node:test";
import { openBrowser } from "../../scripts/lib/browser.mjs";
import { engineName, selectedEngines } from "../../scripts/lib/engines.mjs";
import en from "../../js/messages/en.js";
import { admin, apiBase, must, project, root, serve, tools } from "./lib.mjs";

/** A hung browser or build fails its own test, not the whole run. */
const test = (name, fn) => nodeTest(name, { timeout: 300_000 }, fn);

/** One browser of each engine, started once for the file. */
const browsers = [];

before(async () => {
  const probe = await admin("GET", "faults").then(
    () => ({ ok: true }),
    (error) => error,
  );
  assert.ok(probe.ok, `the stand-in API is not reachable at ${apiBase} (set TAKECONTROL_MOCK_URL)`);
  for (const engine of selectedEngines()) browsers.push(await openBrowser(engine));
});

after(async () => {
  await Promise.allSettled(browsers.map((browser) => browser.close()));
});

/**
 * Opens the page served from `dir` in each engine, asks for a session as a
 * visitor would, and checks what the visitor sees and what the stand-in
 * received. `element`: the page (path) where the help form element then
 * does the same, in the same browser session; "" for the page itself.
 */
async function createsASession(dir, { element = null } = {}) {
  const site = await serve(dir);
  try {
    for (const browser of browsers) await createsASessionIn(browser, site, { element });
  } finally {
    await site.close();
  }
}

async function createsASessionIn(browser, site, { element }) {
  const page = await browser.newPage();
  const where = engineName(browser.id);
  try {
    await admin("POST", "reset");
    await page.goto(site.url);
    await page.fill("input[name=customerName]", "Ada Lovelace");
    // Enabled by the page's module once it has run, i.e. once the wasm is ready.
    await page.waitFor(() => !document.querySelector("button").disabled, [], { timeout: 30_000, message: `${where}: the button was never enabled` });
    await page.click("button");
    await page.waitFor(() => /^(You are|Could not)/.test(document.querySelector("#status").textContent), [], {
      timeout: 30_000,
      message: `${where}: the status never changed`,
    });
    assert.equal(await page.evaluate(() => document.querySelector("#status").textContent), "You are number 1 in line.", where);
    await receivedOneSession("Ada Lovelace", where);
    await noProblems(page, site, where);
    if (element !== null) {
      const there = `${where}, <takecontrol-help>${element ? ` on ${element}` : ""}`;
      if (element) await page.goto(`${site.url}${element}`);
      await helpFormCreatesASession(page, there);
      await noProblems(page, site, there);
    }
  } finally {
    await page.close();
  }
}

/** The one POST /rest/session the stand-in received since its reset, for `customerName`. */
async function receivedOneSession(customerName, where) {
  const requests = await admin("GET", "requests");
  assert.equal(requests.length, 1, where);
  assert.equal(requests[0].path, "/rest/session", where);
  assert.equal(requests[0].method, "POST", where);
  assert.equal(JSON.parse(requests[0].body).customer_name, customerName, where);
}

/** No console error or warning, uncaught error, CSP violation or failed request on the page. */
async function noProblems(page, site, where) {
  const seen = await page.evaluate(() => window.__e2e.seen);
  const problems = [
    ...seen.pageErrors.map((e) => `page error: ${e}`),
    ...seen.consoleErrors.map((e) => `console error: ${e}`),
    ...seen.consoleWarnings.map((e) => `console warning: ${e}`),
    ...seen.cspViolations.map((e) => `CSP: ${e}`),
    ...site.failures,
  ];
  assert.deepEqual(problems, [], where);
}

/** What the help form says once a session is created (English: the page is lang="en"). */
const QUEUED_FIRST = en.queuedPlace.replace("{position}", "1");

/**
 * <takecontrol-help> on the open page: the visitor types a name into its
 * shadow root and clicks its button; it says "You are number 1 in line.",
 * and the stand-in received that one session.
 */
async function helpFormCreatesASession(page, where) {
  await admin("POST", "reset");
  // Defined (its form rendered) once the page's module has run.
  await page.waitFor(() => document.querySelector("takecontrol-help")?.shadowRoot?.querySelector("input[name=customerName]"), [], {
    timeout: 30_000,
    message: `${where}: the form never appeared`,
  });
  // The page's tag names the stand-in's default address; this run's may be elsewhere.
  await page.evaluate((base) => {
    document.querySelector("takecontrol-help").apiBase = base;
  }, apiBase);
  // WebDriver hands back elements inside an open shadow root like any other.
  const input = await page.evaluate(() => document.querySelector("takecontrol-help").shadowRoot.querySelector("input[name=customerName]"));
  await input.sendKeys("Grace Hopper");
  const submit = await page.evaluate(() => document.querySelector("takecontrol-help").shadowRoot.querySelector("button[part=submit]"));
  await submit.click();
  const status = () => document.querySelector("takecontrol-help").shadowRoot.querySelector("[part=status]").textContent;
  // Waits out "Connecting you…": a panel that is not progress is the answer.
  await page.waitFor(() => document.querySelector("takecontrol-help").shadowRoot.querySelector("[part=status] .panel:not(.panel-progress)"), [], {
    timeout: 30_000,
    message: `${where}: the status never changed`,
  });
  const text = await page.evaluate(status);
  assert.ok(text.includes(QUEUED_FIRST), `${where}: the status says ${JSON.stringify(text)}`);
  assert.equal(await page.evaluate(() => document.querySelector("takecontrol-help").session?.queueLength), 1, `${where}: its session`);
  await receivedOneSession("Grace Hopper", where);
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

test("vite build of examples/vite, opened in Chrome, Firefox and WebKit, creates a session, and so does its <takecontrol-help>", async () => {
  const dir = await project("vite");
  const { stdout } = await must(process.execPath, [tools.vite, "build"], { cwd: dir });
  console.log(stdout.trim());
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.ok(
    assets.some((file) => /^takecontrol_session_bg-.+\.wasm$/.test(file)),
    `Vite emitted the .wasm it found through new URL(..., import.meta.url): ${assets}`,
  );
  // One .wasm for both ways in: the element shares the bindings of the package's entry.
  assert.equal(assets.filter((file) => file.endsWith(".wasm")).length, 1, `${assets}`);
  // Each language is a chunk of its own, loaded when a page needs it.
  for (const language of ["en", "de", "es", "fr", "it", "nl", "pt-BR"]) {
    assert.ok(assets.some((file) => file.startsWith(`${language}-`) && file.endsWith(".js")), `no chunk for ${language}: ${assets}`);
  }
  await createsASession(join(dir, "dist"), { element: "" });
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

test("webpack 5 with its defaults builds examples/webpack; in Chrome, Firefox and WebKit it creates a session, and so does its <takecontrol-help>", async () => {
  const dir = await project("webpack");
  assert.ok(!existsSync(join(dir, "webpack.config.js")));
  const { stdout } = await must(process.execPath, [tools.webpack, "--mode", "production", "--json"], { cwd: dir });
  const stats = JSON.parse(stdout.slice(stdout.indexOf("{")));
  assert.deepEqual(stats.errors, []);
  assert.deepEqual(stats.warnings, []);
  const modules = stats.modules.map((m) => m.name).join("\n");
  // webpack took the self-initializing entry (its `default` condition), and kept it.
  assert.match(modules, /node_modules\/takecontrol-session\/bundler\.js/);
  // ...and the element's entry, kept for its side effect (it defines <takecontrol-help>).
  assert.match(modules, /node_modules\/takecontrol-session\/element\.js/);
  assert.equal(stats.assets.filter((a) => a.name.endsWith(".wasm")).length, 1, "webpack emitted the .wasm, once");
  await createsASession(dir, { element: "" });
});

test("a plain page (examples/plain) with the web entry and init(), in Chrome, Firefox and WebKit, creates a session; element.html's <takecontrol-help> too", async () => {
  const dir = await project("plain");
  await createsASession(dir, { element: "element.html" });
});
