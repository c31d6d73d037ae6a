// The demo page (www/) as an attacker meets it, in each of the three
// engines, against the stand-in API: a phishing link that names another
// account's key and API in the page's address, on the page as published
// (a host name that is not loopback), and a page on another site that
// frames the help page. The test host name is mapped to 127.0.0.1 by each
// engine (scripts/lib/engines.mjs's capabilities and hostFor): nothing
// leaves this machine.
//
//   TAKECONTROL_MOCK_URL=http://127.0.0.1:PORT [TAKECONTROL_ENGINES=webkit] node --test e2e/security.test.mjs
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { join } from "node:path";
import sirv from "sirv";
import { after, before, describe, test as nodeTest } from "node:test";
import { openBrowser } from "../scripts/lib/browser.mjs";
import { engineName, hostFor, selectedEngines } from "../scripts/lib/engines.mjs";
import { root } from "../scripts/lib/run.mjs";
import { servePage } from "../scripts/lib/serve.mjs";
import { MOCK, admin, assertStandInUp } from "./lib/stand-in.mjs";

/** The account's key, as the help desk wrote it in config.js. */
const PUBLIC_KEY = "demo-public-key";
/** What a phishing link puts in the address: another account's key, and an API that reaches the stand-in by another name. */
const ATTACKER_KEY = "attacker-public-key-0123456789";
const ATTACKER_API = MOCK.replace("127.0.0.1", "localhost");
/** The help desk's public host name, as the test maps it. */
const PUBLIC_HOST = "help.example-msp.test";
const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

before(assertStandInUp);

for (const engine of selectedEngines()) describe(engineName(engine), () => cases(engine));

