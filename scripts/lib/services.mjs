// Background processes a script starts for its own use (a WebDriver server,
// an X display) and its temporary directories: each is stopped or removed
// when the script ends, however it ends: normally, on an uncaught error, or
// on Ctrl-C / SIGTERM.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";

const running = new Set();

function signal(child, name) {
  try {
    // A detached child leads its own process group: its children go too.
    if (child.detached) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {}
}

/** Temporary directories to remove when this script exits. */
const directories = new Set();

let exitHooked = false;
let signalsHooked = false;

function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  // "exit" handlers must be synchronous: a signal is all that can be sent.
  // SIGTERM lets Xvfb remove its lock file and socket.
  process.on("exit", () => {
    for (const each of running) signal(each, "SIGTERM");
    for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Removes the directory `dir` when this script exits, however it exits
 * (stopOnSignals' exits included), unless the returned function removes it
 * first.
 */
export function removeOnExit(dir) {
  hookExit();
  directories.add(dir);
  return () => {
    directories.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Stops `child` (SIGTERM to its process group when `detached`) when this
 * script exits, whether normally or on an uncaught error. Returns it.
 */
export function track(child, { detached = true } = {}) {
  child.detached = detached;
  running.add(child);
  child.once("exit", () => running.delete(child));
  hookExit();
  return child;
}

/**
 * On Ctrl-C (SIGINT), SIGTERM or SIGHUP, stops every tracked process and
 * exits (130, 143, 129). For scripts with no shutdown of their own: the
 * test runner and the test files that start services.
 */
export function stopOnSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [name, code] of Object.entries(codes)) {
    process.once(name, () => {
      for (const child of running) signal(child, "SIGTERM");
      process.exit(code);
    });
  }
}

/**
 * Starts `command` in its own process group, tracked and stopped on
 * signals (stopOnSignals), and resolves with
 * { child, stop, ready, output } once `ready(output)` returns a truthy value
 * (returned as `ready`), or once it has started when there is no `ready`;
 * rejects if it exits first or takes longer than `timeoutMs`. `extraFd`
 * opens a pipe as fd 3 (Xvfb's -displayfd).
 */
export function startService(command, args, { env, name = command, ready, timeoutMs = 30_000, extraFd = false } = {}) {
  stopOnSignals();
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, {
        env,
        stdio: ["ignore", "pipe", "pipe", ...(extraFd ? ["pipe"] : [])],
        detached: true,
      }),
    );
    let output = "";
    let settled = false;
    const stop = () =>
      new Promise((done) => {
        running.delete(child);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => signal(child, "SIGKILL"), 3_000);
        child.once("exit", () => {
          clearTimeout(force);
          done();
        });
        signal(child, "SIGTERM");
      });
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const done = (value) => {
      settled = true;
      clearTimeout(timer);
      resolve({ child, stop, ready: value, output: () => output });
    };
    const take = (chunk) => {
      output = (output + chunk).slice(-16_384);
      if (settled || !ready) return;
      const value = ready(output);
      if (value) done(value);
    };
    if (!ready) child.once("spawn", () => done(true));
    for (const stream of [child.stdout, child.stderr, ...(extraFd ? [child.stdio[3]] : [])]) {
      stream.setEncoding("utf8");
      stream.on("data", take);
    }
    child.on("error", (error) => fail(new Error(`${name} could not start: ${error.message}`)));
    child.on("exit", (code, sig) => {
      fail(new Error(`${name} exited (${sig ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
}

/** A loopback port that was free a moment ago. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
