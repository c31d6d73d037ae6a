// The three browser engines every browser suite runs in, from Debian's
// packages: Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK
// (WebKitWebDriver driving its MiniBrowser, which needs an X display: an
// Xvfb of its own). One place says how each is found, started and given its
// settings, for the wasm suites (wasm-pack test), the end-to-end tests and
// the packaging proofs.
//
// The browser settings themselves are webdriver.json's (the file
// wasm-bindgen-test-runner reads): Chrome's arguments and Firefox's prefs
// are the same in every suite.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { startClosingProxy } from "./closing-proxy.mjs";
import { freePort, removeOnExit, startService } from "./services.mjs";
import { probe, root, toolEnv } from "./run.mjs";

/** Every engine, in the order the suites run them. */
export const ENGINES = ["chrome", "firefox", "webkit"];

/** The engines a test file runs in: $TAKECONTROL_ENGINES (comma-separated) or all three. */
export function selectedEngines() {
  const asked = (process.env.TAKECONTROL_ENGINES ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const id of asked) if (!ENGINES.includes(id)) throw new Error(`TAKECONTROL_ENGINES: unknown engine ${id} (one of ${ENGINES.join(", ")})`);
  return asked.length ? asked : ENGINES;
}

const NAMES = { chrome: "Chrome", firefox: "Firefox", webkit: "WebKit" };

/** "Chrome", "Firefox", "WebKit". */
export const engineName = (id) => NAMES[id];

const webdriverJson = () => JSON.parse(readFileSync(join(root, "webdriver.json"), "utf8"));

/** WebKitGTK's browser, which WebKitWebDriver starts with --automation. */
export function miniBrowserPath() {
  const lib = "/usr/lib";
  for (const dir of readdirSync(lib)) {
    const path = join(lib, dir, "webkit2gtk-4.1", "MiniBrowser");
    if (existsSync(path)) return path;
  }
  return null;
}

/** The driver each engine speaks W3C WebDriver through (on PATH; geckodriver from cargo). */
const DRIVERS = { chrome: "chromedriver", firefox: "geckodriver", webkit: "WebKitWebDriver" };

/**
 * A host name that is not loopback by the package's definition
 * (isLoopback, js/options.js) but that the engine reaches on this machine: `name`
 * itself where capabilities() can map it, a subdomain of `localhost` in
 * WebKit.
 */
export function hostFor(id, name) {
  return id === "webkit" ? `${name.split(".")[0]}.localhost` : name;
}

/**
 * The capabilities of a new session, as the engine's driver wants them.
 * `profile`: a new, empty directory for the browser's profile (Chrome's
 * user-data-dir; Firefox's profile, given a userChrome.css that lets its
 * window be as narrow as a phone: its toolbars keep it 500 px wide).
 * `host`: a test host name resolved to loopback instead of through DNS
 * (Chrome's host resolver rules map it to 127.0.0.1; Firefox's
 * network.dns.localDomains to localhost). WebKitGTK has no such setting:
 * there `hostFor()` gives a `.localhost` name, which it resolves to
 * loopback by itself.
 */
export function capabilities(id, { profile, host } = {}) {
  const settings = webdriverJson();
  if (id === "chrome") {
    const options = settings["goog:chromeOptions"];
    return {
      browserName: "chrome",
      "goog:chromeOptions": {
        ...options,
        binary: process.env.CHROMIUM ?? "/usr/bin/chromium",
        // The flags the wasm test runner adds by itself, and the page's language.
        args: [
          "--headless",
          "--no-sandbox",
          ...options.args,
          "--lang=en-US",
          ...(profile ? [`--user-data-dir=${profile}`] : []),
          ...(host ? [`--host-resolver-rules=MAP ${host} 127.0.0.1`] : []),
        ],
      },
    };
  }
  if (id === "firefox") {
    const options = settings["moz:firefoxOptions"];
    const prefs = { ...options.prefs, "intl.accept_languages": "en-US", ...(host ? { "network.dns.localDomains": host } : {}) };
    const args = ["-headless"];
    if (profile) {
      mkdirSync(join(profile, "chrome"), { recursive: true });
      writeFileSync(join(profile, "chrome", "userChrome.css"), ":root, toolbar, #nav-bar, #urlbar-container, #search-container { min-width: 0 !important; }\n");
      prefs["toolkit.legacyUserProfileCustomizations.stylesheets"] = true;
      args.push("-profile", profile);
    }
    return { browserName: "firefox", "moz:firefoxOptions": { ...options, args, prefs } };
  }
  return {
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary: miniBrowserPath(), args: ["--automation"] },
  };
}

