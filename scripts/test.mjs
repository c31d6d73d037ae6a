// `npm test`: installs what is missing, then runs every suite against a
// stand-in API it starts and stops itself, and prints each suite's counts.
//
// Suites: lint (rustfmt, clippy, rustdoc: scripts/lint.mjs);
// native cargo tests (client rules, stand-in over HTTP, doc examples); the
// wasm surface in headless Chrome, Firefox and WebKit (wasm-pack test); the
// built npm package in Node.js (node --test); the packed package as
// integrators install it, with tsc, Vite, webpack and Node.js, its pages in
// the three engines (node --test tests/packaging/); the stand-in's npm
// package, takecontrol-mock, with the same cases against the native binary
// (node --test mock/npm/test/); the demo page end to end
// in each engine, and `npm start` (node --test e2e/, over WebDriver). The
// engines are scripts/lib/engines.mjs's; everything they need (drivers, an
// Xvfb for WebKit) is started here or by the test files and stopped at the
// end, also on failure and Ctrl-C.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.mjs";
import { ENGINES, engineName, engineVersion, wasmPackBrowser } from "./lib/engines.mjs";
import { buildMock, startMock } from "./lib/mock.mjs";
import { root, run } from "./lib/run.mjs";
import { stopOnSignals } from "./lib/services.mjs";
import { setup } from "./setup.mjs";

const MINUTE = 60_000;
const results = [];
/** Each engine's browser and version, as its binary prints them (in its wasm suite). */
const versions = [];

/** Sums the counts of every cargo/wasm-bindgen-test "test result:" line. */
function cargoCounts(output) {
  let passed = 0;
  let failed = 0;
  for (const match of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += Number(match[1]);
    failed += Number(match[2]);
  }
  return { passed, failed };
}

/** Reads the last "N passed, M failed" line (scripts/lint.mjs). */
function summaryCounts(output) {
  const [last] = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].slice(-1);
  return { passed: Number(last?.[1] ?? 0), failed: Number(last?.[2] ?? 0) };
}

/** Reads node --test's closing "# pass N" / "# fail N" lines. */
function nodeCounts(output) {
  const pick = (name) => Number(new RegExp(`^# ${name} (\\d+)`, "m").exec(output)?.[1] ?? 0);
  return { passed: pick("pass"), failed: pick("fail") };
}

async function suite(name, command, args, { counts, env, timeoutMs }) {
  console.log(`\n━━ ${name}\n`);
  const started = Date.now();
  const { code, output } = await run(command, args, { env, capture: true, timeoutMs });
  record(name, code, counts(output), started);
}

function record(name, code, { passed, failed }, started, note = "") {
  // A runner that died (or ran nothing) fails the suite even with no failed test.
  const ok = code === 0 && failed === 0 && passed > 0;
  results.push({ name, passed, failed: ok ? failed : Math.max(failed, 1), ok, seconds: (Date.now() - started) / 1000, note });
}

/**
 * The wasm tests in one headless browser, one test binary at a time.
 *
 * wasm-bindgen-test-runner 0.2.130 can stall before any test starts:
 * WebDriver's navigation to its test page never ends. Its page server,
 * rouille on tiny_http 0.12, holds one worker per connection for as long
 * as the connection lives, and its pool can lose the wake-up of a
 * connection queued while workers are busy (several accepted within a
 * millisecond, as when the page imports its modules at once); that
 * connection is served only when another one closes, and browsers keep
 * idle keep-alive connections open: Firefox 115 s, Chrome 300 s. So:
 * - Chrome reaches the page server through closing-proxy.mjs, which gives
 *   each request its own upstream connection and closes it after the
 *   answer: no worker is held by an idle socket;
 * - Firefox closes idle connections after 2 s (webdriver.json's
 *   network.http.keep-alive.timeout);
 * - WebKit: no cure from here. The runner opens Safari sessions with no
 *   capabilities (neither a proxy nor MiniBrowser's --proxy reaches it),
 *   and WebKit holds idle connections too, so its runs rely on the
 *   restarts below.
 * The watchdog is the safety net: a run that shows no test starting
 * within 20 s of the session opening is stopped and started again, up to
 * MAX_ATTEMPTS times for one test binary and for no more than
 * RESTART_BUDGET_MS in all (every engine together); past either, the suite
 * fails. The summary counts each engine's restarts. A test that fails or
 * hangs once started is never retried. The measurements behind this are
 * in CONTRIBUTING.md ("The test runner's stall").
 */
const MAX_ATTEMPTS = 10;
const RESTART_BUDGET_MS = 8 * MINUTE;
let restartCost = 0;

