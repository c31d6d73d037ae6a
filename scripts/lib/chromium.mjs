// Headless Debian Chromium driven by playwright-core, for the benchmark
// (bench/run.mjs); the test suites drive their browsers over WebDriver
// (engines.mjs, browser.mjs). The flags keep Chromium off the network it is
// not asked to use: without the background-networking ones it keeps trying
// to reach Google's hosts, which hangs it on a machine without internet
// access.
import { chromium } from "playwright-core";

/** The flags every headless Chromium of the project starts with. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Debian's Chromium (or $CHROMIUM) headless. playwright's launch()
 * gives it a fresh temporary profile (user-data-dir) and removes it on close.
 */
export function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
