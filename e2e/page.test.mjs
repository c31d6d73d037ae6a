// The demo help-desk page (www/), which is <takecontrol-help> (the package's
// "./element") on a help-desk page, end to end, in each of the three engines
// (Chromium, Firefox ESR, WebKitGTK: scripts/lib/engines.mjs) driven over
// W3C WebDriver (scripts/lib/browser.mjs), against the stand-in API: what
// the visitor sees, and what the stand-in received (GET /__admin/requests).
// One set of cases, run once per engine. The page is served by the same
// static server as `npm start` (scripts/lib/serve.mjs), on its own port, so
// every call crosses origins as in production; as served here it loads
// e2e/lib/observe.js first, which records console errors, uncaught errors
// and CSP violations in any engine, and the element's events. The form's
// nodes are in the element's open shadow root: selectors cross it with
// ">>>" (scripts/lib/browser.mjs).
//
//   TAKECONTROL_MOCK_URL=http://127.0.0.1:PORT [TAKECONTROL_ENGINES=webkit] node --test e2e/
//
// (npm test starts the stand-in, sets the variable and runs one engine at a
// time.) Screenshots go to test-output/, named engine-state-width.png.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import { join } from "node:path";
import { after, before, beforeEach, describe, test as nodeTest } from "node:test";
import { Key, openBrowser } from "../scripts/lib/browser.mjs";
import { engineName, selectedEngines } from "../scripts/lib/engines.mjs";
import { root } from "../scripts/lib/run.mjs";
import { servePage } from "../scripts/lib/serve.mjs";
import { freePort } from "../scripts/lib/services.mjs";
import { MOCK, admin, assertStandInUp } from "./lib/stand-in.mjs";

const PUBLIC_KEY = "demo-public-key";
const OUT = join(root, "test-output");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WIDTHS = { desktop: DESKTOP, phone: PHONE };
/** Inside the element's shadow root. */
const IN = "takecontrol-help >>> ";
const FORM = `${IN}form`;
const STATUS = `${IN}#status`;
const SUBMIT = `${IN}#submit`;
const RETRY = `${IN}#status button.retry`;
const control = (name) => `${IN}[name=${name}]`;
/** The words of each built-in language, as the element has them. */
const WORDS = Object.fromEntries(
  await Promise.all(
    ["en", "fr", "de", "es", "it", "nl", "pt-BR"].map(async (tag) => [tag, (await import(`../js/messages/${tag}.js`)).default]),
  ),
);
const APPLET = "https://www.example.com/support/TakeControlApplet.exe";
/** A failure's panel ends with its retry button, then the page's fallback link (fallback-href). */
const RETRY_THEN_FALLBACK = /Try again\n+Call us on \+1 555 0100$/;
/** `text` as a literal in a RegExp. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What our visitor types, and what the stand-in must receive for it. */
const VISITOR = {
  customerName: "Zoë O'Connor-Ångström",
  customerEmail: "zoe.oconnor@example.com",
  customerNumber: "d4f%d$3",
  problemDescription: 'The printer says "offline" since this morning\'s update; restarting did not help.',
};
const WIRE = {
  customer_name: VISITOR.customerName,
  customer_email: VISITOR.customerEmail,
  customer_number: VISITOR.customerNumber,
  problem_description: VISITOR.problemDescription,
  language: "en",
  show_waiting_queue: 1,
};
/** Every test is bounded: a hung browser fails its test instead of the whole run. */
const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

const FIRST_IN_LINE = "You are number 1 in line. A technician should be with you in about 2 minutes.";

before(async () => {
  await mkdir(OUT, { recursive: true });
  await assertStandInUp();
});

// ---- helpers -------------------------------------------------------------

const fault = (spec) => admin("POST", "faults", { path: "/rest/session", method: "POST", ...spec });
const requests = () => admin("GET", "requests");

async function fill(page, values = VISITOR) {
  for (const [name, value] of Object.entries(values)) await page.fill(control(name), value);
}

async function formValues(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      ["customerName", "customerEmail", "customerNumber", "problemDescription"].map((name) => [
        name,
        document.querySelector("takecontrol-help").shadowRoot.querySelector("form").elements[name].value,
      ]),
    ),
  );
}

/** Waits until the result area's text matches `pattern`, and returns that text. */
async function resultText(page, pattern, timeout = 20_000) {
  try {
    // Trimmed, as page.text() is (WebKit's innerText ends with a line break).
    await page.waitFor(
      (source, flags) =>
        new RegExp(source, flags).test(document.querySelector("takecontrol-help").shadowRoot.getElementById("status").innerText.trim()),
      [pattern.source, pattern.flags],
      { timeout },
    );
  } catch (error) {
    const text = await page.text(STATUS);
    assert.fail(`the status region never matched ${pattern}; it shows: ${JSON.stringify(text)} (${error.message.split("\n")[0]})`);
  }
  return (await page.text(STATUS)).trim();
}

async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the observer saw, and every URL the page asked for. */
async function observed(page) {
  return page.evaluate(() => ({ ...window.__e2e.seen, urls: window.__e2e.urls() }));
}