function cases(engine) {
  let browser;
  let site;
  /** The paths the page's server was asked for, in order. */
  const served = [];
  /** What the server does to each page (a test sets it, and puts it back). */
  let rewrite = (html) => html;

  before(async () => {
    // config.js as the help desk edits it: its API is this run's stand-in.
    site = await servePage({ observe: true, page: (html) => rewrite(html), edits: { "/config.js": (text) => text.replace("http://127.0.0.1:8787", MOCK) } });
    site.server.on("request", (req) => served.push(req.url));
    browser = await openBrowser(engine);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  const port = () => new URL(site.url).port;
  const element = (page, name) => page.evaluate((n) => document.querySelector("takecontrol-help")[n], name);

  async function open(url, host) {
    const page = await browser.newPage({ host });
    await page.goto(url);
    await page.waitFor(() => document.querySelector("takecontrol-help")?.shadowRoot?.querySelector("form button[type=submit]")?.textContent);
    return page;
  }

  test("a phishing link to the published page: the account and API stay config.js's, the console says the address was ignored", async () => {
    await admin("POST", "reset");
    const host = hostFor(engine, PUBLIC_HOST);
    const query = new URLSearchParams({ publicKey: ATTACKER_KEY, apiBase: ATTACKER_API });
    const page = await open(`http://${host}:${port()}/?${query}`, host);
    try {
      assert.equal(await page.evaluate(() => location.hostname), host, "the page is on the public host name");
      assert.equal(await element(page, "publicKey"), PUBLIC_KEY);
      assert.equal(await element(page, "apiBase"), MOCK);
      await page.fill("takecontrol-help >>> [name=customerName]", "Ada Lovelace");
      await page.click("takecontrol-help >>> #submit");
      await page.waitFor(() => /You are number/.test(document.querySelector("takecontrol-help").shadowRoot.getElementById("status").innerText));
      const log = await admin("GET", "requests");
      assert.equal(log.length, 1, "one request, to the help desk's own API");
      assert.equal(log[0].headers.host, new URL(MOCK).host, "sent to config.js's API, not the link's");
      assert.ok(!JSON.stringify(log).includes(ATTACKER_KEY), "the link's key went nowhere");
      assert.equal(await page.evaluate(() => document.querySelector("takecontrol-help").session?.queueLength), 1);
      const seen = await page.evaluate(() => window.__e2e.seen);
      const warnings = seen.consoleErrors.filter((text) => text.includes("ignores"));
      assert.equal(warnings.length, 1, `one console error: ${seen.consoleErrors}`);
      assert.match(warnings[0], /apiBase, publicKey/);
      assert.match(warnings[0], /SECURITY\.md/);
      assert.deepEqual(seen.cspViolations, [], "the stand-in is allowed by the sources the dev server adds");
      assert.ok(!warnings[0].includes(ATTACKER_KEY), "the warning does not repeat the link's values");
    } finally {
      await page.close();
    }
  });

  test("on this machine (127.0.0.1) the address still overrides config.js, for trying an account without editing", async () => {
    const query = new URLSearchParams({ publicKey: "another-public-key", apiBase: ATTACKER_API });
    const page = await open(`${site.url}?${query}`);
    try {
      assert.equal(await element(page, "publicKey"), "another-public-key");
      assert.equal(await element(page, "apiBase"), ATTACKER_API);
      const seen = await page.evaluate(() => window.__e2e.seen);
      assert.deepEqual(seen.consoleErrors.filter((text) => text.includes("ignores")), []);
    } finally {
      await page.close();
    }
  });

  test("another site cannot frame the help page (frame-ancestors 'none' from the page's server)", async () => {
    const framing = createServer((req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(`<!doctype html><title>another site</title><iframe src="${site.url}?framed=1" width="600" height="600"></iframe>`);
    });
    await new Promise((resolve) => framing.listen(0, "127.0.0.1", resolve));
    const page = await browser.newPage();
    try {
      const start = served.length;
      // Another origin: localhost, where the help page is on 127.0.0.1.
      await page.goto(`http://localhost:${framing.address().port}/`);
      await page.waitFor(() => document.querySelector("iframe"));
      // Long enough for a framed page to ask for its scripts, had it been rendered.
      await page.pause(3000);
      const asked = served.slice(start);
      assert.ok(asked.some((url) => url.startsWith("/?framed=1")), `the frame asked for the page: ${asked}`);
      assert.ok(!asked.some((url) => url.startsWith("/app.js")), `the framed page never ran: ${asked}`);
    } finally {
      await page.close();
      framing.closeAllConnections();
      await new Promise((resolve) => framing.close(resolve));
    }
  });

  test("getSessionHistory refuses the private key in a dedicated worker as on the page, and sends nothing", async () => {
    await admin("POST", "reset");
    const pkg = sirv(join(root, "pkg"), { dev: true });
    // A module worker that calls ./full's getSessionHistory, as an internal page's worker would.
    const worker = `import init, { getSessionHistory } from "/pkg/full.js";
      await init();
      getSessionHistory({ privateKey: "demo-private-key", apiBase: ${JSON.stringify(MOCK)} }).then(
        () => postMessage("resolved"),
        (error) => postMessage(error.code),
      );`;
    const server = createServer((req, res) => {
      if (req.url.startsWith("/pkg/")) {
        req.url = req.url.slice("/pkg".length);
        return pkg(req, res, () => res.writeHead(404).end());
      }
      res.setHeader("Content-Type", req.url === "/worker.js" ? "text/javascript" : "text/html; charset=utf-8");
      res.end(req.url === "/worker.js" ? worker : "<!doctype html><title>dashboard</title>");
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      const answer = await page.session.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        const worker = new Worker("/worker.js", { type: "module" });
        worker.onmessage = (event) => done(event.data);
        worker.onerror = (event) => done("worker error: " + event.message);`);
      assert.equal(answer, "private_key_in_browser");
      const log = await admin("GET", "requests");
      assert.deepEqual(log, [], "nothing was sent");
    } finally {
      await page.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("under Trusted Types (require-trusted-types-for 'script', no policy allowed) the form renders and creates a session, with no violation", async () => {
    await admin("POST", "reset");
    rewrite = (html) => html.replace("base-uri 'none';", "base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none';");
    let page;
    try {
      page = await open(site.url);
      assert.match(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content), /require-trusted-types-for 'script'/);
      await page.fill("takecontrol-help >>> [name=customerName]", "Ada Lovelace");
      await page.click("takecontrol-help >>> #submit");
      await page.waitFor(() => /You are number/.test(document.querySelector("takecontrol-help").shadowRoot.getElementById("status").innerText));
      const seen = await page.evaluate(() => window.__e2e.seen);
      assert.deepEqual(seen.cspViolations, []);
      assert.deepEqual(seen.pageErrors, []);
      assert.equal((await admin("GET", "requests")).length, 1);
    } finally {
      rewrite = (html) => html;
      await page?.close();
    }
  });
}
