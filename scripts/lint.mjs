// `npm run lint` (and the lint suite of `npm test`): formatting, clippy with
// warnings as errors for every way the crate is built (native workspace,
// the two shipped no_std wasm modules, the wasm tests; src/lib.rs denies
// missing docs), and the docs with warnings as errors. Each check counts
// as one test; the last line is "N passed, M failed".
import { pathToFileURL } from "node:url";
import { run } from "./lib/run.mjs";

const WASM = "wasm32-unknown-unknown";

const COMMANDS = [
  ["cargo", ["fmt", "--all", "--check"]],
  ["cargo", ["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]],
  // The two shipped modules: the visitor build and the full build (`history`).
  ["cargo", ["clippy", "-p", "takecontrol-session", "--target", WASM, "--no-default-features", "--", "-D", "warnings"]],
  ["cargo", ["clippy", "-p", "takecontrol-session", "--target", WASM, "--no-default-features", "--features", "history", "--", "-D", "warnings"]],
  ["cargo", ["clippy", "-p", "takecontrol-session", "--target", WASM, "--tests", "--", "-D", "warnings"]],
  [
    "cargo",
    ["doc", "--no-deps", "-p", "takecontrol-session", "--target", WASM, "--no-default-features"],
    { RUSTDOCFLAGS: "-D warnings" },
  ],
];

export async function lint() {
  const results = [];
  for (const [command, args, env] of COMMANDS) {
    const line = `${env ? Object.entries(env).map(([k, v]) => `${k}="${v}" `).join("") : ""}${command} ${args.join(" ")}`;
    console.log(`\n▶ ${line}`);
    const { code } = await run(command, args, { env, timeoutMs: 15 * 60_000 });
    results.push({ line, ok: code === 0 });
  }

  console.log("");
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.line}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`\n${passed} passed, ${results.length - passed} failed`);
  return results.every((r) => r.ok);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit((await lint()) ? 0 : 1);
