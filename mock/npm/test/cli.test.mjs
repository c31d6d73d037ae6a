// The takecontrol-mock command (bin/takecontrol-mock.js): the native
// binary's flags, first lines, signals and exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { PUBLIC, bin, cleanEnv, create, fixturePath, startCli, stop } from "./helpers.mjs";

const run = (args, env = {}) => spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(env), encoding: "utf8", timeout: 20_000 });

test("prints the listening line and the demo keys, answers, exits 0 on SIGTERM", async () => {
  const { child, lines, url, output } = await startCli();
  assert.equal(lines[1], "public key: demo-public-key (demo default)");
  assert.equal(lines[2], "private key: demo-private-key (demo default)");
  assert.equal((await fetch(`${url}/nope`)).status, 404);
  assert.equal((await fetch(create(url))).status, 200);
  assert.equal(await stop(child), 0);
  assert.match(output().stdout, /takecontrol-mock stopped\n$/);
});

test("exits 0 on SIGINT quickly even with a stalled answer open", async () => {
  const { child, url } = await startCli();
  await fetch(`${url}/__admin/faults`, { method: "POST", body: '{"status":200,"body":"abcdef","stall_after_bytes":2}' });
  const stalled = await fetch(create(url));
  assert.equal(stalled.status, 200);
  const started = Date.now();
  assert.equal(await stop(child, "SIGINT"), 0);
  assert.ok(Date.now() - started < 4_000, "stalls are cut at shutdown");
  await stalled.body?.cancel().catch(() => {});
});

test("never prints non-default keys, not even in --help", async () => {
  const { child, lines, url, output } = await startCli(["--private-key", "priv-SECRET-2"], { env: { TAKECONTROL_MOCK_PUBLIC_KEY: "pub-SECRET-1" } });
  assert.equal(lines[1], "public key: (set, hidden)");
  assert.equal(lines[2], "private key: (set, hidden)");
  assert.equal((await fetch(create(url, {}, "pub-SECRET-1"))).status, 200);
  assert.equal((await fetch(create(url, {}, PUBLIC))).status, 403);
  assert.equal(await stop(child), 0);
  const { stdout, stderr } = output();
  assert.doesNotMatch(stdout + stderr, /SECRET/);
  const help = run(["--help"], { TAKECONTROL_MOCK_PUBLIC_KEY: "pub-SECRET-3" });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: takecontrol-mock \[OPTIONS\]$/m);
  assert.match(help.stdout, /--fixture-recent/);
  assert.doesNotMatch(help.stdout, /SECRET/);
});

test("loads a fixture (from the environment too) and says so", async () => {
  const { child, lines, url } = await startCli(["--fixture-recent"], { env: { TAKECONTROL_MOCK_FIXTURE: fixturePath }, count: 5 });
  assert.equal(lines[4], `fixture: 40 records from ${fixturePath}`);
  const response = await fetch(`${url}/rest/session/history?vars=ID`, { headers: { "integration-key": "demo-private-key" } });
  assert.equal((await response.json()).details.length, 40);
  assert.equal(await stop(child), 0);
});

test("bad flags, bad keys, a bad fixture or address: a message and exit 2", () => {
  const cases = [
    [["--bogus"], {}, /unexpected argument '--bogus' found/],
    [["extra"], {}, /unexpected argument 'extra' found/],
    [["--addr"], {}, /a value is required for '--addr <ADDR>'/],
    [["--addr", "127.0.0.1:0", "--addr", "127.0.0.1:0"], {}, /cannot be used multiple times/],
    [["--addr", "nonsense"], {}, /^takecontrol-mock: cannot listen on nonsense: invalid socket address$/m],
    [["--public-key", "same-SECRET", "--private-key", "same-SECRET"], {}, /^takecontrol-mock: the public and private keys must differ$/m],
    [["--public-key="], {}, /the keys must not be empty/],
    [["--addr", "127.0.0.1:0", "--fixture", "/nonexistent/history.json"], {}, /^takecontrol-mock: cannot read fixture \/nonexistent\/history\.json/m],
    [["--addr", "127.0.0.1:0"], { TAKECONTROL_MOCK_FIXTURE_RECENT: "1" }, /invalid value '1' for '--fixture-recent'/],
  ];
  for (const [args, env, message] of cases) {
    const result = run(args, env);
    assert.equal(result.status, 2, `${args.join(" ")}: exit ${result.status}\n${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stdout, "");
    assert.doesNotMatch(result.stderr, /SECRET/);
  }
  const version = run(["--version"]);
  assert.equal(version.stdout, "takecontrol-mock 0.1.0\n");
});

test("keeps serving when the reader of its output goes away (| head -1), and still exits 0", async () => {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [bin, "--addr", "127.0.0.1:0"], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => {
      const match = /listening on (\S+)/.exec(String(chunk));
      // Close the pipe at once, as `head -1` does, before the other lines and "stopped".
      child.stdout.destroy();
      match ? resolve(match[1]) : reject(new Error(String(chunk)));
    });
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await fetch(create(url))).status, 200);
  child.kill("SIGTERM");
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
});
