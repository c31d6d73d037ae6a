// Installs what the build and the tests need and is missing, or stops with a
// message that names it. Safe to run again: each step checks first.
//
//   node scripts/setup.mjs            toolchain for building (npm start)
//   node scripts/setup.mjs --browsers also the browsers of the tests (npm test):
//                                     Chromium, Firefox ESR, WebKitGTK and
//                                     their WebDriver servers, Xvfb and
//                                     xdotool for WebKit's window
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { miniBrowserPath } from "./lib/engines.mjs";
import { must, probe, root, run } from "./lib/run.mjs";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function stop(what, how) {
  console.error(`\n✗ ${what} is missing and could not be installed here.\n  Install it with: ${how}\n`);
  process.exit(1);
}

/** The exact wasm-bindgen version in Cargo.lock: the CLI must match it. */
function lockedWasmBindgenVersion() {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const match = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock);
  if (!match) throw new Error("wasm-bindgen is not in Cargo.lock");
  return match[1];
}

async function cargoInstall(crate, version) {
  const args = ["install", crate, ...(version ? ["--version", version] : [])];
  // --locked first (reproducible); a yanked pin in the tool's own lock file
  // makes that fail, and then the newest compatible dependencies are used.
  if ((await run("cargo", [...args, "--locked"])).code === 0) return;
  await must("cargo", args);
}

async function aptInstall(packages, why) {
  if (!isRoot || !probe("sh", ["-c", "command -v apt-get"])) {
    stop(why, `apt-get install ${packages.join(" ")} (as root)`);
  }
  console.log(`• installing ${packages.join(", ")} (${why})`);
  await must("apt-get", ["update", "-qq"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
  await must("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], {
    env: { DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** Makes sure every tool is there; `browsers` adds the three engines, their drivers and WebKit's display. */
export async function setup({ browsers = false } = {}) {
  if (!probe("cargo", ["--version"])) stop("Rust (cargo)", "https://rustup.rs, then run this again");

  // wasm-opt comes from npm's binaryen; node_modules/takecontrol-session is
  // the link to pkg/ through which examples and tests import the package.
  const linked = isLink(join(root, "node_modules", "takecontrol-session"));
  // Also every devDependency (vite, webpack, typescript for tests/packaging/).
  const { devDependencies = {} } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const devMissing = Object.keys(devDependencies).some((name) => !existsSync(join(root, "node_modules", name, "package.json")));
  if (!existsSync(join(root, "node_modules", ".bin", "wasm-opt")) || !linked || devMissing) {
    console.log("• installing npm dev dependencies");
    // `npm install`, not `npm ci`: Vite names a Windows-only optional
    // dependency that the registry does not have, which `npm install` skips
    // but `npm ci` refuses as missing from the lock file. The lock file still
    // pins every version.
    await must("npm", ["install", "--no-audit", "--no-fund"]);
  }

  const targets = probe("rustup", ["target", "list", "--installed"]) ?? "";
  if (!targets.split("\n").includes("wasm32-unknown-unknown")) {
    console.log("• adding the wasm32-unknown-unknown target");
    await must("rustup", ["target", "add", "wasm32-unknown-unknown"]);
  }

  if (!probe("wasm-pack", ["--version"])) {
    console.log("• installing wasm-pack (cargo install; its npm package needs GitHub)");
    await cargoInstall("wasm-pack");
  }

  const bindgen = lockedWasmBindgenVersion();
  if (probe("wasm-bindgen", ["--version"]) !== `wasm-bindgen ${bindgen}`) {
    console.log(`• installing wasm-bindgen-cli ${bindgen} (must match Cargo.lock)`);
    await cargoInstall("wasm-bindgen-cli", bindgen);
  }

  if (!browsers) return;
  const missing = [];
  if (!probe("sh", ["-c", "command -v chromium"])) missing.push("chromium");
  if (!probe("sh", ["-c", "command -v chromedriver"])) missing.push("chromium-driver");
  if (!probe("sh", ["-c", "command -v firefox"])) missing.push("firefox-esr");
  // WebKitGTK: its WebDriver server pulls in the engine and MiniBrowser.
  if (!probe("sh", ["-c", "command -v WebKitWebDriver"])) missing.push("webkit2gtk-driver");
  if (!probe("sh", ["-c", "command -v Xvfb"])) missing.push("xvfb");
  if (!probe("sh", ["-c", "command -v xauth"])) missing.push("xauth");
  if (!probe("sh", ["-c", "command -v xdotool"])) missing.push("xdotool");
  if (missing.length) await aptInstall(missing, "the browser engines of the tests");
  if (!miniBrowserPath()) stop("WebKitGTK's MiniBrowser (usr/lib/*/webkit2gtk-4.1/MiniBrowser)", "apt-get install webkit2gtk-driver");
  if (!probe("geckodriver", ["--version"])) {
    console.log("• installing geckodriver (Firefox's WebDriver)");
    await cargoInstall("geckodriver");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await setup({ browsers: process.argv.includes("--browsers") });
  console.log("✓ toolchain ready");
}
