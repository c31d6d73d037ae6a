// Helpers of the packaging tests: the package as an integrator gets it
// (`npm pack` of pkg/, installed from the tarball into a fresh project in a
// temporary folder), the real tools run on it, and a static server for the
// built pages (opened in each engine through scripts/lib/browser.mjs).
//
// The tools (vite, webpack, tsc) are the repository's devDependencies, run
// from its node_modules/ by path: installing them into every temporary
// project would make the suite several times slower. Only the package
// itself is installed there, from the tarball, so every `import
// "takecontrol-session"` in a project resolves to what a user installs,
// never to the `file:pkg` link of the repository.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sirv from "sirv";
import { root, toolEnv } from "../../scripts/lib/run.mjs";
import { withPages } from "../../scripts/lib/serve.mjs";

const execFileAsync = promisify(execFile);

export { root };
export const pkg = join(root, "pkg");

/** The stand-in API (npm test starts it and passes its address). */
export const apiBase = (process.env.TAKECONTROL_MOCK_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");

/** The tools, from the repository's node_modules/. */
export const tools = {
  tsc: join(root, "node_modules", "typescript", "bin", "tsc"),
  vite: join(root, "node_modules", "vite", "bin", "vite.js"),
  webpack: join(root, "node_modules", "webpack-cli", "bin", "cli.js"),
};

/** Runs a command; resolves with { code, stdout, stderr } (never rejects on a non-zero exit). */
export async function run(command, args, { cwd = root, env = {}, timeout = 180_000 } = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      env: toolEnv({ NO_COLOR: "1", FORCE_COLOR: "0", ...env }),
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code ?? 1, stdout: error.stdout ?? "", stderr: error.stderr ?? String(error) };
  }
}

/** Like run(), failing the test with the command's output when it fails. */
export async function must(command, args, options) {
  const result = await run(command, args, options);
  assert.equal(result.code, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

const temporary = [];
process.on("exit", () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file's process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `takecontrol-${prefix}-`));
  temporary.push(dir);
  return dir;
}

const npmQuiet = ["--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"];

let packed;
/** `npm pack` of pkg/ (once per test file): { tarball, files, size, unpackedSize }. */
export async function pack() {
  if (packed) return packed;
  assert.ok(existsSync(join(pkg, "package.json")), "pkg/ is not built: run npm run build");
  const dir = tempDir("tarball");
  const { stdout } = await must("npm", ["pack", pkg, "--json", "--pack-destination", dir, ...npmQuiet]);
  const [info] = JSON.parse(stdout);
  packed = {
    tarball: join(dir, info.filename),
    files: info.files.map((file) => file.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
  };
  return packed;
}

/** The stand-in's usual address, which the examples write as their API domain. */
const STAND_IN_DEFAULT = "http://127.0.0.1:8787";

/**
 * Edits a copied example as its user edits the API domain it writes (the
 * examples read none from the page's address): to this run's stand-in, in
 * every page and script.
 */
function pointAtTheStandIn(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|js|mjs|cjs|ts)$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    if (text.includes(STAND_IN_DEFAULT)) writeFileSync(file, text.replaceAll(STAND_IN_DEFAULT, apiBase));
  }
}

/**
 * A fresh project with the packed package installed from its tarball: a
 * copy of `examples/<example>` (or an empty project), whose dependency on
 * takecontrol-session is pointed at the tarball and whose devDependencies
 * (the tools) are left out, since they run from the repository. Resolves
 * with the project's folder.
 */
export async function project(example) {
  const { tarball } = await pack();
  const dir = tempDir(example ?? "project");
  if (example) {
    cpSync(join(root, "examples", example), dir, { recursive: true });
    pointAtTheStandIn(dir);
  }
  const manifestPath = join(dir, "package.json");
  const manifest = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, "utf8"))
    : { name: "takecontrol-session-consumer", private: true, type: "module" };
  delete manifest.devDependencies;
  manifest.dependencies = { ...manifest.dependencies, "takecontrol-session": `file:${tarball}` };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  await must("npm", ["install", "--offline", ...npmQuiet], { cwd: dir });
  const installed = JSON.parse(readFileSync(join(dir, "node_modules", "takecontrol-session", "package.json"), "utf8"));
  assert.equal(installed.name, "takecontrol-session");
  return dir;
}

/**
 * Serves `dir` on a free loopback port, its pages loading the tests'
 * observer (e2e/lib/observe.js); resolves with { url, close, failures }:
 * each answer of 400 or more, as "404 /path".
 */
export async function serve(dir) {
  const files = sirv(dir, { dev: true });
  const failures = [];
  const handler = withPages(
    dir,
    (req, res) =>
      files(req, res, () => {
        res.statusCode = 404;
        res.end("not found");
      }),
    { observe: true },
  );
  const server = createServer((req, res) => {
    res.once("finish", () => {
      // The browser asks for /favicon.ico by itself; the examples have none.
      if (res.statusCode >= 400 && req.url !== "/favicon.ico") failures.push(`${res.statusCode} ${req.url}`);
    });
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${server.address().port}/`, close, failures };
}

/** Calls an admin endpoint of the stand-in and returns its JSON answer. */
export async function admin(method, path) {
  const headers = process.env.TAKECONTROL_MOCK_ADMIN_TOKEN ? { "X-Admin-Token": process.env.TAKECONTROL_MOCK_ADMIN_TOKEN } : {};
  const response = await fetch(`${apiBase}/__admin/${path}`, { method, headers });
  assert.ok(response.ok, `admin ${path}: ${response.status}`);
  return response.json();
}
