// Headless Debian Chromium driven by playwright-core, for the end-to-end
// tests, the packaging proofs and the benchmark. The flags are the ones that
// avoid hangs on this closed network (see the toolchain notes): without the
// background-networking ones Chromium keeps trying to reach Google's hosts.
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
