// Running commands from the project's scripts: output streamed to the
// terminal (and kept, when asked), a time limit, and PATH set up so that the
// tools the setup installs are found first.
import { spawn, spawnSync } from "node:child_process";
import { homedir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { track } from "./services.mjs";

/** The repository root. */
export const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** PATH with the project's npm binaries (binaryen's wasm-opt) and cargo's first. */
export function toolPath() {
  return [join(root, "node_modules", ".bin"), join(homedir(), ".cargo", "bin"), process.env.PATH]
    .filter(Boolean)
    .join(delimiter);
}

/** The environment every command runs with. */
export function toolEnv(extra = {}) {
  return { ...process.env, PATH: toolPath(), ...extra };
}

/**
 * Runs a command, streaming its output. Resolves with { code, output }
 * (output only when `capture` is set); `timeoutMs` kills it (code 124).
 * `watch: { after, expect, withinMs }` kills it too (code 125, "stalled")
 * when the output shows `after` but not `expect` within `withinMs` of it.
 */
export function run(command, args, { env = {}, capture = false, timeoutMs = 0, cwd = root, quiet = false, watch } = {}) {
  return new Promise((resolvePromise) => {
    // Detached (its own process group, killed whole on a time-out), and so
    // out of reach of a terminal's Ctrl-C: tracked, to be stopped with us.
    const child = track(spawn(command, args, { cwd, env: toolEnv(env), stdio: ["ignore", "pipe", "pipe"], detached: true }));
    let output = "";
    let timedOut = false;
    let stalled = false;
    let seen = "";
    let watchdog = null;
    const kill = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    };
    const take = (stream, sink) =>
      child[stream].on("data", (chunk) => {
        if (capture) output += chunk;
        if (!quiet) sink.write(chunk);
        if (!watch) return;
        // Keep a tail of the output for the watch's patterns.
        seen = (seen + chunk).slice(-4096);
        if (!watchdog && watch.after.test(seen)) {
          watchdog = setTimeout(() => {
            stalled = true;
            console.error(`\n${command} stalled: no progress within ${Math.round(watch.withinMs / 1000)} s; stopping it`);
            kill();
          }, watch.withinMs);
        }
        if (watchdog && watch.expect.test(seen)) {
          clearTimeout(watchdog);
          watch = null;
        }
      });
    take("stdout", process.stdout);
    take("stderr", process.stderr);
    const timer =
      timeoutMs > 0 &&
      setTimeout(() => {
        timedOut = true;
        console.error(`\n${command} ran past ${Math.round(timeoutMs / 1000)} s: stopping it`);
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }, timeoutMs);
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code: 127, output: output + String(error) });
    });
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      if (watchdog) clearTimeout(watchdog);
      resolvePromise({ code: stalled ? 125 : timedOut ? 124 : code ?? 1, output });
    });
  });
}

/** Runs a command quietly and returns its trimmed stdout, or null if it failed. */
export function probe(command, args, env = {}) {
  const result = spawnSync(command, args, { env: toolEnv(env), encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Runs a command or exits the script with its code. */
export async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.code})`);
    process.exit(result.code || 1);
  }
  return result;
}
