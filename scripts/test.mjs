// `npm test`: installs what is missing, then runs every suite against a
// stand-in API it starts and stops itself, and prints each suite's counts.
//
// Suites: lint (rustfmt, clippy, rustdoc, doc examples: scripts/lint.mjs);
// native cargo tests (client rules, stand-in over HTTP, doc examples); the
// wasm surface in headless Chrome and headless Firefox (wasm-pack test); the
// built npm package in Node.js (node --test); the packed package as
// integrators install it, with tsc, Vite, webpack and Node.js (node --test
// tests/packaging/); the demo page end to end in Chromium (node --test e2e/,
// playwright-core).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.mjs";
import { startMock } from "./lib/mock.mjs";
import { root, run } from "./lib/run.mjs";
import { setup } from "./setup.mjs";

const MINUTE = 60_000;
const results = [];

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

function record(name, code, { passed, failed }, started) {
  // A runner that died (or ran nothing) fails the suite even with no failed test.
  const ok = code === 0 && failed === 0 && passed > 0;
  results.push({ name, passed, failed: ok ? failed : Math.max(failed, 1), ok, seconds: (Date.now() - started) / 1000 });
}

/**
 * The wasm tests in one headless browser, one test binary at a time.
 * wasm-bindgen-test-runner 0.2.130 sometimes stalls before any test starts
 * (measured here: 3 runs in 8 for Chrome, 2 in 5 for Firefox, up to 3 in a
 * row). With RUST_LOG=debug the runner is waiting on WebDriver's navigation
 * to its test page, while the page's server answers curl at once. A run that
 * shows no test starting within 20 s of the session opening is stopped and
 * started again, up to 10 times; normally the tests start within 2 s. A test
 * that fails or hangs once started is never retried.
 *
 * Found for Firefox (2026-11-29, third session; Firefox's network log): the
 * runner's page server (rouille on tiny_http 0.12) can leave a newly
 * accepted connection queued until another connection's thread is free, and
 * a browser's idle keep-alive connections hold those threads; Firefox closes
 * them after 115 s, so one of the page's module requests waited that long
 * (4 of 5 runs of tests/web.rs took about 118 s to start, the CI watchdog
 * stopped 8 attempts in a row). webdriver.json sets Firefox's
 * network.http.keep-alive.timeout to 2 s: 5 of 5 runs started within 2-5 s.
 * Chrome's idle timeout cannot be set from here; its stalls stay handled by
 * the restarts.
 */
const MAX_ATTEMPTS = 10;

async function wasmSuite(browser, mockUrl) {
  const name = `wasm tests in headless ${browser}`;
  console.log(`\n━━ ${name}\n`);
  const started = Date.now();
  const totals = { passed: 0, failed: 0 };
  let code = 0;
  for (const binary of ["web", "reliability"]) {
    // --nocapture: the reliability tests print their figures (calls, errors, memory).
    const args = ["test", "--headless", `--${browser.toLowerCase()}`, "--", "--test", binary, "--", "--nocapture"];
    let result;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      result = await run("wasm-pack", args, {
        env: { TAKECONTROL_MOCK_URL: mockUrl, WASM_BINDGEN_TEST_TIMEOUT: "180" },
        capture: true,
        timeoutMs: 15 * MINUTE,
        watch: { after: /Running headless tests in/, expect: /running \d+ tests?/, withinMs: 20_000 },
      });
      if (result.code !== 125) break;
      console.log(`\n${browser}: the WebDriver session stalled before the ${binary} tests started (attempt ${attempt} of ${MAX_ATTEMPTS})`);
    }
    const counts = cargoCounts(result.output);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (result.code !== 0) code = result.code;
  }
  record(name, code, totals, started);
}

await setup({ browsers: true });

await suite("lint (rustfmt, clippy native and wasm, rustdoc, doc examples)", "node", ["scripts/lint.mjs"], {
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
  for (const browser of ["Chrome", "Firefox"]) await wasmSuite(browser, mock.url);

  await build();
  const nodeTests = readdirSync(join(root, "tests", "node"))
    .filter((file) => file.endsWith(".test.mjs"))
    .map((file) => join("tests", "node", file));
  await suite("npm package in Node.js (node --test)", "node", ["--test", "--test-concurrency=1", ...nodeTests], {
    counts: nodeCounts,
    env: { TAKECONTROL_MOCK_URL: mock.url },
    timeoutMs: 10 * MINUTE,
  });

  const packagingTests = readdirSync(join(root, "tests", "packaging"))
    .filter((file) => file.endsWith(".test.mjs"))
    .map((file) => join("tests", "packaging", file));
  await suite(
    "the packed package: tarball, types, Vite, webpack, plain page, Node.js (node --test tests/packaging/)",
    "node",
    ["--test", "--test-concurrency=1", ...packagingTests],
    { counts: nodeCounts, env: { TAKECONTROL_MOCK_URL: mock.url }, timeoutMs: 10 * MINUTE },
  );

  const e2eTests = readdirSync(join(root, "e2e"))
    .filter((file) => file.endsWith(".test.mjs"))
    .map((file) => join("e2e", file));
  await suite("demo page end to end in Chromium (node --test e2e/)", "node", ["--test", "--test-concurrency=1", ...e2eTests], {
    counts: nodeCounts,
    env: { TAKECONTROL_MOCK_URL: mock.url },
    timeoutMs: 10 * MINUTE,
  });
} finally {
  await mock.stop();
}

console.log("\n━━ summary\n");
for (const r of results) {
  console.log(`${r.ok ? "✓" : "✗"} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(0)} s)`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
