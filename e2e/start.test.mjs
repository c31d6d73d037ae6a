// `npm start` as README gives it to a new user: it builds, starts the
// stand-in API and serves the demo page; a visitor's request from that page
// gets a place in the queue, in each engine (scripts/lib/engines.mjs); Ctrl-C (SIGINT to the command's process group,
// as a terminal sends it) stops both servers and exits cleanly. Ports are
// free ones (PORT=0, TAKECONTROL_MOCK_ADDR=127.0.0.1:0) so that the test
// never collides with a demo someone is running.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, test } from "node:test";
import { openBrowser } from "../scripts/lib/browser.mjs";
import { engineName, selectedEngines } from "../scripts/lib/engines.mjs";
import { root, toolEnv } from "../scripts/lib/run.mjs";

let child;
let browser;

after(async () => {
  await browser?.close();
  // Still running only if the test failed before its Ctrl-C.
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
});

/** Resolves with the first match of `pattern` in the command's output. */
function waitForOutput(pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`npm start printed no ${pattern} within ${timeoutMs / 1000} s:\n${seen}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`npm start exited (code ${code}) before it served the page:\n${seen}`)));
  });
}

test("npm start serves the demo page and the stand-in; a visitor gets a place in the queue in every engine; Ctrl-C stops both", { timeout: 600_000 }, async () => {
  child = spawn("npm", ["start"], {
    cwd: root,
    env: toolEnv({ PORT: "0", TAKECONTROL_MOCK_ADDR: "127.0.0.1:0" }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.setEncoding("utf8");
  child.stderr.resume();
  const [, pageUrl, apiUrl, adminToken] = await waitForOutput(/Demo help-desk page:\s+(\S+)\s+Stand-in API:\s+(\S+)\s+Admin token:\s+([0-9a-f]{32})/, 540_000);

  const engines = selectedEngines();
  for (const [i, engine] of engines.entries()) {
    browser = await openBrowser(engine);
    const page = await browser.newPage();
    await page.goto(pageUrl);
    // The form is <takecontrol-help>'s: its nodes are in the element's shadow root,
    // rendered once its words have arrived.
    await page.waitFor(() => document.querySelector("takecontrol-help")?.shadowRoot?.getElementById("submit")?.textContent, [], {
      message: `${engineName(engine)}: the help form never rendered`,
    });
    await page.fill("takecontrol-help >>> [name=customerName]", "Ada Lovelace");
    await page.fill("takecontrol-help >>> [name=customerEmail]", "ada@example.com");
    await page.fill("takecontrol-help >>> [name=problemDescription]", `The printer is offline (${engineName(engine)}).`);
    await page.click("takecontrol-help >>> #submit");
    // Each visitor joins the same queue: the n-th is number n in line.
    await page.waitFor((n) => new RegExp(`You are number ${n} in line`).test(document.querySelector("takecontrol-help").shadowRoot.getElementById("status").innerText), [i + 1], {
      timeout: 20_000,
      message: `${engineName(engine)}: no place in the queue`,
    });
    await browser.close();
    browser = null;
  }
  const received = await (await fetch(`${apiUrl}/__admin/requests`, { headers: { "X-Admin-Token": adminToken } })).json();
  const sessions = received.filter((r) => r.method === "POST" && r.path === "/rest/session");
  assert.deepEqual(
    sessions.map((r) => r.json.problem_description),
    engines.map((engine) => `The printer is offline (${engineName(engine)}).`),
    JSON.stringify(received),
  );

  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  process.kill(-child.pid, "SIGINT");
  const { code, signal } = await exited;
  assert.ok(code === 0 || signal === "SIGINT", `npm start ended with code ${code}, signal ${signal}`);
  for (const url of [pageUrl, `${apiUrl}/__admin/requests`]) {
    const after = await fetch(url).then(
      () => "answered",
      () => "refused",
    );
    assert.equal(after, "refused", `${url} still answers after Ctrl-C`);
  }
});
