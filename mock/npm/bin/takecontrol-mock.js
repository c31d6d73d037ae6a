#!/usr/bin/env node
// The takecontrol-mock command: the native binary's flags, environment
// variables, first lines of output, signals and exit codes (see
// mock/src/main.rs), served by the npm package's node:http shell.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { adminTokenProblem, randomAdminToken } from "../lib/admin-token.js";
import { DEFAULT_PRIVATE_KEY, DEFAULT_PUBLIC_KEY, makeCore } from "../lib/core.js";
import { serve } from "../lib/http.js";

const VERSION = "0.1.0";
const USAGE = "Usage: takecontrol-mock [OPTIONS]";

/** The flags, their environment variables and defaults, as clap has them. */
const FLAGS = {
  addr: { env: "TAKECONTROL_MOCK_ADDR", value: "ADDR", fallback: "127.0.0.1:8787", help: "Address to listen on (port 0 picks a free port)" },
  "public-key": { env: "TAKECONTROL_MOCK_PUBLIC_KEY", value: "PUBLIC_KEY", fallback: DEFAULT_PUBLIC_KEY, hidden: true, help: "Key accepted by POST /rest/session" },
  "private-key": { env: "TAKECONTROL_MOCK_PRIVATE_KEY", value: "PRIVATE_KEY", fallback: DEFAULT_PRIVATE_KEY, hidden: true, help: "Key accepted by GET /rest/session/history" },
  fixture: { env: "TAKECONTROL_MOCK_FIXTURE", value: "FIXTURE", help: "JSON file of history records to preload (array of objects with upper-case var names as keys, e.g. mock/fixtures/history.json)" },
  "fixture-recent": { env: "TAKECONTROL_MOCK_FIXTURE_RECENT", help: 'Move the fixture\'s dates by whole days so that its newest session started yesterday (keeps demos of "last week" meaningful)' },
  "admin-token": { env: "TAKECONTROL_MOCK_ADMIN_TOKEN", value: "ADMIN_TOKEN", hidden: true, help: "Token a caller sends in X-Admin-Token to use /__admin/* from a web page (default: random at each start, printed)" },
};

function helpText() {
  const rows = Object.entries(FLAGS).map(([name, flag]) => {
    const left = `      --${name}${flag.value ? ` <${flag.value}>` : ""}`;
    // Like clap's hide_env_values: the keys' variables are named, never their values.
    const env = flag.hidden ? `[env: ${flag.env}]` : `[env: ${flag.env}=${process.env[flag.env] ?? ""}]`;
    const fallback = flag.fallback ? ` [default: ${flag.fallback}]` : "";
    return [left, `${flag.help} ${env}${fallback}`];
  });
  rows.push(["  -h, --help", "Print help"], ["  -V, --version", "Print version"]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    "Local stand-in for N-able Take Control's REST Session API, with fault injection for tests.",
    "",
    USAGE,
    "",
    "Options:",
    ...rows.map(([left, right]) => left.padEnd(width) + right),
    "",
  ].join("\n");
}

/** A usage error: clap's wording, exit code 2. */
class UsageError extends Error {}

/** `usage`: clap's usage line (false for none; clap names the flag at fault in some). */
function usageError(message, usage = USAGE) {
  return new UsageError(`error: ${message}\n\n${usage ? `${usage}\n\n` : ""}For more information, try '--help'.\n`);
}

/** The flags from argv, then the environment, then the defaults. */
function parse(argv) {
  const options = { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "V" } };
  for (const [name, flag] of Object.entries(FLAGS)) options[name] = { type: flag.value ? "string" : "boolean" };
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true }));
  } catch (error) {
    throw usageError(error.message);
  }
  const seen = {};
  for (const token of tokens) {
    if (token.kind === "positional") throw usageError(`unexpected argument '${token.value}' found`);
    if (token.kind === "option-terminator") continue;
    const known = options[token.name];
    if (!known) {
      throw usageError(`unexpected argument '${token.rawName}' found`);
    }
    if (token.name === "help" || token.name === "version") {
      seen[token.name] = true;
      continue;
    }
    const flag = FLAGS[token.name];
    const display = flag.value ? `--${token.name} <${flag.value}>` : `--${token.name}`;
    if (token.name in seen) throw usageError(`the argument '${display}' cannot be used multiple times`);
    if (flag.value) {
      if (token.value === undefined || (token.inlineValue === false && token.value.startsWith("-") && token.value !== "-")) {
        throw usageError(`a value is required for '${display}' but none was supplied`, false);
      }
      seen[token.name] = token.value;
    } else {
      if (token.value !== undefined) throw usageError(`unexpected value '${token.value}' for '${display}' found; no more were expected`, `Usage: takecontrol-mock ${display}`);
      seen[token.name] = true;
    }
  }
  const value = (name) => seen[name] ?? process.env[FLAGS[name].env] ?? FLAGS[name].fallback;
  let fixtureRecent = seen["fixture-recent"] ?? false;
  const recentEnv = process.env[FLAGS["fixture-recent"].env];
  if (fixtureRecent !== true && recentEnv !== undefined) {
    if (recentEnv !== "true" && recentEnv !== "false") {
      throw usageError(`invalid value '${recentEnv}' for '--fixture-recent'\n  [possible values: true, false]`, false);
    }
    fixtureRecent = recentEnv === "true";
  }
  return {
    help: seen.help === true,
    version: seen.version === true,
    addr: value("addr"),
    publicKey: value("public-key"),
    privateKey: value("private-key"),
    fixture: value("fixture"),
    fixtureRecent,
    adminToken: value("admin-token"),
  };
}

