// <takecontrol-help> (the package's "./element", built in pkg/) against what
// a page, its address or a busy API may throw at it, in each of the three
// engines over WebDriver (scripts/lib/browser.mjs), against the stand-in API:
// links it refuses to render (applet-url, fallback-href, privacy-href), the
// warning when its key or API base comes from the page's own address, page
// strings that name Object.prototype's members (lang, fields, placeholders),
// and the limits of its automatic retries after 429. Each test checks what
// the visitor sees, what the console says and what the stand-in received
// (GET /__admin/requests).
//
// The pages are this file's own, served with pkg/ on two hosts: 127.0.0.1
// (loopback) and 127.0.0.2, which reaches this machine too but is not
// loopback by the package's definition (only localhost, 127.0.0.1, [::1]),
// so that it stands for a page as published.
//
//   TAKECONTROL_MOCK_URL=http://127.0.0.1:PORT [TAKECONTROL_ENGINES=webkit] node --test e2e/element-security.test.mjs
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import { join, normalize, sep } from "node:path";
import { after, before, beforeEach, describe, test as nodeTest } from "node:test";
import { openBrowser } from "../scripts/lib/browser.mjs";
import { engineName, selectedEngines } from "../scripts/lib/engines.mjs";
import { root } from "../scripts/lib/run.mjs";
import { MOCK, admin, assertStandInUp } from "./lib/stand-in.mjs";

const PUBLIC_KEY = "demo-public-key";
const PKG = join(root, "pkg");
const OUT = join(root, "test-output");
/** A host that reaches this machine but is not loopback to the element. */
const PUBLISHED = "127.0.0.2";
const IN = "takecontrol-help >>> ";
const SUBMIT = `${IN}#submit`;
const RETRY = `${IN}#status button.retry`;
const FALLBACK_TEXT = "Call us on +1 555 0100";
/** The words of each built-in language, as the element has them. */
const WORDS = Object.fromEntries(
  await Promise.all(
    ["en", "fr", "de", "es", "it", "nl", "pt-BR"].map(async (tag) => [tag, (await import(`../js/messages/${tag}.js`)).default]),
  ),
);
const FIRST_IN_LINE = /^You are in the queue\n+You are number 1 in line\./;
const test = (name, fn) => nodeTest(name, { timeout: 180_000 }, fn);

// ---- the stand-in ------------------------------------------------------------

const fault = (spec) => admin("POST", "faults", { path: "/rest/session", method: "POST", ...spec });
const requests = () => admin("GET", "requests");

// ---- the pages -----------------------------------------------------------------

/** The pages the tests wrote, by path. */
const PAGES = new Map();

/**
 * Registers a page and returns its path: `body` (the element), in
 * <html lang=`lang`>, after the tests' observer (e2e/lib/observe.js: console
 * errors, uncaught errors, the element's events); `script` runs in the
 * module that imports the element, once it is defined.
 */
function page(body, { lang = "en", script = "" } = {}) {
  const path = `/page-${PAGES.size + 1}.html`;
  PAGES.set(
    path,
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>element security</title>
<script src="/__e2e/observe.js"></script>
<script type="module">import "/pkg/element.js";
const help = document.querySelector("takecontrol-help");
${script}</script></head>
<body>${body}</body></html>`,
  );
  return path;
}

/** Serves the registered pages, the observer and pkg/ on `host`, a free port; resolves with { url, close }. */
function serve(host) {
  const server = createServer((req, res) => {
    const path = req.url.split("?")[0];
    if (PAGES.has(path)) {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      return res.end(PAGES.get(path));
    }
    if (path === "/__e2e/observe.js") {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      return res.end(readFileSync(join(root, "e2e", "lib", "observe.js")));
    }
    const file = normalize(join(PKG, path.replace(/^\/pkg\//, "")));
    if (path.startsWith("/pkg/") && file.startsWith(PKG + sep) && existsSync(file)) {
      res.setHeader("Content-Type", file.endsWith(".wasm") ? "application/wasm" : "text/javascript; charset=utf-8");
      return res.end(readFileSync(file));
    }
    res.statusCode = 404;
    res.end("not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      const close = () => new Promise((done) => (server.close(() => done()), server.closeAllConnections()));
      resolve({ url: `http://${host}:${server.address().port}`, close });
    });
  });
}

/** The element's tag with these attributes (values escaped). */
function element(attributes) {
  const escape = (value) => String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const list = Object.entries({ "public-key": PUBLIC_KEY, "api-base": MOCK, ...attributes }).filter(([, value]) => value !== null);
  return `<takecontrol-help ${list.map(([name, value]) => (value === true ? name : `${name}="${escape(value)}"`)).join(" ")}></takecontrol-help>`;
}