/** Runs axe-core (its source from node_modules: no network) with the WCAG 2.1 A/AA rules. */
async function axeViolations(page) {
  // WebDriver's scripts are not the page's: its CSP does not refuse them.
  await page.session.executeScript(AXE);
  const violations = await page.session.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
       .then(
         (results) => done(results.violations.map((v) => ({
           id: v.id, impact: v.impact, help: v.help,
           nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary),
         }))),
         (error) => done([{ id: "axe-error", help: String(error) }]),
       );`,
  );
  if (violations.length) console.log(JSON.stringify(violations, null, 2));
  return violations;
}

/** Asserts the visitor's typing survived a failure. */
async function assertFormIntact(page, values = VISITOR) {
  assert.equal(await page.isVisible(FORM), true, "the form stays on screen");
  assert.deepEqual(await formValues(page), values, "the form keeps everything typed");
  assert.equal(await page.isEnabled(SUBMIT), true, "the submit button is usable again");
}

/** Forwards TCP connections on `port` to the stand-in: the API "comes back". */
async function forwardToMock(port) {
  const target = new URL(MOCK);
  const sockets = new Set();
  const server = net.createServer((socket) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(socket).add(upstream);
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(resolve);
    });
}

for (const engine of selectedEngines()) {
  describe(`in ${engineName(engine)}`, () => cases(engine));
}

function cases(engine) {
  let browser;
  let site;

  /** What the test server does to each page and when it lets the .wasm go (tests set them). */
  let rewrite = (html) => html;
  let hold = null;

  before(async () => {
    site = await servePage({
      port: 0,
      observe: true,
      page: (html) => rewrite(html),
      hold: (path) => (path.endsWith(".wasm") ? hold : null),
    });
    browser = await openBrowser(engine);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  beforeEach(async () => {
    rewrite = (html) => html;
    hold = null;
    await admin("POST", "reset");
  });

  /** Opens the page in a new session of this engine at `viewport`. */
  async function open({ query = {}, viewport = DESKTOP } = {}) {
    const page = await browser.newPage({ viewport });
    try {
      const params = new URLSearchParams({ apiBase: MOCK, ...query });
      await page.goto(`${site.url}?${params}`);
      // The form renders without waiting for the .wasm (the early-submit test holds it back).
      await page.waitFor(() => document.querySelector("takecontrol-help")?.shadowRoot?.querySelector("form button[type=submit]")?.textContent);
      return page;
    } catch (error) {
      await page.close();
      throw error;
    }
  }

  /** Writes test-output/<engine>-<state>-<width>.png, the whole page. */
  async function shot(page, state, width, { blur = false } = {}) {
    // `blur`: the form as the visitor leaves it, without the last field's focus ring.
    if (blur) await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot(join(OUT, `${engine}-${state}-${width}.png`), { fullPage: true });
  }

  /** Runs `fn` on the element in the page (its properties, methods, listeners). */
  const onElement = (page, fn, ...args) =>
    page.session.executeScript(`return (${fn}).apply(null, [document.querySelector("takecontrol-help"), ...arguments]);`, ...args);

  // ---- the visitor's path --------------------------------------------------

  test("fill in and submit: the queue panel says where the visitor stands and what to do next; the stand-in got exactly the fields typed", async () => {
    const page = await open();
    try {
      // Visible labels, autofill tokens, names that are the createSession options.
      const controls = await page.evaluate(() =>
        [...document.querySelector("takecontrol-help").shadowRoot.querySelectorAll("input, textarea")].map((el) => ({
          name: el.name,
          autocomplete: el.getAttribute("autocomplete"),
          label: el.labels[0]?.innerText.trim(),
          describedBy: el.getAttribute("aria-describedby"),
        })),
      );
      assert.deepEqual(controls.map((c) => c.name), Object.keys(VISITOR));
      assert.equal(controls[0].autocomplete, "name");
      assert.equal(controls[1].autocomplete, "email");
      for (const c of controls) {
        assert.ok(c.label?.length > 0, `${c.name} has a visible label`);
        assert.match(c.describedBy, new RegExp(`${c.name}-hint ${c.name}-error`));
      }
      assert.equal(await page.evaluate(() => document.querySelector("takecontrol-help").shadowRoot.mode), "open");
      // The custom state a page keeps the form's space until (README, "Layout").
      assert.equal(await page.evaluate(() => document.querySelector("takecontrol-help").matches(":state(rendered)")), true);
      assert.equal(await page.text(SUBMIT), "Get remote help");
      assert.equal(await page.attribute(STATUS, "aria-live"), "polite");
      assert.equal(await page.text(`${IN}a.privacy`), "How we use your details");

      await fill(page);
      await page.click(SUBMIT);

      const text = await resultText(page, /You are number/);
      assert.match(text, /^You are in the queue/);
      assert.ok(text.includes(FIRST_IN_LINE), text);
      assert.match(text, /Next: run the support app/);
      assert.equal(await page.attribute(`${IN}a.next-step`, "href"), APPLET, "the next step is the applet-url");
      assert.equal(await page.text(`${IN}a.next-step`), "Download the support app");
      assert.equal(await page.activeId(), "status", "focus moves to the status region");
      assert.equal(await page.isVisible(FORM), false, "the form is done with once the visitor is in the queue");
      assert.equal(await onElement(page, (el) => el.session?.queueLength), 1, "the element's session property");

      const log = await requests();
      assert.equal(log.length, 1, "one request");
      const [request] = log;
      assert.equal(request.method, "POST");
      assert.equal(request.path, "/rest/session");
      assert.deepEqual(request.key, { kind: "public", matched: true }, "the public key (the log keeps no key value)");
      assert.equal(request.headers.origin, new URL(site.url).origin, "a cross-origin call, as in production");
      assert.deepEqual(request.json, WIRE);

      // Nothing from outside: every request went to the page's server or the stand-in.
      const seen = await observed(page);
      const allowed = [new URL(site.url).origin, new URL(MOCK).origin];
      assert.ok(seen.urls.some((url) => url.endsWith(".wasm")), `the page loaded the package's wasm: ${seen.urls}`);
      for (const url of seen.urls) {
        if (url.startsWith("data:")) continue;
        assert.ok(allowed.includes(new URL(url).origin), `unexpected request to ${url}`);
      }
      assert.deepEqual(
        seen.urls.filter((url) => /\/messages\//.test(url)).map((url) => new URL(url).pathname),
        ["/pkg/messages/en.js"],
        "an English page loads the English words, and no other language's",
      );
      assert.deepEqual(seen.pageErrors, []);
      assert.deepEqual(seen.consoleErrors, []);
      assert.deepEqual(seen.cspViolations, [], "nothing refused by the page's strict Content-Security-Policy");
      // Styled under that policy: the button has the accent (the page's --brand, #1a4fa0), not the browser's grey.
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.querySelector("takecontrol-help").shadowRoot.getElementById("submit")).backgroundColor),
        "rgb(26, 79, 160)",
      );
    } finally {
      await page.close();
    }
  });

  test("an answer without a wait says so in words, and without a place (nrequests 0) does not invent one", async () => {
    await fault({ status: 200, body: '{"result":"SUCCESS","details":{"nrequests":0,"requests":[]}}', times: 1 });
    const page = await open();
    try {
      await fill(page, { customerName: VISITOR.customerName });
      await page.click(SUBMIT);
      const text = await resultText(page, /^You are in the queue/);
      assert.match(text, /^You are in the queue\n+A technician will be with you as soon as possible\.\n/);
      assert.doesNotMatch(text, /number|minute/);
    } finally {
      await page.close();
    }
  });

  test("the events: ready, submit (cancelable, its options), queued (the session), each bubbling and composed", async () => {
    const page = await open();
    try {
      await page.waitFor(() => window.__e2e.seen.events.some((e) => e.type === "takecontrol-ready"));
      // A listener that cancels the first submit: nothing is sent, the form is as it was.
      await onElement(page, (el) =>
        el.addEventListener("takecontrol-submit", (event) => event.preventDefault(), { once: true }),
      );
      await fill(page);
      await page.click(SUBMIT);
      await page.waitFor(() => window.__e2e.seen.events.some((e) => e.type === "takecontrol-submit"));
      await page.pause(300);
      assert.deepEqual(await requests(), [], "a cancelled submit sends nothing");
      await assertFormIntact(page);
      // A listener may change what is sent.
      await onElement(page, (el) =>
        el.addEventListener("takecontrol-submit", (event) => (event.detail.options.customerNumber = "changed-by-listener"), { once: true }),
      );
      await page.click(SUBMIT);
      await resultText(page, /You are number/);
      const { events } = await observed(page);
      assert.deepEqual(events.map((e) => e.type), ["takecontrol-ready", "takecontrol-submit", "takecontrol-submit", "takecontrol-queued"]);
      for (const e of events) assert.ok(e.bubbles && e.composed, `${e.type} bubbles and is composed`);
      assert.equal(events[1].cancelable, true);
      assert.equal(events[1].options.publicKey, PUBLIC_KEY);
      assert.equal(events[1].options.customerName, VISITOR.customerName);
      assert.equal(events[3].queueLength, 1);
      const [request] = await requests();
      assert.deepEqual(request.json, { ...WIRE, customer_number: "changed-by-listener" });
    } finally {
      await page.close();
    }
  });

  test("on a phone-sized screen (390 x 844) the layout holds: no sideways scrolling, everything on screen, and it works", async () => {
    const page = await open({ viewport: PHONE });
    try {
      await fill(page);
      const fits = () =>
        page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const inner = [...document.querySelector("takecontrol-help").shadowRoot.querySelectorAll("input, textarea, button, label, a, h2, h3, p")];
          const out = [...document.querySelectorAll("h1, h2, p"), ...inner]
            .filter((element) => element.getClientRects().length > 0)
            .filter((element) => {
              const box = element.getBoundingClientRect();
              return box.left < 0 || box.right > width + 0.5;
            })
            .map((element) => element.id || element.outerHTML.slice(0, 60));
          return { scrollWidth: document.documentElement.scrollWidth, width, out };
        });
      let layout = await fits();
      assert.equal(await page.evaluate(() => window.innerWidth), PHONE.width, "the viewport is the phone's width");
      assert.ok(layout.scrollWidth <= layout.width, `no sideways scroll (${layout.scrollWidth} > ${layout.width})`);
      assert.deepEqual(layout.out, [], "every control fits the screen's width");
      const submit = await page.box(SUBMIT);
      assert.ok(submit.height >= 44 && submit.width >= 300, `a thumb-sized, full-width button (${submit.width}×${submit.height})`);

      await page.click(SUBMIT);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      layout = await fits();
      assert.ok(layout.scrollWidth <= layout.width, `no sideways scroll with the panel (${layout.scrollWidth} > ${layout.width})`);
      assert.deepEqual(layout.out, []);
      assert.equal((await requests()).length, 1);
      assert.deepEqual((await observed(page)).pageErrors, []);
    } finally {
      await page.close();
    }
  });

  test("an invalid email shows an inline error, focuses the field and sends nothing; fixing it clears the error", async () => {
    const page = await open();
    try {
      await fill(page, { ...VISITOR, customerEmail: "zoe at example" });
      await page.click(SUBMIT);
      await page.waitVisible(`${IN}#customerEmail-error`);
      assert.equal(await page.text(`${IN}#customerEmail-error`), "This must be an email address such as name@example.com.");
      assert.equal(await page.attribute(control("customerEmail"), "aria-invalid"), "true");
      assert.match(await page.attribute(control("customerEmail"), "aria-describedby"), /customerEmail-error/);
      assert.equal(await page.activeId(), "customerEmail", "focus goes to the first error");
      for (const other of ["customerName", "customerNumber", "problemDescription"]) {
        assert.equal(await page.isVisible(`${IN}#${other}-error`), false, `no error on ${other}`);
      }
      assert.equal(await page.text(STATUS), "", "no progress, no panel");
      assert.deepEqual(await requests(), [], "nothing was sent");

      // Fixing the field clears its error as the visitor types.
      await page.fill(control("customerEmail"), VISITOR.customerEmail);
      await page.waitVisible(`${IN}#customerEmail-error`, { hidden: true });
      assert.equal(await page.attribute(control("customerEmail"), "aria-invalid"), null);
      await page.click(SUBMIT);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
    } finally {
      await page.close();
    }
  });

  test("the hints state the package's own limits: one character more is refused inline, the limit itself is sent", async () => {
    const page = await open();
    try {
      const limits = {};
      for (const name of ["customerName", "customerEmail", "customerNumber", "problemDescription"]) {
        const hint = await page.text(`${IN}#${name}-hint`);
        limits[name] = Number(/Up to ([\d,]+) characters/.exec(hint)?.[1].replace(/,/g, ""));
        assert.ok(limits[name] > 0, `${name}'s hint states its limit: ${hint}`);
      }
      // Counted in characters (code points), as the package counts: an emoji is one.
      const text = (n) => "😀".repeat(n);
      const email = (n) => `${"a".repeat(n - "@example.com".length)}@example.com`;
      const over = {
        customerName: text(limits.customerName + 1),
        customerEmail: email(limits.customerEmail + 1),
        customerNumber: text(limits.customerNumber + 1),
        problemDescription: text(limits.problemDescription + 1),
      };
      await fill(page, over);
      await page.click(SUBMIT);
      const english = new Intl.NumberFormat("en");
      for (const [name, limit] of Object.entries(limits)) {
        await page.waitVisible(`${IN}#${name}-error`);
        assert.equal(await page.text(`${IN}#${name}-error`), `This must be at most ${english.format(limit)} characters.`);
      }
      assert.equal(await page.activeId(), "customerName", "focus goes to the first error");
      assert.equal(await page.text(`${IN}#problemDescription-counter`), `${english.format(limits.problemDescription + 1)} / ${english.format(limits.problemDescription)}`);
      assert.deepEqual(await requests(), [], "nothing was sent");

      const exact = {
        customerName: text(limits.customerName),
        customerEmail: email(limits.customerEmail),
        customerNumber: text(limits.customerNumber),
        problemDescription: text(limits.problemDescription),
      };
      await fill(page, exact);
      await page.click(SUBMIT);
      await resultText(page, /You are number/);
      const [request] = await requests();
      assert.equal([...request.json.customer_name].length, limits.customerName);
      assert.equal(request.json.customer_email, exact.customerEmail);
      assert.equal([...request.json.customer_number].length, limits.customerNumber);
      assert.equal([...request.json.problem_description].length, limits.problemDescription);
    } finally {
      await page.close();
    }
  });

  test("autofill-style filling: values set all at once (with input/change events, or silently as some password managers do) are what is sent", async () => {
    const page = await open();
    try {
      await page.evaluate((values) => {
        const form = document.querySelector("takecontrol-help").shadowRoot.querySelector("form");
        for (const [name, value] of Object.entries(values)) {
          const field = form.elements[name];
          field.value = value;
          if (name !== "customerNumber") {
            field.dispatchEvent(new Event("input", { bubbles: true }));
            field.dispatchEvent(new Event("change", { bubbles: true }));
          }
        }
      }, VISITOR);
      await page.click(SUBMIT);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const [request] = await requests();
      assert.deepEqual(request.json, WIRE);
    } finally {
      await page.close();
    }
  });

  test("required fields and prefill from attributes: an empty required field is refused inline; prefilled values are shown and sent", async () => {
    rewrite = (html) =>
      html.replace("<takecontrol-help ", '<takecontrol-help required="name email" customer-number="C-1001" problem-description="Printer offline" ');
    const page = await open();
    try {
      assert.equal(await page.value(control("customerNumber")), "C-1001");
      assert.equal(await page.value(control("problemDescription")), "Printer offline");
      assert.match(await page.text(`${IN}label[for=customerName]`), /\(required\)$/);
      assert.equal(await page.attribute(control("customerName"), "aria-required"), "true");
      await page.click(SUBMIT);
      await page.waitVisible(`${IN}#customerName-error`);
      assert.equal(await page.text(`${IN}#customerName-error`), "Please fill in this field.");
      assert.equal(await page.text(`${IN}#customerEmail-error`), "Please fill in this field.");
      assert.equal(await page.activeId(), "customerName");
      assert.deepEqual(await requests(), []);
      await fill(page, { customerName: "Ada", customerEmail: "ada@example.com" });
      await page.click(SUBMIT);
      await resultText(page, /You are number/);
      const [request] = await requests();
      assert.equal(request.json.customer_number, "C-1001");
      assert.equal(request.json.problem_description, "Printer offline");
    } finally {
      await page.close();
    }
  });

  test("while the request runs the button is busy and progress shows; a double click and Enter send one request", async () => {
    await fault({ delay_ms: 1500 });
    const page = await open();
    try {
      await fill(page);
      await page.dblclick(SUBMIT);
      await page.waitVisible(`${IN}#status .panel-progress`);
      assert.equal(await page.text(`${IN}#status .panel-progress`), "Connecting you to a technician…");
      assert.equal(await page.isEnabled(SUBMIT), false, "the button is disabled while the request runs");
      assert.equal(await page.attribute(FORM, "aria-busy"), "true");
      // Enter in a field while it runs does not send another one either.
      await page.focus(control("customerName"));
      await page.press(Key.ENTER);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1, `one request, not ${log.length}`);
      assert.equal((await admin("GET", "sessions")).length, 1, "one session");
    } finally {
      await page.close();
    }
  });

  test("a submit before the .wasm has arrived waits for it: the form is typable at once, nothing typed is lost, one request", async () => {
    let release;
    hold = new Promise((resolve) => (release = resolve));
    const page = await open();
    try {
      await fill(page);
      await page.click(SUBMIT);
      await resultText(page, /^Getting ready to connect you…$/);
      assert.deepEqual(await requests(), [], "nothing is sent before the module is ready");
      assert.equal(await page.isEnabled(SUBMIT), false, "a second click while it waits sends nothing more");
      assert.deepEqual(await formValues(page), VISITOR);
      release();
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
      assert.deepEqual((await observed(page)).consoleErrors, []);
    } finally {
      release?.();
      await page.close();
    }
  });

  test("WebAssembly refused by the page's CSP: the form still shows, the visitor gets the fallback, the element reports 'unsupported'", async () => {
    rewrite = (html) => html.replaceAll(" 'wasm-unsafe-eval'", "");
    const page = await open();
    try {
      const text = await resultText(page, /^This form does not work in this browser/);
      assert.match(text, /Please contact us another way, or try another browser\./);
      assert.equal(await page.attribute(`${IN}#status a.fallback`, "href"), "tel:+15550100");
      assert.equal(await page.text(`${IN}#status a.fallback`), "Call us on +1 555 0100");
      assert.equal(await page.isVisible(FORM), true, "the form still shows");
      await fill(page, { customerName: VISITOR.customerName });
      assert.equal(await page.value(control("customerName")), VISITOR.customerName, "and still takes typing");
      const seen = await observed(page);
      const errors = seen.events.filter((e) => e.type === "takecontrol-error");
      assert.equal(errors.length, 1);
      assert.deepEqual(errors[0].error, { name: "TakeControlError", code: "unsupported", isError: true });
      assert.ok(seen.consoleErrors.some((line) => /takecontrol-help: .*WebAssembly is unavailable/.test(line)), `${seen.consoleErrors}`);
      assert.ok(!seen.events.some((e) => e.type === "takecontrol-ready"));
      // Submitting anyway says the same thing again, at once: no spinner that never ends.
      await page.click(SUBMIT);
      await page.waitFor(() => document.querySelector("takecontrol-help").shadowRoot.querySelector("form").getAttribute("aria-busy") === "false");
      assert.match(await resultText(page, /^This form does not work in this browser/), /Call us on \+1 555 0100$/);
      assert.equal(await page.activeId(), "status");
      assert.equal((await observed(page)).events.filter((e) => e.type === "takecontrol-error").length, 1, "reported once");
      assert.deepEqual(await requests(), []);
    } finally {
      await page.close();
    }
  });

  // ---- failures: a message that says what to do, the form intact, a retry ----

  test("rate limited (429): 'trying again in N seconds' counts down, then tries again by itself", async () => {
    // The package retries a 429 twice itself; three make the error reach the page.
    await fault({ status: 429, retry_after: "2", times: 3 });
    const page = await open();
    try {
      await fill(page);
      await page.click(SUBMIT);
      // Retry-After: 2, but the element waits at least 5 s between its own retries.
      const text = await resultText(page, /Trying again in 5 seconds/);
      assert.match(text, /^We are very busy right now/);
      assert.match(text, /You will not need to type anything again\./);
      assert.equal(await page.text(RETRY), "Try again now");
      assert.equal(await page.count(`${IN}#status [role=timer]`), 1, "the countdown is a timer, not re-announced each second");
      await assertFormIntact(page);
      assert.equal((await requests()).length, 3);
      // Moved in the page mid-countdown (a framework re-rendering it): the countdown goes on.
      await onElement(page, (el) => el.parentNode.insertBefore(el, el.nextSibling));
      await resultText(page, /Trying again in 1 second\./, 6_000);
      assert.ok((await resultText(page, /You are number/, 10_000)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.deepEqual(
        log.map((r) => r.faulted),
        [true, true, true, false],
        "three 429s, then the element's own retry",
      );
      assert.deepEqual(log[3].json, WIRE);
      const errors = (await observed(page)).events.filter((e) => e.type === "takecontrol-error");
      assert.deepEqual(errors.map((e) => e.error.code), ["rate_limited"]);
    } finally {
      await page.close();
    }
  });

  test("rate limited (429) with a long wait: 'Try again now' retries at once", async () => {
    await fault({ status: 429, retry_after: "90", times: 1 });
    const page = await open();
    try {
      await fill(page);
      await page.click(SUBMIT);
      // A Retry-After longer than the call's time budget ends the call at once.
      await resultText(page, /Trying again in 90 seconds/);
      await assertFormIntact(page);
      await page.click(RETRY);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.deepEqual(
        log.map((r) => r.faulted),
        [true, false],
      );
      // The countdown stopped: no third request behind the visitor's back.
      await page.pause(1_500);
      assert.equal((await requests()).length, 2);
    } finally {
      await page.close();
    }
  });

  const RETRY_CASES = [
    {
      name: "server error (500)",
      arrange: () => fault({ status: 500 }),
      message: /^Our support service has a problem\n+It is not your fault\. Please try again in a few minutes\./,
      code: "server_error",
      sent: 1,
    },
    {
      name: "key refused (403 from the API)",
      arrange: () => fault({ status: 403, body: '{"result":"ERROR","errorDetails":"invalid key"}' }),
      message: /^This form cannot reach our technicians\n+It is set up incorrectly on our side/,
      code: "invalid_key",
      sent: 1,
      consoleError: /takecontrol-help: .*invalid_key, HTTP 403.*public-key attribute/,
      fallback: true,
    },
    {
      name: "slow API (timeout)",
      query: { timeoutMs: "1000" },
      arrange: () => fault({ delay_ms: 4000 }),
      message: /^Our support service did not answer in time\n+Your connection may be slow/,
      code: "timeout",
      sent: 1,
    },
  ];

  for (const c of RETRY_CASES) {
    test(`${c.name}: its message, the form intact, and retry then succeeding`, async () => {
      await c.arrange();
      const page = await open({ query: c.query });
      try {
        await fill(page);
        await page.click(SUBMIT);
        const text = await resultText(page, RETRY_THEN_FALLBACK);
        assert.match(text, c.message);
        assert.equal(await page.activeId(), "status", "focus goes to the message");
        await assertFormIntact(page);
        assert.equal((await requests()).length, c.sent, "not retried behind the visitor's back");
        const seen = await observed(page);
        assert.deepEqual(seen.events.filter((e) => e.type === "takecontrol-error").map((e) => e.error.code), [c.code]);
        if (c.consoleError) {
          assert.ok(
            seen.consoleErrors.some((line) => c.consoleError.test(line)),
            `the detail is in the console: ${seen.consoleErrors}`,
          );
        }
        await page.click(RETRY);
        assert.ok((await resultText(page, /You are number/)).includes("in line. A technician should be with you in about"));
        const log = await requests();
        assert.equal(log.length, c.sent + 1);
        assert.deepEqual(log.at(-1).json, WIRE);
        assert.equal(log.at(-1).faulted, false);
      } finally {
        await page.close();
      }
    });
  }

  test("a wrong public key (403): a polite message and the fallback; the integrator's detail in the console once, never the key", async () => {
    const key = "wrong-public-key-5e1d";
    const page = await open({ query: { publicKey: key } });
    try {
      await fill(page);
      await page.click(SUBMIT);
      const text = await resultText(page, /Call us on \+1 555 0100$/);
      assert.match(text, /^This form cannot reach our technicians\n+It is set up incorrectly on our side/);
      assert.ok(!text.includes(key));
      // Retrying cannot fix a configuration: the same message, one more request, no second console line.
      await page.click(RETRY);
      await until(async () => (await requests()).length === 2, "the retry reaches the stand-in");
      await page.waitFor(() => document.querySelector("takecontrol-help").shadowRoot.querySelector("form").getAttribute("aria-busy") === "false");
      await resultText(page, /^This form cannot reach our technicians[\s\S]*Call us on \+1 555 0100$/);
      const { consoleErrors } = await observed(page);
      const details = consoleErrors.filter((line) => line.includes("invalid_key"));
      assert.equal(details.length, 1, `the console says why, once: ${JSON.stringify(consoleErrors)}`);
      assert.match(details[0], /public-key attribute/);
      assert.ok(consoleErrors.every((line) => !line.includes(key)), "the key is never logged");
      const log = await requests();
      assert.ok(log.every((r) => r.key.kind === "unknown" && !r.key.matched), "the wrong key (the log keeps no key value)");
      await assertFormIntact(page);
    } finally {
      await page.close();
    }
  });

  test("an attribute the API cannot take (department-id='sales'): the console names the attribute, the visitor gets the fallback, nothing is sent", async () => {
    rewrite = (html) => html.replace("<takecontrol-help ", '<takecontrol-help department-id="sales" ');
    const page = await open();
    try {
      await fill(page);
      await page.click(SUBMIT);
      const text = await resultText(page, /Call us on \+1 555 0100$/);
      assert.match(text, /^This form cannot reach our technicians/);
      const { consoleErrors } = await observed(page);
      assert.ok(consoleErrors.some((line) => /takecontrol-help: the department-id attribute is wrong/.test(line)), `${consoleErrors}`);
      assert.deepEqual(await requests(), []);
      await assertFormIntact(page);
    } finally {
      await page.close();
    }
  });

  test("unreachable API (network): check your connection, the form intact, and retry succeeding once it is back", async () => {
    // Nothing listens there (it was free a moment ago).
    const port = await freePort();
    const page = await open({ query: { apiBase: `http://127.0.0.1:${port}` } });
    let stopForwarding;
    try {
      await fill(page);
      await page.click(SUBMIT);
      const text = await resultText(page, RETRY_THEN_FALLBACK);
      assert.match(text, /^We could not reach our support service\n+Please check your internet connection/);
      await assertFormIntact(page);
      assert.deepEqual(await requests(), []);

      stopForwarding = await forwardToMock(port);
      await page.click(RETRY);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
    } finally {
      await stopForwarding?.();
      await page.close();
    }
  });

  // ---- languages, words, theme ------------------------------------------------

  test("each built-in language: ?lang= shows the page and the form in it, and the session is asked in it", async () => {
    for (const [tag, words] of Object.entries(WORDS)) {
      await admin("POST", "reset");
      const page = await open({ query: { lang: tag } });
      try {
        await page.waitFor((submit) => document.querySelector("takecontrol-help").shadowRoot.getElementById("submit").textContent === submit, [words.submit]);
        assert.equal(await page.attribute("html", "lang"), tag);
        assert.equal(await page.text(`${IN}label[for=customerName]`), words.nameLabel, tag);
        // Numbers as this browser's Intl writes them in the language (engines' CLDR data differ: 1024 or 1.024 in Italian).
        const format = (n) => page.evaluate((t, x) => new Intl.NumberFormat(t).format(x), tag, n);
        assert.equal(await page.text(`${IN}#problemDescription-hint`), words.problemHint.replace("{max}", await format(1024)), tag);
        if (tag !== "en") assert.notEqual(await page.text("h1"), "Get remote help", `${tag}: the page's heading is translated`);
        await fill(page, { customerName: VISITOR.customerName });
        await page.click(SUBMIT);
        const text = await resultText(page, new RegExp(`^${literal(words.queuedTitle)}`));
        assert.ok(text.includes(words.queuedPlace.replace("{position}", await format(1))), `${tag}: ${text}`);
        const [request] = await requests();
        assert.equal(request.json.language, tag, `${tag}: the session's language`);
        assert.deepEqual((await observed(page)).consoleErrors, [], tag);
      } finally {
        await page.close();
      }
    }
  });

  test("the nearest lang picks the words: pt-PT gets Brazilian Portuguese, the element's own lang wins; define() under a second name; a later prefill shows", async () => {
    const page = await open();
    try {
      const shown = await page.evaluate(async () => {
        const host = document.createElement("div");
        host.lang = "pt-PT";
        // define() under a second name: a subclass of its own (a class is defined once per registry).
        const Other = customElements.get("takecontrol-help").define("other-help");
        host.innerHTML =
          '<takecontrol-help public-key="k"></takecontrol-help><takecontrol-help lang="de" public-key="k"></takecontrol-help><other-help lang="es"></other-help>';
        document.body.append(host);
        const [pt, de, es] = host.querySelectorAll("takecontrol-help, other-help");
        const label = (el) => el.shadowRoot?.getElementById("submit")?.textContent;
        for (let i = 0; i < 100 && !(label(pt) && label(de) && label(es)); i += 1) await new Promise((r) => setTimeout(r, 20));
        // A prefill attribute set later shows in its field.
        pt.setAttribute("customer-name", "Ana");
        return [label(pt), label(de), label(es), es instanceof Other, pt.shadowRoot.querySelector("[name=customerName]").value];
      });
      assert.deepEqual(shown, [WORDS["pt-BR"].submit, WORDS.de.submit, WORDS.es.submit, true, "Ana"]);
    } finally {
      await page.close();
    }
  });

  test("messages override any built-in text at once (strings and functions); theming through --takecontrol-accent", async () => {
    const page = await open();
    try {
      await onElement(page, (el) => {
        el.messages = { submit: "Ask for help", queuedPlace: ({ position }) => `Position ${position}.` };
        el.style.setProperty("--takecontrol-accent", "rgb(0, 100, 0)");
      });
      assert.equal(await page.text(SUBMIT), "Ask for help", "re-rendered at once");
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("takecontrol-help").shadowRoot.getElementById("submit")).backgroundColor), "rgb(0, 100, 0)");
      await fill(page);
      await page.click(SUBMIT);
      const text = await resultText(page, /Position 1\./);
      assert.match(text, /^You are in the queue\n+Position 1\. A technician should be/);
      // reset() starts over: the form again, empty, no message.
      await onElement(page, (el) => el.reset());
      assert.equal(await page.isVisible(FORM), true);
      assert.equal(await page.text(STATUS), "");
      assert.equal(await page.value(control("customerName")), "");
      assert.equal(await onElement(page, (el) => el.session), null);
    } finally {
      await page.close();
    }
  });

  test("right to left (dir=rtl, messages in Arabic): labels, counter and button sit on the right; it works", async () => {
    const page = await open({ viewport: PHONE });
    try {
      await onElement(page, (el) => {
        document.documentElement.dir = "rtl";
        el.messages = {
          nameLabel: "اسمك",
          emailLabel: "البريد الإلكتروني",
          numberLabel: "رقم العميل",
          problemLabel: "ما المشكلة؟",
          nameHint: "حتى {max} حرفًا.",
          submit: "احصل على مساعدة عن بُعد",
          queuedTitle: "أنت في قائمة الانتظار",
        };
      });
      const boxes = await page.evaluate(() => {
        const root = document.querySelector("takecontrol-help").shadowRoot;
        const box = (s) => root.querySelector(s).getBoundingClientRect();
        return { form: box("form"), label: box("label[for=customerName] .label-text"), counter: box(".counter"), privacy: box(".privacy") };
      });
      assert.ok(Math.abs(boxes.label.right - boxes.form.right) < 2, `the label starts at the right edge (${boxes.label.right} vs ${boxes.form.right})`);
      assert.ok(boxes.counter.left < boxes.form.left + 2 + boxes.form.width / 2 && Math.abs(boxes.counter.left - boxes.form.left) < 2, "the counter sits at the inline end: the left");
      await shot(page, "rtl", "phone");
      await fill(page, { customerName: "زينب" });
      await page.click(SUBMIT);
      await resultText(page, /^أنت في قائمة الانتظار/);
      assert.equal((await requests())[0].json.customer_name, "زينب");
    } finally {
      await page.close();
    }
  });

  // ---- keyboard and accessibility ---------------------------------------------

  test("keyboard only: Tab through the form in order, an error takes focus, Enter submits, focus lands on the status", async () => {
    const page = await open();
    try {
      const order = [];
      for (let i = 0; i < 5; i += 1) {
        await page.press(Key.TAB);
        order.push(await page.activeId());
      }
      assert.deepEqual(order, ["customerName", "customerEmail", "customerNumber", "problemDescription", "submit"]);
      const visibleFocus = await page.evaluate(() => getComputedStyle(document.querySelector("takecontrol-help").shadowRoot.activeElement).outlineStyle);
      assert.notEqual(visibleFocus, "none", "the focused button shows a focus ring");

      for (let i = 0; i < 4; i += 1) await page.press([Key.SHIFT, Key.TAB]);
      assert.equal(await page.activeId(), "customerName");
      await page.press(VISITOR.customerName, Key.TAB, "zoe@");
      await page.press(Key.ENTER); // submits from a field: refused inline, focus stays on the error
      await page.waitVisible(`${IN}#customerEmail-error`);
      assert.equal(await page.activeId(), "customerEmail");
      await page.press(Key.BACK_SPACE, ".oconnor@example.com"); // "zoe" + ".oconnor@example.com"
      await page.press(Key.TAB, VISITOR.customerNumber, Key.TAB, VISITOR.problemDescription, Key.TAB);
      assert.equal(await page.activeId(), "submit");
      await page.press(Key.ENTER);

      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      assert.equal(await page.activeId(), "status", "focus goes to the status");
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
    } finally {
      await page.close();
    }
  });

  test("axe-core finds no WCAG 2.1 A/AA violation: idle (desktop, phone, French), inline errors, a failure, the countdown, queued, unsupported", async () => {
    // One session at a time: geckodriver and WebKitWebDriver hold one each.
    for (const [what, options] of [["idle, phone width", { viewport: PHONE }], ["idle, French", { query: { lang: "fr" } }]]) {
      const page = await open(options);
      try {
        assert.deepEqual(await axeViolations(page), [], what);
      } finally {
        await page.close();
      }
    }
    const page = await open();
    try {
      assert.deepEqual(await axeViolations(page), [], "idle");

      await fill(page, { ...VISITOR, customerEmail: "nope", customerName: "x".repeat(129) });
      await page.click(SUBMIT);
      await page.waitVisible(`${IN}#customerEmail-error`);
      assert.deepEqual(await axeViolations(page), [], "with inline errors");

      await fault({ status: 500 });
      await fill(page);
      await page.click(SUBMIT);
      await resultText(page, RETRY_THEN_FALLBACK);
      assert.deepEqual(await axeViolations(page), [], "with a failure message");

      await fault({ status: 429, retry_after: "90" });
      await page.click(RETRY);
      await resultText(page, /Trying again in \d+ seconds/);
      assert.deepEqual(await axeViolations(page), [], "with the busy countdown");

      await page.click(RETRY);
      await resultText(page, /You are number/);
      assert.deepEqual(await axeViolations(page), [], "with the queue panel and the next step");
    } finally {
      await page.close();
    }
    rewrite = (html) => html.replaceAll(" 'wasm-unsafe-eval'", "");
    const unsupported = await open();
    try {
      await resultText(unsupported, /^This form does not work/);
      assert.deepEqual(await axeViolations(unsupported), [], "WebAssembly unavailable");
    } finally {
      await unsupported.close();
    }
  });

  // ---- what the visitor sees, as pictures --------------------------------------

  for (const [width, viewport] of Object.entries(WIDTHS)) {
    for (const lang of width === "phone" ? ["en", "fr"] : ["en"]) {
      test(`screenshots at ${width} width (${viewport.width} x ${viewport.height}), ${lang}: idle, inline error, failure, countdown, queued`, async () => {
        const page = await open({ viewport, query: { lang } });
        const name = (state) => (lang === "en" ? state : `${state}-${lang}`);
        try {
          await page.waitFor((submit) => document.querySelector("takecontrol-help").shadowRoot.getElementById("submit").textContent === submit, [WORDS[lang].submit]);
          await shot(page, name("idle"), width);

          await fill(page, { ...VISITOR, customerEmail: "zoe at example" });
          await page.click(SUBMIT);
          await page.waitVisible(`${IN}#customerEmail-error`);
          assert.equal(await page.activeId(), "customerEmail");
          await shot(page, name("inline-error"), width);

          await page.fill(control("customerEmail"), VISITOR.customerEmail);
          await fault({ status: 500, times: 1 });
          await page.click(SUBMIT);
          await resultText(page, new RegExp(`^${literal(WORDS[lang].serverTitle)}[\\s\\S]*${literal(WORDS[lang].retry)}\\n`));
          await shot(page, name("failure"), width);

          await fault({ status: 429, retry_after: "90", times: 1 });
          await page.click(RETRY);
          await resultText(page, new RegExp(literal(WORDS[lang].busyTitle)));
          await shot(page, name("countdown"), width);

          await page.click(RETRY);
          await resultText(page, new RegExp(`^${literal(WORDS[lang].queuedTitle)}`));
          await shot(page, name("queued"), width);
          assert.deepEqual(
            (await requests()).map((r) => r.faulted),
            [true, true, false],
          );
        } finally {
          await page.close();
        }
      });
    }
  }

  test("screenshot: WebAssembly unavailable, phone width", async () => {
    rewrite = (html) => html.replaceAll(" 'wasm-unsafe-eval'", "");
    const page = await open({ viewport: PHONE });
    try {
      await resultText(page, /^This form does not work/);
      await shot(page, "unsupported", "phone");
    } finally {
      await page.close();
    }
  });
}