/**
 * Gives MiniBrowser's window the keyboard focus. With no window manager on
 * the Xvfb display nobody else does, and an unfocused window's document has
 * no focus (document.hasFocus() is false, :focus and :focus-visible never
 * match, no focus ring is drawn), which no visitor's Safari shows.
 */
export function focusWebKitWindow(env) {
  const ok = probe("xdotool", ["search", "--sync", "--onlyvisible", "--class", "MiniBrowser", "windowfocus", "--sync", "%@"], env);
  if (ok === null) throw new Error("xdotool could not focus MiniBrowser's window (is xdotool installed?)");
}

/**
 * A home directory of their own for a browser and its driver, in the system
 * temp directory: HOME and the XDG folders (config, cache, data, runtime)
 * point into it, so that the crash reporters, download folders, dconf and
 * caches the browsers write outside their profiles land there and go with
 * it. Cargo's and rustup's own homes stay where they are, for wasm-pack.
 * Resolves with { home, env, remove }.
 */
export function browserHome(id) {
  const home = mkdtempSync(join(tmpdir(), `takecontrol-${id}-home-`));
  const dirs = { config: ".config", cache: ".cache", data: ".local/share", runtime: "runtime" };
  const env = {
    HOME: home,
    CARGO_HOME: process.env.CARGO_HOME ?? join(homedir(), ".cargo"),
    RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(homedir(), ".rustup"),
  };
  for (const [name, dir] of Object.entries(dirs)) {
    mkdirSync(join(home, dir), { recursive: true, mode: 0o700 });
    env[`XDG_${name.toUpperCase()}_${name === "runtime" ? "DIR" : "HOME"}`] = join(home, dir);
  }
  return { home, env, remove: removeOnExit(home) };
}

/**
 * What an engine's driver and browser run with (browserHome's), and for
 * WebKit an X display: an Xvfb on a display number it picks itself
 * (-displayfd: never one that is taken), that DISPLAY and the page's
 * language. Resolves with { home, env, stop }.
 */
export async function browserEnvironment(id) {
  const home = browserHome(id);
  if (id !== "webkit") return { home: home.home, env: home.env, stop: async () => home.remove() };
  try {
    // MiniBrowser's toolbar would keep its window at least 447 px wide; a phone is 390.
    mkdirSync(join(home.env.XDG_CONFIG_HOME, "gtk-3.0"));
    writeFileSync(
      join(home.env.XDG_CONFIG_HOME, "gtk-3.0", "gtk.css"),
      "* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n",
    );
    // Tall enough for a full-page screenshot of the demo at desktop width.
    const xvfb = await startService("Xvfb", ["-displayfd", "3", "-screen", "0", "1920x3000x24", "-nolisten", "tcp", "-noreset"], {
      name: "Xvfb",
      extraFd: true,
      ready: (output) => /^(\d+)\n/m.exec(output)?.[1],
      timeoutMs: 20_000,
    });
    const env = {
      ...home.env,
      DISPLAY: `:${xvfb.ready}`,
      // GLib takes navigator.language from LANG (the C library's locale is not needed).
      LANG: "en_US.UTF-8",
      // No accessibility bus to look for (there is no session D-Bus).
      NO_AT_BRIDGE: "1",
      GTK_A11Y: "none",
    };
    return { home: home.home, env, stop: () => xvfb.stop().then(home.remove) };
  } catch (error) {
    home.remove();
    throw error;
  }
}