/** host and port of an address as the native binary takes it (HOST:PORT, [IPv6]:PORT). */
function splitAddr(addr) {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(addr);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) return null;
  return { host: match[1] ?? match[2], port };
}

const fail = (message) => {
  throw new Error(message);
};

async function main() {
  const cli = parse(process.argv.slice(2));
  if (cli.help) return process.stdout.write(helpText());
  if (cli.version) return process.stdout.write(`takecontrol-mock ${VERSION}\n`);
  if (cli.publicKey === "" || cli.privateKey === "") fail("the keys must not be empty");
  if (cli.publicKey === cli.privateKey) fail("the public and private keys must differ");
  if (cli.adminToken !== undefined && adminTokenProblem(cli.adminToken)) fail(adminTokenProblem(cli.adminToken));
  // A token given is the caller's to know: it is never printed.
  const adminToken = cli.adminToken ?? randomAdminToken();
  const tokenLine = cli.adminToken === undefined ? `admin token: ${adminToken}` : "admin token: (set, hidden)";
  let fixtureText;
  if (cli.fixture !== undefined) {
    try {
      fixtureText = readFileSync(cli.fixture, "utf8");
    } catch (error) {
      fail(`cannot read fixture ${cli.fixture}: ${error.message}`);
    }
  }
  const core = await makeCore({
    publicKey: cli.publicKey,
    privateKey: cli.privateKey,
    fixture: fixtureText,
    fixtureRecent: cli.fixtureRecent,
    fixturePrefix: `fixture ${cli.fixture}`,
    adminToken,
  });
  const where = splitAddr(cli.addr);
  if (!where) fail(`cannot listen on ${cli.addr}: invalid socket address`);
  // Signals are caught before the listening line is printed: a script that
  // sends one as soon as it sees that line stops the server gracefully.
  let stopSignal = null;
  let onSignal = () => {
    stopSignal = true;
  };
  for (const name of ["SIGINT", "SIGTERM"]) process.on(name, () => onSignal());
  // Started by npm (npx, an npm script), we run under `sh -c`, and a
  // SIGTERM sent to npm reaches neither: when the process that started us
  // is gone, stop as if signalled rather than linger as an orphan.
  if (process.env.npm_command) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) onSignal();
    }, 250).unref();
  }
  let running;
  try {
    running = await serve(core, where);
  } catch (error) {
    fail(`cannot listen on ${cli.addr}: ${error.message}`);
  }
  // A reader that goes away (`| head -1`) must not stop the server: what it
  // would have read is dropped.
  process.stdout.on("error", () => {});
  const lines = [`takecontrol-mock listening on ${running.url}`, describe("public key", cli.publicKey, DEFAULT_PUBLIC_KEY), describe("private key", cli.privateKey, DEFAULT_PRIVATE_KEY), tokenLine];
  if (cli.fixture !== undefined) lines.push(`fixture: ${core.fixtureRecords} records from ${cli.fixture}`);
  process.stdout.write(lines.join("\n") + "\n");
  await new Promise((resolve) => {
    onSignal = resolve;
    if (stopSignal) resolve();
  });
  await running.close();
  process.stdout.write("takecontrol-mock stopped\n");
}

/** A key's startup line: its value only when it is the demo default. */
function describe(label, value, fallback) {
  return value === fallback ? `${label}: ${value} (demo default)` : `${label}: (set, hidden)`;
}

main().then(
  () => {
    process.exitCode = 0;
    // The server is closed; nothing else should keep us, but a socket a
    // client never closed must not either.
    setImmediate(() => process.exit(0)).unref();
  },
  (error) => {
    process.stderr.write(error instanceof UsageError ? error.message : `takecontrol-mock: ${error.message}\n`);
    process.exit(2);
  },
);
