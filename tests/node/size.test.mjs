// The size budget of the browser build: what a visitor downloads, the
// gzipped .wasm plus the JS glue (the bundled bindings and the web entry).
// Sizes are deterministic, so unlike timings they belong in tests.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { pageScripts } from "../../scripts/build.mjs";

const pkg = new URL("../../pkg/", import.meta.url).pathname;

/** Gzipped bytes (level 9) of a file in pkg/. */
const gzipped = (file) => gzipSync(readFileSync(join(pkg, file)), { level: 9 }).length;

// The most the browser build may weigh, gzipped: lower it as the build
// shrinks. The goal is 25 KB (25,600 bytes). ARCHITECTURE.md's Size section
// holds the history of the figures, each step with its commit.
const BUDGET_BYTES = 26_500;

test(`the browser build is at most ${BUDGET_BYTES} bytes gzipped`, () => {
  // Every .js file a page loads with the web entry (scripts/build.mjs bundles
  // the js/ modules into the bindings; any other .js file would be counted too).
  const scripts = pageScripts(pkg);
  const wasm = gzipped("takecontrol_session_bg.wasm");
  const glue = scripts.reduce((sum, file) => sum + gzipped(file), 0);
  console.log(`size: wasm ${wasm} B + JS glue ${glue} B = ${wasm + glue} B gzipped (budget ${BUDGET_BYTES}, goal 25600)`);
  assert.ok(wasm > 1000 && glue > 1000, "the build is missing");
  assert.ok(wasm + glue <= BUDGET_BYTES, `${wasm + glue} B gzipped is over the budget of ${BUDGET_BYTES} B`);
});