async function wasmSuite(engine, mockUrl, adminToken) {
  const name = `wasm tests in headless ${engineName(engine)}`;
  console.log(`\n━━ ${name}\n`);
  const started = Date.now();
  const totals = { passed: 0, failed: 0 };
  let code = 0;
  let restarts = 0;
  const browser = await wasmPackBrowser(engine, { direct: [new URL(mockUrl).host] });
  // In the browser's own environment: WebKit's tells its version only with a display.
  const version = engineVersion(engine, browser.env);
  versions.push(`${engineName(engine)}: ${version}`);
  console.log(version);
  try {
    for (const binary of ["web", "reliability"]) {
      // --nocapture: the reliability tests print their figures (calls, errors, memory).
      const args = ["test", "--headless", browser.flag, "--", "--test", binary, "--", "--nocapture"];
      let result;
      for (let attempt = 1; ; attempt += 1) {
        const attemptStarted = Date.now();
        result = await run("wasm-pack", args, {
          env: { ...browser.env, TAKECONTROL_MOCK_URL: mockUrl, TAKECONTROL_MOCK_ADMIN_TOKEN: adminToken, WASM_BINDGEN_TEST_TIMEOUT: "180" },
          capture: true,
          timeoutMs: 15 * MINUTE,
          watch: { after: /Running headless tests in/, expect: /running \d+ tests?/, withinMs: 20_000 },
        });
        if (result.code !== 125) break;
        restarts += 1;
        restartCost += Date.now() - attemptStarted;
        const left = RESTART_BUDGET_MS - restartCost;
        if (attempt >= MAX_ATTEMPTS || left <= 0) {
          console.log(`\n${engineName(engine)}: the ${binary} tests never started; no restart left (${attempt} attempts, ${Math.round(restartCost / 1000)} s lost to stalls in this run)`);
          break;
        }
        console.log(`\n${engineName(engine)}: the WebDriver session stalled before the ${binary} tests started (attempt ${attempt} of ${MAX_ATTEMPTS}; ${Math.round(left / 1000)} s of restarts left)`);
      }
      const counts = cargoCounts(result.output);
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      if (result.code !== 0) code = result.code;
    }
  } finally {
    await browser.stop();
  }
  // The proxy's count shows that Chrome's page requests really go through it.
  const proxied = browser.proxied();
  const through = proxied === null ? "" : `, ${proxied} page requests through the closing proxy`;
  record(name, code, totals, started, `${restarts} restart${restarts === 1 ? "" : "s"}${through}`);
}

/** The test files of a folder, for node --test. */
const testFiles = (dir) =>
  readdirSync(join(root, dir))
    .filter((file) => file.endsWith(".test.mjs"))
    .map((file) => join(dir, file));

stopOnSignals();
await setup({ browsers: true });

await suite("lint (rustfmt, clippy native and wasm, rustdoc)", "node", ["scripts/lint.mjs"], {
  counts: summaryCounts,
  timeoutMs: 20 * MINUTE,
});

await suite("cargo test (client rules, stand-in API over HTTP, doc examples)", "cargo", ["test", "--workspace"], {
  counts: cargoCounts,
  timeoutMs: 20 * MINUTE,
});

const mock = await startMock();
console.log(`stand-in API for the tests: ${mock.url}`);
try {
  for (const engine of ENGINES) await wasmSuite(engine, mock.url, mock.adminToken);

  await build();
  await suite("npm package in Node.js (node --test)", "node", ["--test", "--test-concurrency=1", ...testFiles("tests/node")], {
    counts: nodeCounts,
    env: { TAKECONTROL_MOCK_URL: mock.url, TAKECONTROL_MOCK_ADMIN_TOKEN: mock.adminToken },
    timeoutMs: 10 * MINUTE,
  });

  // takecontrol-mock: built by build() into mock/pkg/; its shared cases also
  // run against the native binary that serves the other suites.
  await suite(
    "the stand-in as an npm package, and the same cases against the native one (node --test mock/npm/test/)",
    "node",
    ["--test", "--test-concurrency=1", ...testFiles("mock/npm/test")],
    { counts: nodeCounts, env: { TAKECONTROL_MOCK_NATIVE_BIN: await buildMock() }, timeoutMs: 10 * MINUTE },
  );

  await suite(
    "the packed package: tarball, types, Vite, webpack, plain page in Chrome, Firefox and WebKit, Node.js (node --test tests/packaging/)",
    "node",
    ["--test", "--test-concurrency=1", ...testFiles("tests/packaging")],
    { counts: nodeCounts, env: { TAKECONTROL_MOCK_URL: mock.url, TAKECONTROL_MOCK_ADMIN_TOKEN: mock.adminToken }, timeoutMs: 15 * MINUTE },
  );

  // One engine a run, so that the summary shows each engine's counts.
  // Every e2e file but npm start's, which opens the three engines itself.
  const pages = testFiles("e2e").filter((file) => !file.endsWith("start.test.mjs"));
  for (const engine of ENGINES) {
    await suite(`demo page end to end in ${engineName(engine)} (node --test ${pages.join(" ")})`, "node", ["--test", "--test-concurrency=1", ...pages], {
      counts: nodeCounts,
      env: { TAKECONTROL_MOCK_URL: mock.url, TAKECONTROL_MOCK_ADMIN_TOKEN: mock.adminToken, TAKECONTROL_ENGINES: engine },
      timeoutMs: 15 * MINUTE,
    });
  }
  await suite("npm start, visited in Chrome, Firefox and WebKit (node --test e2e/start.test.mjs)", "node", ["--test", "e2e/start.test.mjs"], {
    counts: nodeCounts,
    timeoutMs: 15 * MINUTE,
  });
} finally {
  await mock.stop();
}

console.log("\n━━ summary\n");
for (const r of results) {
  console.log(`${r.ok ? "✓" : "✗"} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(0)} s${r.note ? `, ${r.note}` : ""})`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\nbrowser engines:\n  ${versions.join("\n  ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