/** What each engine is, as its own binary says (WebKit's needs the display). */
export function engineVersion(id, env = {}) {
  if (id === "chrome") return probe(process.env.CHROMIUM ?? "chromium", ["--version"]) ?? "Chromium (version unknown)";
  if (id === "firefox") return probe("firefox", ["--version"]) ?? "Firefox (version unknown)";
  const path = miniBrowserPath();
  const version = path && probe(path, ["--version"], env);
  return version ? `WebKitGTK ${version.replace(/^\D*/, "")} (MiniBrowser)` : "WebKitGTK (version unknown)";
}

/**
 * What `wasm-pack test --headless --<engine>` needs besides the tests, in
 * the browser's own home (browserEnvironment):
 * - Chrome: a proxy (closing-proxy.mjs) for the runner's page server, the
 *   cure for the runner's stall, named in a capability file (webdriver.json
 *   plus the proxy's flags) that WASM_BINDGEN_TEST_WEBDRIVER_JSON names.
 *   `direct` lists the host:port pairs Chrome reaches without it (the
 *   stand-in API, whose stalls and cancellations the tests observe first
 *   hand).
 * - Firefox closes idle connections after 2 s (webdriver.json) instead.
 * - WebKit: wasm-pack looks for a driver named `safaridriver` on PATH, so a
 *   directory there holds that name as a link to WebKitWebDriver, which
 *   starts MiniBrowser by itself; and the display. The runner opens Safari
 *   sessions with no capabilities at all (headless.rs), so neither the
 *   proxy nor any other browser setting can reach WebKit this way: its
 *   stalls are left to the restarts (scripts/test.mjs).
 * Resolves with { flag, env, stop, proxied() }: the requests the proxy
 * carried (null without one).
 */
export async function wasmPackBrowser(id, { direct = [] } = {}) {
  const environment = await browserEnvironment(id);
  if (id === "firefox") return { flag: "--firefox", env: environment.env, stop: environment.stop, proxied: () => null };
  if (id === "webkit") {
    const bin = join(environment.home, "bin");
    mkdirSync(bin);
    symlinkSync(probe("sh", ["-c", "command -v WebKitWebDriver"]) ?? "/usr/bin/WebKitWebDriver", join(bin, "safaridriver"));
    return { flag: "--safari", env: { ...environment.env, PATH: `${bin}:${toolEnv().PATH}` }, stop: environment.stop, proxied: () => null };
  }
  let proxy;
  try {
    proxy = await startClosingProxy();
    const settings = webdriverJson();
    const options = settings["goog:chromeOptions"];
    // Chrome sends loopback direct unless told not to (<-loopback>).
    const bypass = ["<-loopback>", ...direct].join(";");
    const args = [...options.args, `--proxy-server=http://127.0.0.1:${proxy.port}`, `--proxy-bypass-list=${bypass}`];
    const caps = join(environment.home, "webdriver.json");
    writeFileSync(caps, JSON.stringify({ ...settings, "goog:chromeOptions": { ...options, args } }, null, 2));
    return {
      flag: "--chrome",
      env: { ...environment.env, WASM_BINDGEN_TEST_WEBDRIVER_JSON: caps },
      stop: () => proxy.close().then(environment.stop),
      proxied: proxy.requests,
    };
  } catch (error) {
    await proxy?.close();
    await environment.stop();
    throw error;
  }
}

/**
 * Starts the engine's WebDriver server on a free loopback port (and, for
 * WebKit, its display) and waits until it answers /status. Resolves with
 * { url, env, stop }: env is what its browser runs with (WebKit's DISPLAY).
 */
export async function startDriver(id) {
  const environment = await browserEnvironment(id);
  let service;
  try {
    const port = await freePort();
    const command = DRIVERS[id];
    const args = id === "firefox" ? ["--host", "127.0.0.1", "--port", String(port)] : [`--port=${port}`];
    service = await startService(command, args, { env: toolEnv(environment.env), name: command });
    const url = `http://127.0.0.1:${port}`;
    const end = Date.now() + 20_000;
    while (!(await fetch(`${url}/status`).then((r) => r.ok, () => false))) {
      if (Date.now() > end || service.child.exitCode !== null) {
        throw new Error(`${command} did not answer on port ${port} within 20 s:\n${service.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { url, env: environment.env, stop: () => service.stop().then(environment.stop) };
  } catch (error) {
    await service?.stop();
    await environment.stop();
    throw error;
  }
}