before(async () => {
  assert.ok(existsSync(join(PKG, "element.js")), "pkg/ is not built (npm run build)");
  await mkdir(OUT, { recursive: true });
  await assertStandInUp();
});

for (const engine of selectedEngines()) describe(`in ${engineName(engine)}`, () => cases(engine));

function cases(engine) {
  let browser;
  /** The pages' servers: on loopback, and on the host that stands for a published page. */
  const sites = {};

  before(async () => {
    sites.loopback = await serve("127.0.0.1");
    sites.published = await serve(PUBLISHED);
    browser = await openBrowser(engine);
  });

  after(async () => {
    await browser?.close();
    await Promise.all(Object.values(sites).map((site) => site.close()));
  });

  beforeEach(() => admin("POST", "reset"));

  /** Opens `path` (with `address`, a query and/or fragment) on `site` and waits until the form shows its button's words. */
  async function open(path, { site = "loopback", address = "" } = {}) {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${sites[site].url}${path}${address}`);
      await tab.waitFor(() => document.querySelector("takecontrol-help")?.shadowRoot?.querySelector("form button[type=submit]")?.textContent, [], {
        timeout: 15_000,
      });
      return tab;
    } catch (error) {
      await tab.close();
      throw error;
    }
  }

  const seen = (tab) => tab.evaluate(() => window.__e2e.seen);
  const status = async (tab) => ((await tab.text(`${IN}#status`)) ?? "").trim();
  const onElement = (tab, fn, ...args) =>
    tab.session.executeScript(`return (${fn}).apply(null, [document.querySelector("takecontrol-help"), ...arguments]);`, ...args);
  /** Every link in the element's shadow root: its href as written, and whether it shows. */
  const links = (tab) =>
    tab.evaluate(() =>
      [...document.querySelector("takecontrol-help").shadowRoot.querySelectorAll("a")].map((a) => ({
        id: a.id || a.className,
        href: a.getAttribute("href"),
        shown: !a.hidden && a.getClientRects().length > 0,
      })),
    );

  /** Waits until the status region's text matches `pattern`; returns it. */
  async function statusMatching(tab, pattern, timeout = 20_000) {
    try {
      await tab.waitFor(
        (source, flags) => new RegExp(source, flags).test(document.querySelector("takecontrol-help").shadowRoot.getElementById("status").innerText.trim()),
        [pattern.source, pattern.flags],
        { timeout },
      );
    } catch (error) {
      assert.fail(`the status region never matched ${pattern}; it shows ${JSON.stringify(await status(tab))} (${error.message.split("\n")[0]})`);
    }
    return status(tab);
  }

  // ---- A: links -------------------------------------------------------------

  test("A. links: a javascript:, data:, vbscript: or unparsable link is never rendered, nor a plain-http support app off loopback; the console names the attribute and its rule once", async () => {
    const tab = await open(
      page(
        element({
          "customer-name": "Ada Lovelace",
          "privacy-href": "javascript:alert(document.domain)",
          "fallback-href": "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
          "fallback-text": FALLBACK_TEXT,
          "applet-url": "http://www.example.com/support/TakeControlApplet.exe",
        }),
      ),
    );
    /** Sets `attribute` to each value and returns the hrefs the element then renders (shown links only). */
    const rendered = async (attribute, values) => {
      const out = {};
      for (const value of values) {
        await onElement(tab, (el, name, v) => el.setAttribute(name, v), attribute, value);
        out[value] = (await links(tab)).filter((link) => link.shown).map((link) => link.href);
      }
      return out;
    };
    const refused = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:msgbox(1)", "https://[::1", "blob:https://example.com/x"];
    try {
      // Idle: the privacy link beside the button.
      assert.deepEqual(await links(tab), [{ id: "privacy", href: null, shown: false }], "no privacy link for javascript:");
      const privacy = await rendered("privacy-href", [...refused, "privacy.html", "/privacy", "https://example.com/privacy", "http://example.com/privacy", "mailto:privacy@example.com", "tel:+15550100"]);
      for (const value of refused) assert.deepEqual(privacy[value], [], `privacy-href=${JSON.stringify(value)} is not rendered`);
      for (const value of ["privacy.html", "/privacy", "https://example.com/privacy", "http://example.com/privacy", "mailto:privacy@example.com", "tel:+15550100"]) {
        assert.deepEqual(privacy[value], [value], `privacy-href=${value} is a link`);
      }
      await onElement(tab, (el) => el.setAttribute("privacy-href", "javascript:alert(2)"));

      // A failure: its retry button and no fallback link, as without fallback-href.
      await fault({ status: 500 });
      await tab.click(SUBMIT);
      assert.match(
        await statusMatching(tab, /^Our support service has a problem/),
        /^Our support service has a problem\n+It is not your fault\. Please try again in a few minutes\.\n+Try again$/,
      );
      const fallback = await rendered("fallback-href", [...refused, "tel:+15550100", "mailto:help@example.com", "/contact", "https://example.com/contact"]);
      for (const value of refused) assert.deepEqual(fallback[value], [], `fallback-href=${JSON.stringify(value)} is not rendered`);
      for (const value of ["tel:+15550100", "mailto:help@example.com", "/contact", "https://example.com/contact"]) assert.deepEqual(fallback[value], [value]);
      assert.match(await status(tab), new RegExp(`Try again\\n+${FALLBACK_TEXT.replace(/[+]/g, "\\+")}$`));
      await onElement(tab, (el) => el.setAttribute("fallback-href", "data:text/html,x"));

      // Queued: no "Next: run the support app" step for a plain-http download from another host.
      await tab.click(RETRY);
      const queued = await statusMatching(tab, FIRST_IN_LINE);
      assert.doesNotMatch(queued, /Next: run the support app|Download/);
      assert.deepEqual((await links(tab)).filter((link) => link.shown), []);
      const applet = await rendered("applet-url", [
        ...refused,
        "http://www.example.com/app.exe",
        "http://127.0.0.2/app.exe",
        "mailto:help@example.com",
        "https://www.example.com/app.exe",
        "http://127.0.0.1:9/app.exe",
        "http://localhost:9/app.exe",
        "http://[::1]:9/app.exe",
      ]);
      for (const value of [...refused, "http://www.example.com/app.exe", "http://127.0.0.2/app.exe", "mailto:help@example.com"]) {
        assert.deepEqual(applet[value], [], `applet-url=${JSON.stringify(value)} is not rendered`);
      }
      for (const value of ["https://www.example.com/app.exe", "http://127.0.0.1:9/app.exe", "http://localhost:9/app.exe", "http://[::1]:9/app.exe"]) {
        assert.deepEqual(applet[value], [value], `applet-url=${value} is the download link`);
      }
      assert.match(await status(tab), /Next: run the support app/);

      // The console: one error per attribute, naming it and the rule.
      const { consoleErrors, pageErrors } = await seen(tab);
      assert.deepEqual(consoleErrors, [
        "takecontrol-help: the privacy-href attribute is not linked: it must be https:, http:, mailto:, tel: or relative",
        "takecontrol-help: the fallback-href attribute is not linked: it must be https:, http:, mailto:, tel: or relative",
        "takecontrol-help: the applet-url attribute is not linked: it must be https: (http: only on loopback)",
      ]);
      assert.deepEqual(pageErrors, []);
      // The wire: the 500, then the session.
      assert.deepEqual((await requests()).map((r) => [r.path, r.faulted]), [["/rest/session", true], ["/rest/session", false]]);
    } finally {
      await tab.close();
    }
  });

  // ---- B: configuration the page's address chooses -------------------------------

  test("B. a key or API base taken from the page's address: one console error on a published page, none on loopback or when the address holds neither", async () => {
    // The page takes publicKey and apiBase from its query or fragment, when there (the pattern the warning is about).
    const path = page(element({ "public-key": null, "api-base": null, "customer-name": "Ada Lovelace" }), {
      script: `const given = new URLSearchParams(location.search + "&" + location.hash.slice(1));
help.publicKey = given.get("publicKey") ?? ${JSON.stringify(PUBLIC_KEY)};
help.apiBase = given.get("apiBase") ?? ${JSON.stringify(MOCK)};`,
    });
    const warning = (attribute) =>
      new RegExp(`^takecontrol-help: the ${attribute} value is in this page's address: a link could send visitors to another account's queue \\(see SECURITY\\.md in takecontrol-session\\)$`);
    const cases = [
      { site: "published", address: `?publicKey=${PUBLIC_KEY}`, warns: "public-key" },
      { site: "published", address: `#apiBase=${encodeURIComponent(MOCK)}`, warns: "api-base" },
      { site: "published", address: `?utm_source=mail#${PUBLIC_KEY.slice(0, 4)}`, warns: null },
      { site: "loopback", address: `?publicKey=${PUBLIC_KEY}&apiBase=${encodeURIComponent(MOCK)}`, warns: null },
    ];
    for (const { site, address, warns } of cases) {
      await admin("POST", "reset");
      const tab = await open(path, { site, address });
      try {
        assert.equal(await tab.evaluate(() => location.hostname), site === "published" ? PUBLISHED : "127.0.0.1");
        // Renders again (a language switch, a submit, the same key set again): still one error, the element works.
        await onElement(tab, (el) => el.setAttribute("lang", "fr"));
        await tab.waitFor((submit) => document.querySelector("takecontrol-help").shadowRoot.getElementById("submit").textContent === submit, [WORDS.fr.submit]);
        await onElement(tab, (el) => ((el.publicKey = el.publicKey), (el.apiBase = el.apiBase)));
        await tab.click(SUBMIT);
        await statusMatching(tab, /^Vous êtes dans la file d’attente/);
        const { consoleErrors, pageErrors } = await seen(tab);
        assert.deepEqual(pageErrors, []);
        if (warns) {
          assert.equal(consoleErrors.length, 1, `${site} ${address}: one error, however often it renders: ${JSON.stringify(consoleErrors)}`);
          assert.match(consoleErrors[0], warning(warns));
        } else {
          assert.deepEqual(consoleErrors, [], `${site} ${address}: no warning`);
        }
        // A warning, not a block: the request went, with the page's key.
        const log = await requests();
        // The stand-in logs which key came (PUBLIC_KEY is its public key), never the key itself.
        assert.deepEqual(log.map((r) => [r.path, r.key]), [["/rest/session", { kind: "public", matched: true }]]);
      } finally {
        await tab.close();
      }
    }
  });

  // ---- D: page strings that name Object.prototype's members ----------------------------

  test("D. lang, fields, required and message placeholders named __proto__, constructor, hasOwnProperty: the form renders in the right language and sends", async () => {
    const cases = [
      { html: "fr", own: "__proto__", words: "fr" },
      { html: "de", own: "constructor", words: "de" },
      { html: "es", own: "hasOwnProperty", words: "es" },
      { html: "__proto__", own: null, words: "en" },
      { html: "constructor", own: null, words: "en" },
      { html: "hasOwnProperty", own: null, words: "en" },
      { html: "toString", own: "__proto__", words: "en" },
    ];
    for (const [index, { html, own, words }] of cases.entries()) {
      await admin("POST", "reset");
      const tab = await open(page(element({ lang: own, "customer-name": "Ada Lovelace" }), { lang: html }));
      try {
        assert.equal(await tab.text(SUBMIT), WORDS[words].submit, `<html lang=${html}>, element lang=${own}: ${words}`);
        if (index === 0) {
          // What goes over the wire: the session in the form's language.
          await tab.click(SUBMIT);
          await statusMatching(tab, /^Vous êtes dans la file d’attente/);
          const log = await requests();
          assert.equal(log.length, 1);
          assert.equal(log[0].json.language, "fr");
          assert.equal(log[0].json.customer_name, "Ada Lovelace");
        }
        const { consoleErrors, pageErrors } = await seen(tab);
        assert.deepEqual([consoleErrors, pageErrors], [[], []], `<html lang=${html}>, element lang=${own}`);
      } finally {
        await tab.close();
      }
    }

    // fields and required tokens, and placeholders in the page's own words.
    const tab = await open(
      page(element({ fields: "constructor name __proto__ problem hasOwnProperty", required: "toString name __proto__" }), {
        script: `help.messages = { submit: "Send {constructor}{__proto__}", nameHint: "Up to {max} characters {hasOwnProperty}." };`,
      }),
    );
    try {
      await tab.waitFor(() => document.querySelector("takecontrol-help").shadowRoot.getElementById("submit").textContent.startsWith("Send"));
      assert.equal(await tab.text(SUBMIT), "Send {constructor}{__proto__}", "a placeholder that is no value stays as written");
      assert.equal(await tab.text(`${IN}#customerName-hint`), "Up to 128 characters {hasOwnProperty}.");
      const names = await tab.evaluate(() => [...document.querySelector("takecontrol-help").shadowRoot.querySelectorAll("input, textarea")].map((el) => el.name));
      assert.deepEqual(names, ["customerName", "problemDescription"]);
      assert.equal(await tab.attribute(`${IN}[name=customerName]`, "aria-required"), "true");
      await tab.click(SUBMIT);
      await tab.waitFor((text) => document.querySelector("takecontrol-help").shadowRoot.getElementById("customerName-error").textContent === text, [WORDS.en.errorRequired]);
      const { consoleErrors, pageErrors } = await seen(tab);
      assert.deepEqual([consoleErrors, pageErrors], [[], []]);
      assert.deepEqual(await requests(), [], "a required field left empty sends nothing");
    } finally {
      await tab.close();
    }
  });

  // ---- E: the limits of the automatic retries after 429 --------------------------------

  const busy = page(element({ "fallback-href": "tel:+15550100", "fallback-text": FALLBACK_TEXT }), {
    // One request per call (the package would retry a 429 twice itself): each request the stand-in logs is one of the element's attempts.
    script: `help.addEventListener("takecontrol-submit", (event) => { event.detail.options.maxRetries = 0; });`,
  });
  const TRY_LATER = new RegExp(
    `^We are very busy right now\\n+Please try again in a few minutes\\. You will not need to type anything again\\.\\n+Try again\\n+${FALLBACK_TEXT.replace(/[+]/g, "\\+")}$`,
  );
  const PROBLEM = "The printer says offline";

  test("E. 429 with Retry-After: 0: each wait lasts 5 s, at most 3 automatic retries in a row, then 'try again later'; a click starts over", async () => {
    await fault({ status: 429, retry_after: "0", times: 50 });
    const tab = await open(busy);
    try {
      await tab.fill(`${IN}[name=problemDescription]`, PROBLEM);
      await tab.click(SUBMIT);
      assert.match(await statusMatching(tab, /^We are very busy right now\n+Trying again in 5 seconds\./, 8_000), /Try again now$/);
      // The floor: no retry within the first seconds, whatever Retry-After says.
      await tab.pause(3_500);
      assert.equal((await requests()).length, 1, "no retry before the 5 s are up");
      // Three automatic retries, each refused: then the visitor is asked to try again later.
      assert.match(await statusMatching(tab, TRY_LATER, 30_000), TRY_LATER);
      assert.equal((await requests()).length, 4, "the visitor's request and three automatic retries");
      assert.equal(await tab.count(`${IN}#status [role=timer]`), 0, "no countdown");
      if (engine === "chrome") await tab.screenshot(join(OUT, "element-security-chrome-try-later.png"), { fullPage: true });
      await tab.pause(7_000);
      assert.equal((await requests()).length, 4, "nothing more behind the visitor's back");
      assert.equal(await tab.value(`${IN}[name=problemDescription]`), PROBLEM, "what was typed stays");
      assert.equal(await tab.isEnabled(SUBMIT), true);
      // A click is the visitor's: the count starts over, so the countdown is back.
      await tab.click(RETRY);
      await statusMatching(tab, /^We are very busy right now\n+Trying again in 5 seconds\./, 8_000);
      assert.equal((await requests()).length, 5);
      await admin("DELETE", "faults");
      await tab.click(RETRY);
      await statusMatching(tab, FIRST_IN_LINE);
      const log = await requests();
      assert.deepEqual(log.map((r) => r.faulted), [true, true, true, true, true, false]);
      assert.equal(log[5].json.problem_description, PROBLEM);
      const { consoleErrors, pageErrors, events } = await seen(tab);
      assert.deepEqual([consoleErrors, pageErrors], [[], []]);
      assert.deepEqual(events.filter((e) => e.type === "takecontrol-error").map((e) => e.error.code), Array(5).fill("rate_limited"));
    } finally {
      await tab.close();
    }
  });

  test("E. a Retry-After over 120 s: no countdown, 'try again later' at once; 120 s still counts down", async () => {
    const tab = await open(busy);
    try {
      await tab.fill(`${IN}[name=problemDescription]`, PROBLEM);
      for (const [retryAfter, sent] of [["999999999", 1], ["121", 2]]) {
        await fault({ status: 429, retry_after: retryAfter });
        await tab.click(sent === 1 ? SUBMIT : RETRY);
        await statusMatching(tab, TRY_LATER);
        assert.equal(await tab.count(`${IN}#status [role=timer]`), 0, `Retry-After: ${retryAfter}: no countdown`);
        assert.equal((await requests()).length, sent);
      }
      await tab.pause(2_000);
      assert.equal((await requests()).length, 2, "no automatic retry");
      await fault({ status: 429, retry_after: "120" });
      await tab.click(RETRY);
      await statusMatching(tab, /^We are very busy right now\n+Trying again in 120 seconds\./);
      assert.equal(await tab.count(`${IN}#status [role=timer]`), 1);
      await tab.click(RETRY);
      await statusMatching(tab, FIRST_IN_LINE);
      assert.deepEqual((await requests()).map((r) => r.faulted), [true, true, true, false]);
      assert.equal(await tab.value(`${IN}[name=problemDescription]`), PROBLEM);
      const { consoleErrors, pageErrors } = await seen(tab);
      assert.deepEqual([consoleErrors, pageErrors], [[], []]);
    } finally {
      await tab.close();
    }
  });
}
