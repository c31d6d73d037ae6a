// What the tests share: the built package (mock/pkg/, from `npm run build`
// or `node mock/npm/build.mjs`), the shipped fixture, the demo keys.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..", "..");
export const pkgDir = join(root, "mock", "pkg");
export const bin = join(pkgDir, "bin", "takecontrol-mock.js");
export const fixturePath = join(root, "mock", "fixtures", "history.json");
export const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));

if (!existsSync(join(pkgDir, "lib", "stand_in_bg.wasm"))) {
  throw new Error("mock/pkg/ is not built: run `node mock/npm/build.mjs` (or `npm run build`) first");
}

/** The package's entry, as `import ... from "takecontrol-mock"` gives it. */
export const { createStandIn, DEFAULT_PUBLIC_KEY: PUBLIC, DEFAULT_PRIVATE_KEY: PRIVATE } = await import(
  pathToFileURL(join(pkgDir, "index.js")).href
);

/** A POST /rest/session with the key (default: the public demo key). */
export const create = (base, body = {}, key = PUBLIC, init = {}) =>
  new Request(`${base}/rest/session`, {
    method: "POST",
    headers: { "integration-key": key, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment without any TAKECONTROL_MOCK_* variable, plus `extra`. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("TAKECONTROL_MOCK_")) delete env[name];
  return { ...env, ...extra };
}

/**
 * Spawns the command (`command`/`prefix` default to node and the bin) and
 * resolves once it printed `count` lines: { child, lines, url, output() }.
 */
export async function startCli(args = [], { env = {}, count = 3, command = process.execPath, prefix = [bin], cwd } = {}) {
  const child = spawn(command, [...prefix, "--addr", "127.0.0.1:0", ...args], { env: cleanEnv(env), cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 20 s:\n${stdout}\n${stderr}`)), 20_000);
    const check = () => {
      if (stdout.split("\n").length > count) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  const lines = stdout.split("\n").slice(0, count);
  const url = /^takecontrol-mock listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1];
  assert.ok(url, `unexpected first line ${JSON.stringify(lines[0])}`);
  return { child, lines, url, output: () => ({ stdout, stderr }) };
}

/** Sends `signal` and resolves with the exit code (fails after 15 s). */
export async function stop(child, signal = "SIGTERM") {
  const exited = once(child, "exit");
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [code] = await exited;
  clearTimeout(timer);
  return code;
}

