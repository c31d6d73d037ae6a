// The demo help-desk page (www/) end to end, in each of the three engines
// (Chromium, Firefox ESR, WebKitGTK: scripts/lib/engines.mjs) driven over
// W3C WebDriver (scripts/lib/browser.mjs), against the stand-in API: what
// the visitor sees, and what the stand-in received (GET /__admin/requests).
// One set of cases, run once per engine. The page is served by the same
// static server as `npm start` (scripts/lib/serve.mjs), on its own port, so
// every call crosses origins as in production; as served here it loads
// e2e/lib/observe.js first, which records console errors, uncaught errors
// and CSP violations in any engine.
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

const MOCK = (process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
const PUBLIC_KEY = "demo-public-key";
const OUT = join(root, "test-output");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const WIDTHS = { desktop: DESKTOP, phone: PHONE };

/** What our visitor types, and what the stand-in must receive for it. */
const VISITOR = {
  customerName: "Zoë O'Connor-Ångström",
  customerEmail: "zoe.oconnor@example.com",
  customerNumber: "d4f%d$3",
  problemDescription: 'The printer says "offline" since this morning\'s update; restarting did not help.',
  language: "fr",
};
const WIRE = {
  customer_name: VISITOR.customerName,
  customer_email: VISITOR.customerEmail,
  customer_number: VISITOR.customerNumber,
  problem_description: VISITOR.problemDescription,
  language: VISITOR.language,
  show_waiting_queue: 1,
};
/** Every test is bounded: a hung browser fails its test instead of the whole run. */
const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

const FIRST_IN_LINE = "You are number 1 in line; a technician should be with you in about 2 minutes.";

before(async () => {
  await mkdir(OUT, { recursive: true });
  // The stand-in must be up: fail with a clear message, not 20 timeouts.
  const probe = await fetch(`${MOCK}/__admin/faults`).catch((error) => error);
  assert.ok(probe.ok, `the stand-in API is not reachable at ${MOCK} (set TAKECONTROL_MOCK_URL): ${probe.message ?? probe.status}`);
});

// ---- helpers -------------------------------------------------------------

async function admin(method, path, body) {
  const response = await fetch(`${MOCK}/__admin/${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `admin ${method} ${path}: HTTP ${response.status}`);
  return response.json();
}

const fault = (spec) => admin("POST", "faults", { path: "/rest/session", method: "POST", ...spec });
const requests = () => admin("GET", "requests");

async function fill(page, values = VISITOR) {
  for (const [name, value] of Object.entries(values)) {
    if (name === "language") await page.select("[name=language]", value);
    else await page.fill(`[name=${name}]`, value);
  }
}

async function formValues(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      ["customerName", "customerEmail", "customerNumber", "problemDescription", "language"].map((name) => [
        name,
        document.getElementById("help-form").elements[name].value,
      ]),
    ),
  );
}

/** Waits until the result area's text matches `pattern`, and returns that text. */
async function resultText(page, pattern, timeout = 20_000) {
  try {
    // Trimmed, as page.text() is (WebKit's innerText ends with a line break).
    await page.waitFor((source, flags) => new RegExp(source, flags).test(document.getElementById("result").innerText.trim()), [pattern.source, pattern.flags], {
      timeout,
    });
  } catch (error) {
    const text = await page.text("#result");
    assert.fail(`the result area never matched ${pattern}; it shows: ${JSON.stringify(text)} (${error.message.split("\n")[0]})`);
  }
  return (await page.text("#result")).trim();
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
  assert.equal(await page.isVisible("#help-form"), true, "the form stays on screen");
  assert.deepEqual(await formValues(page), values, "the form keeps everything typed");
  assert.equal(await page.isEnabled("#submit"), true, "the submit button is usable again");
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

  before(async () => {
    site = await servePage({ port: 0, observe: true });
    browser = await openBrowser(engine);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  beforeEach(async () => {
    await admin("POST", "reset");
  });

  /** Opens the page in a new session of this engine at `viewport`. */
  async function open({ query = {}, viewport = DESKTOP } = {}) {
    const page = await browser.newPage({ viewport });
    try {
      const params = new URLSearchParams({ apiBase: MOCK, ...query });
      await page.goto(`${site.url}?${params}`);
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

  // ---- the visitor's path --------------------------------------------------

  test("fill in and submit: the queue panel says where the visitor stands, and the stand-in got exactly the fields typed", async () => {
    const page = await open();
    try {
      // Labels, hints and controls named after the createSession options.
      for (const name of Object.keys(VISITOR)) {
        assert.equal(await page.count(`[name=${name}]`), 1, `one control named ${name}`);
        const label = await page.evaluate((n) => document.querySelector(`label[for=${document.getElementsByName(n)[0].id}]`)?.innerText, name);
        assert.ok(label?.trim().length > 0, `${name} has a label`);
      }
      assert.equal(await page.text("#help-form button[type=submit]"), "Get remote help");
      assert.equal(await page.attribute("#result", "aria-live"), "polite");

      await fill(page);
      await page.click("button[type=submit]");

      const text = await resultText(page, /You are number/);
      assert.match(text, /^You are in the queue/);
      assert.ok(text.includes(FIRST_IN_LINE), text);
      assert.equal(await page.activeId(), "result", "focus moves to the result");
      assert.equal(await page.isVisible("#help-form"), false, "the form is done with once the visitor is in the queue");

      const log = await requests();
      assert.equal(log.length, 1, "one request");
      const [request] = log;
      assert.equal(request.method, "POST");
      assert.equal(request.path, "/rest/session");
      assert.equal(request.headers["integration-key"], PUBLIC_KEY);
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
      assert.deepEqual(seen.pageErrors, []);
      assert.deepEqual(seen.consoleErrors, []);
      assert.deepEqual(seen.cspViolations, [], "nothing refused by the page's Content-Security-Policy");
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
          const out = [...document.querySelectorAll("input, textarea, select, button, label, h1, h2, p")]
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
      const submit = await page.box("#submit");
      assert.ok(submit.height >= 44 && submit.width >= 200, `a thumb-sized button (${submit.width}×${submit.height})`);

      await page.click("button[type=submit]");
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
      await page.click("button[type=submit]");
      await page.waitVisible("#customerEmail-error");
      assert.equal(await page.text("#customerEmail-error"), "This must be an email address such as name@example.com.");
      assert.equal(await page.attribute("[name=customerEmail]", "aria-invalid"), "true");
      assert.match(await page.attribute("[name=customerEmail]", "aria-describedby"), /customerEmail-error/);
      assert.equal(await page.activeId(), "customerEmail", "focus goes to the first error");
      for (const other of ["customerName", "customerNumber", "problemDescription", "language"]) {
        assert.equal(await page.isVisible(`#${other}-error`), false, `no error on ${other}`);
      }
      assert.equal(await page.text("#result"), "", "no progress, no panel");
      assert.deepEqual(await requests(), [], "nothing was sent");

      // Fixing the field clears its error as the visitor types.
      await page.fill("[name=customerEmail]", VISITOR.customerEmail);
      await page.waitVisible("#customerEmail-error", { hidden: true });
      assert.equal(await page.attribute("[name=customerEmail]", "aria-invalid"), null);
      await page.click("button[type=submit]");
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
        const hint = await page.text(`#${name}-hint`);
        limits[name] = Number(/Up to (\d+) characters/.exec(hint)?.[1]);
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
      await page.click("button[type=submit]");
      for (const [name, limit] of Object.entries(limits)) {
        await page.waitVisible(`#${name}-error`);
        assert.equal(await page.text(`#${name}-error`), `This must be at most ${limit} characters.`);
      }
      assert.equal(await page.activeId(), "customerName", "focus goes to the first error");
      assert.equal(await page.text("#problemDescription-counter"), `${limits.problemDescription + 1} / ${limits.problemDescription}`);
      assert.deepEqual(await requests(), [], "nothing was sent");

      const exact = {
        customerName: text(limits.customerName),
        customerEmail: email(limits.customerEmail),
        customerNumber: text(limits.customerNumber),
        problemDescription: text(limits.problemDescription),
      };
      await fill(page, exact);
      await page.click("button[type=submit]");
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

  test("while the request runs the button is disabled and progress shows; a double click sends one request", async () => {
    await fault({ delay_ms: 1500 });
    const page = await open();
    try {
      await fill(page);
      await page.dblclick("button[type=submit]");
      await page.waitVisible("#result .panel-progress");
      assert.equal(await page.text("#result .panel-progress"), "Connecting you to a technician…");
      assert.equal(await page.isEnabled("#submit"), false, "the button is disabled while the request runs");
      // Enter in a field while it runs does not send another one either.
      await page.focus("[name=customerName]");
      await page.press(Key.ENTER);
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1, `one request, not ${log.length}`);
      assert.equal((await admin("GET", "sessions")).length, 1, "one session");
    } finally {
      await page.close();
    }
  });

  // ---- failures: a message that says what to do, the form intact, a retry ----

  test("rate limited (429): 'busy, trying again in N s' counts down, then tries again by itself", async () => {
    // The package retries a 429 twice itself; three make the error reach the page.
    await fault({ status: 429, retry_after: "2", times: 3 });
    const page = await open();
    try {
      await fill(page);
      await page.click("button[type=submit]");
      const text = await resultText(page, /busy, trying again in 2 s/);
      assert.match(text, /^We are very busy right now/);
      assert.equal(await page.text("#result button.retry"), "Try again now");
      assert.equal(await page.count("#result [role=timer]"), 1, "the countdown is a timer, not re-announced each second");
      await assertFormIntact(page);
      assert.equal((await requests()).length, 3);
      await resultText(page, /trying again in 1 s/, 3_000);
      assert.ok((await resultText(page, /You are number/, 10_000)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.deepEqual(
        log.map((r) => r.faulted),
        [true, true, true, false],
        "three 429s, then the page's own retry",
      );
      assert.deepEqual(log[3].json, WIRE);
    } finally {
      await page.close();
    }
  });

  test("rate limited (429) with a long wait: 'Try again now' retries at once", async () => {
    await fault({ status: 429, retry_after: "90", times: 1 });
    const page = await open();
    try {
      await fill(page);
      await page.click("button[type=submit]");
      // A Retry-After longer than the call's time budget ends the call at once.
      await resultText(page, /busy, trying again in 90 s/);
      await assertFormIntact(page);
      await page.click("#result button.retry");
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
      sent: 1,
    },
    {
      name: "key refused (403 from the API)",
      arrange: () => fault({ status: 403, body: '{"result":"ERROR","errorDetails":"invalid key"}' }),
      message: /This page is misconfigured/,
      sent: 1,
      consoleError: /invalid_key, HTTP 403.*publicKey/,
    },
    {
      name: "slow API (timeout)",
      query: { timeoutMs: "1000" },
      arrange: () => fault({ delay_ms: 4000 }),
      message: /^Our support service did not answer in time\n+Your connection may be slow/,
      sent: 1,
    },
  ];

  for (const c of RETRY_CASES) {
    test(`${c.name}: its message, the form intact, and retry then succeeding`, async () => {
      await c.arrange();
      const page = await open({ query: c.query });
      try {
        await fill(page);
        await page.click("button[type=submit]");
        const text = await resultText(page, /Try again$/);
        assert.match(text, c.message);
        assert.equal(await page.activeId(), "result", "focus goes to the message");
        await assertFormIntact(page);
        assert.equal((await requests()).length, c.sent, "not retried behind the visitor's back");
        if (c.consoleError) {
          const { consoleErrors } = await observed(page);
          assert.ok(
            consoleErrors.some((line) => c.consoleError.test(line)),
            `the detail is in the console: ${consoleErrors}`,
          );
        }
        await page.click("#result button.retry");
        assert.ok((await resultText(page, /You are number/)).includes("in line; a technician should be with you in about"));
        const log = await requests();
        assert.equal(log.length, c.sent + 1);
        assert.deepEqual(log.at(-1).json, WIRE);
        assert.equal(log.at(-1).faulted, false);
      } finally {
        await page.close();
      }
    });
  }

  test("a wrong public key (403): 'this page is misconfigured', the detail in the console for the site owner, never the key", async () => {
    const key = "wrong-public-key-5e1d";
    const page = await open({ query: { publicKey: key } });
    try {
      await fill(page);
      await page.click("button[type=submit]");
      const text = await resultText(page, /Try again$/);
      assert.match(text, /^This page cannot reach our technicians\n+This page is misconfigured/);
      assert.ok(!text.includes(key));
      const { consoleErrors } = await observed(page);
      const detail = consoleErrors.find((line) => line.includes("invalid_key"));
      assert.ok(detail, `the console says why: ${JSON.stringify(consoleErrors)}`);
      assert.match(detail, /publicKey in www\/config\.js/);
      assert.ok(
        consoleErrors.every((line) => !line.includes(key)),
        "the key is never logged",
      );
      await assertFormIntact(page);
      // Retrying cannot fix a configuration: the same message, one more request.
      await page.click("#result button.retry");
      await until(async () => (await requests()).length === 2, "the retry reaches the stand-in");
      await page.waitFor(() => document.getElementById("help-form").getAttribute("aria-busy") === "false");
      await resultText(page, /^This page cannot reach our technicians\n+This page is misconfigured[\s\S]*Try again$/);
      const log = await requests();
      assert.equal(log.length, 2);
      assert.ok(log.every((r) => r.headers["integration-key"] === key));
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
      await page.click("button[type=submit]");
      const text = await resultText(page, /Try again$/);
      assert.match(text, /^We could not reach our support service\n+Please check your internet connection/);
      await assertFormIntact(page);
      assert.deepEqual(await requests(), []);

      stopForwarding = await forwardToMock(port);
      await page.click("#result button.retry");
      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
    } finally {
      await stopForwarding?.();
      await page.close();
    }
  });

  // ---- keyboard and accessibility ---------------------------------------------

  test("keyboard only: Tab through the form in order, an error takes focus, Enter submits, focus lands on the result", async () => {
    const page = await open();
    try {
      const order = [];
      for (let i = 0; i < 6; i += 1) {
        await page.press(Key.TAB);
        order.push(await page.activeId());
      }
      assert.deepEqual(order, ["customerName", "customerEmail", "customerNumber", "problemDescription", "language", "submit"]);
      const visibleFocus = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(visibleFocus, "none", "the focused button shows a focus ring");

      for (let i = 0; i < 5; i += 1) await page.press([Key.SHIFT, Key.TAB]);
      assert.equal(await page.activeId(), "customerName");
      await page.press(VISITOR.customerName, Key.TAB, "zoe@");
      await page.press(Key.ENTER); // submits from a field: refused inline, focus stays on the error
      await page.waitVisible("#customerEmail-error");
      assert.equal(await page.activeId(), "customerEmail");
      await page.press(Key.BACK_SPACE, ".oconnor@example.com"); // "zoe" + ".oconnor@example.com"
      await page.press(Key.TAB, VISITOR.customerNumber, Key.TAB, VISITOR.problemDescription, Key.TAB);
      assert.equal(await page.activeId(), "language");
      await page.press(Key.ARROW_DOWN); // English -> Français
      assert.equal(await page.value("[name=language]"), "fr");
      await page.press(Key.TAB);
      assert.equal(await page.activeId(), "submit");
      await page.press(Key.ENTER);

      assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
      assert.equal(await page.activeId(), "result", "focus goes to the result");
      const log = await requests();
      assert.equal(log.length, 1);
      assert.deepEqual(log[0].json, WIRE);
    } finally {
      await page.close();
    }
  });

  test("axe-core finds no WCAG 2.1 A/AA violation: idle (desktop and phone), with inline errors, a failure, the busy countdown, the success panel", async () => {
    // One session at a time: geckodriver and WebKitWebDriver hold one each.
    const phone = await open({ viewport: PHONE });
    try {
      assert.deepEqual(await axeViolations(phone), [], "idle, phone width");
    } finally {
      await phone.close();
    }
    const page = await open();
    try {
      assert.deepEqual(await axeViolations(page), [], "idle");

      await fill(page, { ...VISITOR, customerEmail: "nope", customerName: "x".repeat(129) });
      await page.click("button[type=submit]");
      await page.waitVisible("#customerEmail-error");
      assert.deepEqual(await axeViolations(page), [], "with inline errors");

      await fault({ status: 500 });
      await fill(page);
      await page.click("button[type=submit]");
      await resultText(page, /Try again$/);
      assert.deepEqual(await axeViolations(page), [], "with a failure message");

      await fault({ status: 429, retry_after: "90" });
      await page.click("#result button.retry");
      await resultText(page, /busy, trying again in \d+ s/);
      assert.deepEqual(await axeViolations(page), [], "with the busy countdown");

      await page.click("#result button.retry");
      await resultText(page, /You are number/);
      assert.deepEqual(await axeViolations(page), [], "with the success panel");
    } finally {
      await page.close();
    }
  });

  // ---- what the visitor sees, as pictures --------------------------------------

  for (const [width, viewport] of Object.entries(WIDTHS)) {
    test(`screenshots at ${width} width (${viewport.width} x ${viewport.height}): idle, inline error, failure, countdown, queued`, async () => {
      const page = await open({ viewport });
      try {
        await shot(page, "idle", width);

        await fill(page, { ...VISITOR, customerEmail: "zoe at example" });
        await page.click("button[type=submit]");
        await page.waitVisible("#customerEmail-error");
        assert.equal(await page.activeId(), "customerEmail");
        await shot(page, "inline-error", width);

        await page.fill("[name=customerEmail]", VISITOR.customerEmail);
        await fault({ status: 500, times: 1 });
        await page.click("button[type=submit]");
        await resultText(page, /^Our support service has a problem[\s\S]*Try again$/);
        await shot(page, "failure", width);

        await fault({ status: 429, retry_after: "90", times: 1 });
        await page.click("#result button.retry");
        await resultText(page, /busy, trying again in \d+ s/);
        await shot(page, "countdown", width);

        await page.click("#result button.retry");
        assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
        await shot(page, "queued", width);
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
