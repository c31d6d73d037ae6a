// Starting and stopping the stand-in Take Control API (the `mock/` workspace
// member) for the demo and the tests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { must, root, toolEnv } from "./run.mjs";
import { track } from "./services.mjs";

/** Builds the stand-in binary and returns its path. */
export async function buildMock() {
  await must("cargo", ["build", "--quiet", "-p", "takecontrol-mock"]);
  return join(root, "target", "debug", "takecontrol-mock");
}

/**
 * Starts the stand-in on `addr` (port 0 picks a free port) with a fresh
 * random admin token (`X-Admin-Token`, which a page needs to reach
 * /__admin/*), and resolves with { url, adminToken, stop } once it prints
 * its listening line.
 */
export async function startMock({ addr = "127.0.0.1:0", echo = false, args = [] } = {}) {
  const binary = await buildMock();
  // History starts with the shipped fixture, moved so that it ends yesterday.
  const fixture = ["--fixture", join(root, "mock", "fixtures", "history.json"), "--fixture-recent"];
  const adminToken = randomBytes(16).toString("hex");
  const child = track(spawn(binary, ["--addr", addr, ...fixture, "--admin-token", adminToken, ...args], { env: toolEnv(), stdio: ["ignore", "pipe", "inherit"] }), {
    detached: false,
  });
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("the stand-in API did not start within 30 s")), 30_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      if (echo) process.stdout.write(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the stand-in API exited with code ${code} before it listened${seen ? `:\n${seen}` : ""}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  return { url, adminToken, stop, child };
}
