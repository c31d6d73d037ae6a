// The demo help-desk page (www/) end to end, in Debian's Chromium driven by
// playwright-core, against the stand-in API: what the visitor sees, and what
// the stand-in received (GET /__admin/requests). The page is served by the
// same static server as `npm start` (scripts/lib/serve.mjs), on its own port,
// so every call crosses origins as in production.
//
//   TAKECONTROL_MOCK_URL=http://127.0.0.1:PORT node --test e2e/
//
// (npm test starts the stand-in and sets the variable.) Screenshots go to
// test-output/.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import { join } from "node:path";
import { after, before, beforeEach, test as nodeTest } from "node:test";
import { launchChromium } from "../scripts/lib/chromium.mjs";
import { root } from "../scripts/lib/run.mjs";
import { servePage } from "../scripts/lib/serve.mjs";

const MOCK = (process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
const PUBLIC_KEY = "demo-public-key";
const OUT = join(root, "test-output");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

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
const test = (name, fn) => nodeTest(name, { timeout: 90_000 }, fn);

const FIRST_IN_LINE = "You are number 1 in line; a technician should be with you in about 2 minutes.";

let browser;
let site;

before(async () => {
  await mkdir(OUT, { recursive: true });
  // The stand-in must be up: fail with a clear message, not 20 timeouts.
  const probe = await fetch(`${MOCK}/__admin/faults`).catch((error) => error);
  assert.ok(probe.ok, `the stand-in API is not reachable at ${MOCK} (set TAKECONTROL_MOCK_URL): ${probe.message ?? probe.status}`);
  site = await servePage({ port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

beforeEach(async () => {
  await admin("POST", "reset");
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

/**
 * Opens the page in a fresh context and records what a test checks besides
 * the page itself: console errors, uncaught exceptions, every URL requested.
 */
async function open({ query = {}, viewport = DESKTOP, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP, locale: "en-US" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const seen = { consoleErrors: [], pageErrors: [], urls: [] };
  page.on("console", (message) => {
    if (message.type() === "error") seen.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => seen.pageErrors.push(String(error)));
  page.on("request", (request) => seen.urls.push(request.url()));
  const params = new URLSearchParams({ apiBase: MOCK, ...query });
  await page.goto(`${site.url}?${params}`);
  await page.waitForLoadState("networkidle");
  return { page, seen, close: () => context.close() };
}

async function fill(page, values = VISITOR) {
  for (const [name, value] of Object.entries(values)) {
    if (name === "language") await page.selectOption(`[name=language]`, value);
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
    await page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.getElementById("result").innerText),
      [pattern.source, pattern.flags],
      { timeout, polling: 50 },
    );
  } catch (error) {
    const text = await page.locator("#result").innerText();
    assert.fail(`the result area never matched ${pattern}; it shows: ${JSON.stringify(text)} (${error.message.split("\n")[0]})`);
  }
  return (await page.locator("#result").innerText()).trim();
}

async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

async function shot(page, name, { blur = false } = {}) {
  // `blur`: the form as the visitor leaves it, without the last field's focus ring.
  if (blur) await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/** Runs axe-core (injected from node_modules: no network) with the WCAG 2.1 A/AA rules. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    }));
  });
  if (violations.length) console.log(JSON.stringify(violations, null, 2));
  return violations;
}

/** Asserts the visitor's typing survived a failure. */
async function assertFormIntact(page, values = VISITOR) {
  assert.equal(await page.locator("#help-form").isVisible(), true, "the form stays on screen");
  assert.deepEqual(await formValues(page), values, "the form keeps everything typed");
  assert.equal(await page.locator("#submit").isEnabled(), true, "the submit button is usable again");
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
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

// ---- the visitor's path --------------------------------------------------

test("fill in and submit: the queue panel says where the visitor stands, and the stand-in got exactly the fields typed", async () => {
  const { page, seen, close } = await open();
  try {
    // Labels, hints and controls named after the createSession options.
    for (const name of Object.keys(VISITOR)) {
      const control = page.locator(`[name=${name}]`);
      assert.equal(await control.count(), 1, `one control named ${name}`);
      const label = await page.locator(`label[for=${await control.getAttribute("id")}]`).innerText();
      assert.ok(label.trim().length > 0, `${name} has a label`);
    }
    assert.equal(await page.locator("#help-form button[type=submit]").innerText(), "Get remote help");
    assert.equal(await page.locator("#result").getAttribute("aria-live"), "polite");

    await fill(page);
    await shot(page, "form-filled-desktop", { blur: true });
    await page.click("button[type=submit]");

    const text = await resultText(page, /You are number/);
    assert.match(text, /^You are in the queue/);
    assert.ok(text.includes(FIRST_IN_LINE), text);
    assert.equal(await activeId(page), "result", "focus moves to the result");
    assert.equal(await page.locator("#help-form").isVisible(), false, "the form is done with once the visitor is in the queue");
    await shot(page, "success-desktop");

    const log = await requests();
    assert.equal(log.length, 1, "one request");
    const [request] = log;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/rest/session");
    assert.equal(request.headers["integration-key"], PUBLIC_KEY);
    assert.equal(request.headers.origin, new URL(site.url).origin, "a cross-origin call, as in production");
    assert.deepEqual(request.json, WIRE);

    // Nothing from outside: every request went to the page's server or the stand-in.
    const allowed = [new URL(site.url).origin, new URL(MOCK).origin];
    for (const url of seen.urls) {
      if (url.startsWith("data:")) continue;
      assert.ok(allowed.includes(new URL(url).origin), `unexpected request to ${url}`);
    }
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, [], "no console errors (a CSP violation would show here)");
  } finally {
    await close();
  }
});

test("on a phone-sized screen the layout holds: no sideways scrolling, everything on screen, and it works", async () => {
  const { page, seen, close } = await open({ viewport: PHONE });
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
    assert.ok(layout.scrollWidth <= layout.width, `no sideways scroll (${layout.scrollWidth} > ${layout.width})`);
    assert.deepEqual(layout.out, [], "every control fits the screen's width");
    const submit = await page.locator("#submit").boundingBox();
    assert.ok(submit.height >= 44 && submit.width >= 200, `a thumb-sized button (${submit.width}×${submit.height})`);
    await shot(page, "form-filled-phone", { blur: true });

    await page.click("button[type=submit]");
    assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
    layout = await fits();
    assert.ok(layout.scrollWidth <= layout.width, `no sideways scroll with the panel (${layout.scrollWidth} > ${layout.width})`);
    assert.deepEqual(layout.out, []);
    await shot(page, "success-phone");
    assert.equal((await requests()).length, 1);
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await close();
  }
});

test("an invalid email shows an inline error, focuses the field and sends nothing; fixing it clears the error", async () => {
  const { page, close } = await open();
  try {
    await fill(page, { ...VISITOR, customerEmail: "zoe at example" });
    await page.click("button[type=submit]");
    const error = page.locator("#customerEmail-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.innerText(), "This must be an email address such as name@example.com.");
    assert.equal(await page.getAttribute("[name=customerEmail]", "aria-invalid"), "true");
    assert.match(await page.getAttribute("[name=customerEmail]", "aria-describedby"), /customerEmail-error/);
    assert.equal(await activeId(page), "customerEmail", "focus goes to the first error");
    for (const other of ["customerName", "customerNumber", "problemDescription", "language"]) {
      assert.equal(await page.locator(`#${other}-error`).isVisible(), false, `no error on ${other}`);
    }
    assert.equal(await page.locator("#result").innerText(), "", "no progress, no panel");
    await shot(page, "inline-error-desktop");
    assert.deepEqual(await requests(), [], "nothing was sent");

    // Fixing the field clears its error as the visitor types.
    await page.fill("[name=customerEmail]", VISITOR.customerEmail);
    await error.waitFor({ state: "hidden" });
    assert.equal(await page.getAttribute("[name=customerEmail]", "aria-invalid"), null);
    await page.click("button[type=submit]");
    assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
    const log = await requests();
    assert.equal(log.length, 1);
    assert.deepEqual(log[0].json, WIRE);
  } finally {
    await close();
  }
});

test("the hints state the package's own limits: one character more is refused inline, the limit itself is sent", async () => {
  const { page, close } = await open();
  try {
    const limits = {};
    for (const name of ["customerName", "customerEmail", "customerNumber", "problemDescription"]) {
      const hint = await page.locator(`#${name}-hint`).innerText();
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
      const error = page.locator(`#${name}-error`);
      await error.waitFor({ state: "visible" });
      assert.equal(await error.innerText(), `This must be at most ${limit} characters.`);
    }
    assert.equal(await activeId(page), "customerName", "focus goes to the first error");
    assert.equal(await page.locator("#problemDescription-counter").innerText(), `${limits.problemDescription + 1} / ${limits.problemDescription}`);
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
    await close();
  }
});

test("while the request runs the button is disabled and progress shows; a double click sends one request", async () => {
  await fault({ delay_ms: 1500 });
  const { page, close } = await open();
  try {
    await fill(page);
    await page.dblclick("button[type=submit]");
    const progress = page.locator("#result .panel-progress");
    await progress.waitFor({ state: "visible" });
    assert.equal(await progress.innerText(), "Connecting you to a technician…");
    assert.equal(await page.locator("#submit").isDisabled(), true, "the button is disabled while the request runs");
    // Enter in a field while it runs does not send another one either.
    await page.focus("[name=customerName]");
    await page.keyboard.press("Enter");
    assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
    const log = await requests();
    assert.equal(log.length, 1, `one request, not ${log.length}`);
    assert.equal((await admin("GET", "sessions")).length, 1, "one session");
  } finally {
    await close();
  }
});

// ---- failures: a message that says what to do, the form intact, a retry ----

test("rate limited (429): 'busy, trying again in N s' counts down, then tries again by itself", async () => {
  // The package retries a 429 twice itself; three make the error reach the page.
  await fault({ status: 429, retry_after: "2", times: 3 });
  const { page, close } = await open();
  try {
    await fill(page);
    await page.click("button[type=submit]");
    let text = await resultText(page, /busy, trying again in 2 s/);
    await shot(page, "rate-limited-desktop");
    assert.match(text, /^We are very busy right now/);
    assert.equal(await page.locator("#result button.retry").innerText(), "Try again now");
    assert.equal(await page.locator("#result [role=timer]").count(), 1, "the countdown is a timer, not re-announced each second");
    await assertFormIntact(page);
    assert.equal((await requests()).length, 3);
    text = await resultText(page, /trying again in 1 s/, 3_000);
    assert.ok((await resultText(page, /You are number/, 10_000)).includes(FIRST_IN_LINE));
    const log = await requests();
    assert.deepEqual(log.map((r) => r.faulted), [true, true, true, false], "three 429s, then the page's own retry");
    assert.deepEqual(log[3].json, WIRE);
  } finally {
    await close();
  }
});

test("rate limited (429) with a long wait: 'Try again now' retries at once", async () => {
  await fault({ status: 429, retry_after: "90", times: 1 });
  const { page, close } = await open();
  try {
    await fill(page);
    await page.click("button[type=submit]");
    // A Retry-After longer than the call's time budget ends the call at once.
    await resultText(page, /busy, trying again in 90 s/);
    await assertFormIntact(page);
    await page.click("#result button.retry");
    assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
    const log = await requests();
    assert.deepEqual(log.map((r) => r.faulted), [true, false]);
    // The countdown stopped: no third request behind the visitor's back.
    await page.waitForTimeout(1_500);
    assert.equal((await requests()).length, 2);
  } finally {
    await close();
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
    screenshot: "timeout-desktop",
  },
];

for (const c of RETRY_CASES) {
  test(`${c.name}: its message, the form intact, and retry then succeeding`, async () => {
    await c.arrange();
    const { page, seen, close } = await open({ query: c.query });
    try {
      await fill(page);
      await page.click("button[type=submit]");
      const text = await resultText(page, /Try again$/);
      assert.match(text, c.message);
      if (c.screenshot) await shot(page, c.screenshot);
      assert.equal(await activeId(page), "result", "focus goes to the message");
      await assertFormIntact(page);
      assert.equal((await requests()).length, c.sent, "not retried behind the visitor's back");
      if (c.consoleError) {
        assert.ok(seen.consoleErrors.some((line) => c.consoleError.test(line)), `the detail is in the console: ${seen.consoleErrors}`);
      }
      await page.click("#result button.retry");
      assert.ok((await resultText(page, /You are number/)).includes("in line; a technician should be with you in about"));
      const log = await requests();
      assert.equal(log.length, c.sent + 1);
      assert.deepEqual(log.at(-1).json, WIRE);
      assert.equal(log.at(-1).faulted, false);
    } finally {
      await close();
    }
  });
}

test("a wrong public key (403): 'this page is misconfigured', the detail in the console for the site owner, never the key", async () => {
  const key = "wrong-public-key-5e1d";
  const { page, seen, close } = await open({ query: { publicKey: key } });
  try {
    await fill(page);
    await page.click("button[type=submit]");
    const text = await resultText(page, /Try again$/);
    assert.match(text, /^This page cannot reach our technicians\n+This page is misconfigured/);
    assert.ok(!text.includes(key));
    const detail = seen.consoleErrors.find((line) => line.includes("invalid_key"));
    assert.ok(detail, `the console says why: ${JSON.stringify(seen.consoleErrors)}`);
    assert.match(detail, /publicKey in www\/config\.js/);
    assert.ok(seen.consoleErrors.every((line) => !line.includes(key)), "the key is never logged");
    await assertFormIntact(page);
    // Retrying cannot fix a configuration: the same message, one more request.
    await page.click("#result button.retry");
    await until(async () => (await requests()).length === 2, "the retry reaches the stand-in");
    await page.waitForFunction(() => document.getElementById("help-form").getAttribute("aria-busy") === "false");
    await resultText(page, /^This page cannot reach our technicians\n+This page is misconfigured[\s\S]*Try again$/);
    const log = await requests();
    assert.equal(log.length, 2);
    assert.ok(log.every((r) => r.headers["integration-key"] === key));
    await assertFormIntact(page);
  } finally {
    await close();
  }
});

test("unreachable API (network): check your connection, the form intact, and retry succeeding once it is back", async () => {
  const port = await closedPort();
  const { page, close } = await open({ query: { apiBase: `http://127.0.0.1:${port}` } });
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
    await close();
  }
});

// ---- keyboard and accessibility ---------------------------------------------

test("keyboard only: Tab through the form in order, an error takes focus, Enter submits, focus lands on the result", async () => {
  const { page, close } = await open();
  try {
    const order = [];
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press("Tab");
      order.push(await activeId(page));
    }
    assert.deepEqual(order, ["customerName", "customerEmail", "customerNumber", "problemDescription", "language", "submit"]);
    const visibleFocus = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(visibleFocus, "none", "the focused button shows a focus ring");

    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await activeId(page), "customerName");
    await page.keyboard.type(VISITOR.customerName);
    await page.keyboard.press("Tab");
    await page.keyboard.type("zoe@");
    await page.keyboard.press("Enter"); // submits from a field: refused inline, focus stays on the error
    await page.locator("#customerEmail-error").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "customerEmail");
    await page.keyboard.press("Backspace");
    await page.keyboard.type(".oconnor@example.com"); // "zoe" + ".oconnor@example.com"
    await page.keyboard.press("Tab");
    await page.keyboard.type(VISITOR.customerNumber);
    await page.keyboard.press("Tab");
    await page.keyboard.type(VISITOR.problemDescription);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown"); // English -> Français
    assert.equal(await page.inputValue("[name=language]"), "fr");
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "submit");
    await page.keyboard.press("Enter");

    assert.ok((await resultText(page, /You are number/)).includes(FIRST_IN_LINE));
    assert.equal(await activeId(page), "result", "focus goes to the result");
    const log = await requests();
    assert.equal(log.length, 1);
    assert.deepEqual(log[0].json, WIRE);
  } finally {
    await close();
  }
});

test("axe-core finds no WCAG 2.1 A/AA violation: idle (desktop and phone), with inline errors, a failure, the busy countdown, the success panel", async () => {
  // bypassCSP: the page's CSP would (rightly) refuse the injected axe script.
  const desktop = await open({ bypassCSP: true });
  const phone = await open({ bypassCSP: true, viewport: PHONE });
  try {
    const { page } = desktop;
    assert.deepEqual(await axeViolations(page), [], "idle");
    assert.deepEqual(await axeViolations(phone.page), [], "idle, phone width");

    await fill(page, { ...VISITOR, customerEmail: "nope", customerName: "x".repeat(129) });
    await page.click("button[type=submit]");
    await page.locator("#customerEmail-error").waitFor({ state: "visible" });
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
    await desktop.close();
    await phone.close();
  }
});
