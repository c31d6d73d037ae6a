// A hostile page visited while the stand-in runs, in each of the three
// engines, against both stand-ins (the native binary that npm test runs,
// and the npm package's, built into mock/pkg/ and started here): it posts a form into a frame to
// install an HTML fault (a text/plain form, which needs no preflight), reads
// the request log with fetch, and rebinds a name of its own to the
// stand-in's address (DNS rebinding, mapped to 127.0.0.1 by the engine:
// scripts/lib/engines.mjs's hostFor). Each must fail, and the stand-in must
// hold nothing the page sent. Only loopback addresses are used.
//
//   TAKECONTROL_MOCK_URL=http://127.0.0.1:PORT TAKECONTROL_MOCK_ADMIN_TOKEN=... [TAKECONTROL_ENGINES=webkit] node --test e2e/drive-by.test.mjs
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, test as nodeTest } from "node:test";
import { openBrowser } from "../scripts/lib/browser.mjs";
import { engineName, hostFor, selectedEngines } from "../scripts/lib/engines.mjs";
import { root } from "../scripts/lib/run.mjs";
import { MOCK, admin, adminOf } from "./lib/stand-in.mjs";

const test = (name, fn) => nodeTest(name, { timeout: 120_000 }, fn);

/** The native stand-in npm test started, and the npm one started below: { name, url, admin }. */
const standIns = [{ name: "the native stand-in", url: MOCK, admin }];
let npmStandIn;

/** The attacker's page: a form posted into a frame, then fetches; its findings in window.__attack. */
function attackPage(standIn) {
  // A text/plain form body is `name=value`: the name carries a JSON fault whose body runs script on the stand-in's origin.
  // The "=" the form puts between them falls inside the body's string, where "~" stands.
  const fault = JSON.stringify({ path: "/rest/session", method: "POST", status: 200, content_type: "text/html", body: "<script>fetch('/__admin/requests')</script>~" });
  const [name, value] = fault.split("~");
  const inScript = JSON.stringify(fault.replace("~", "=")).replace(/</g, "\\u003c");
  return `<!doctype html><title>a page on another site</title>
<iframe name="sink"></iframe>
<form id="f" method="post" action="${standIn.url}/__admin/faults" enctype="text/plain" target="sink">
  <input type="hidden" name='${name.replace(/'/g, "&#39;")}' value='${value}'>
</form>
<script>
  window.__attack = { done: false };
  (async () => {
    document.getElementById("f").submit();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const read = async (init) => {
      try {
        const response = await fetch("${standIn.url}/__admin/requests", init);
        return "read: " + (await response.text()).slice(0, 200);
      } catch (error) {
        return "refused";
      }
    };
    window.__attack.log = await read({});
    window.__attack.withGuessedToken = await read({ headers: { "X-Admin-Token": "guess" } });
    // no-cors: the answer is opaque, but a request that changes state would still land.
    await fetch("${standIn.url}/__admin/faults", { method: "POST", mode: "no-cors", body: ${inScript} }).catch(() => {});
    window.__attack.done = true;
  })();
</script>`;
}


before(async () => {
  const token = randomBytes(16).toString("hex");
  const child = spawn(process.execPath, [join(root, "mock", "pkg", "bin", "takecontrol-mock.js"), "--addr", "127.0.0.1:0", "--admin-token", token], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the npm stand-in did not start: ${seen}`)), 30_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`the npm stand-in exited with ${code}: ${seen}`)));
  });
  npmStandIn = child;
  standIns.push({ name: "the npm stand-in", url, admin: adminOf(url, token) });
});

after(() => npmStandIn?.kill());

for (const engine of selectedEngines()) describe(engineName(engine), () => cases(engine));

function cases(engine) {
  let browser;
  before(async () => {
    browser = await openBrowser(engine);
  });
  after(async () => {
    await browser?.close();
  });

  for (const index of [0, 1]) {
    test(`${index ? "the npm" : "the native"} stand-in: a page on another origin can neither install a fault nor read the log`, async () => {
      const standIn = standIns[index];
      await standIn.admin("POST", "reset");
      // Something worth stealing: a visitor's request, as the demo sends it.
      await fetch(`${standIn.url}/rest/session`, {
        method: "POST",
        headers: { "INTEGRATION-KEY": "demo-public-key", "Content-Type": "application/json" },
        body: JSON.stringify({ customer_name: "Zoë Visitor", customer_email: "zoe@example.com" }),
      });
      const site = createServer((req, res) => {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(attackPage(standIn));
      });
      await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
      const page = await browser.newPage();
      try {
        // localhost: another origin than the stand-in's 127.0.0.1.
        await page.goto(`http://localhost:${site.address().port}/`);
        const attack = await page.waitFor(() => window.__attack?.done && window.__attack, [], { timeout: 30_000 });
        assert.equal(attack.log, "refused", `${standIn.name}: the log is not readable from the page`);
        assert.equal(attack.withGuessedToken, "refused");
        assert.deepEqual(await standIn.admin("GET", "faults"), [], `${standIn.name}: no fault was installed`);
        const log = await standIn.admin("GET", "requests");
        assert.equal(log.length, 1, `${standIn.name}: the visitor's request, and nothing the page sent`);
      } finally {
        await page.close();
        site.closeAllConnections();
        await new Promise((resolve) => site.close(resolve));
      }
    });

    test(`${index ? "the npm" : "the native"} stand-in: a name rebound to 127.0.0.1 (DNS rebinding) is refused`, async () => {
      const standIn = standIns[index];
      const host = hostFor(engine, "rebind.example-msp.test");
      const page = await browser.newPage({ host });
      try {
        await page.goto(`http://${host}:${new URL(standIn.url).port}/__admin/requests`);
        const text = await page.evaluate(() => document.body?.innerText ?? "");
        assert.match(text, /not a loopback name/, `${standIn.name}: ${text.slice(0, 200)}`);
        assert.doesNotMatch(text, /integration-key|customer_name/);
      } finally {
        await page.close();
      }
    });
  }
}
