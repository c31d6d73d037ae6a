// The package as an integrator gets it: `npm pack` in mock/pkg/, installed
// from the tarball into an empty folder with no network, then its command
// and its import run there with only Node.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pkgDir, root, sleep, startCli, stop } from "./helpers.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let work;
let app;
let packed;

before(() => {
  work = mkdtempSync(join(tmpdir(), "takecontrol-mock-pack-"));
  app = join(work, "app");
  const out = execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: pkgDir, encoding: "utf8" });
  [packed] = JSON.parse(out);
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", join(work, packed.filename)], { cwd: app, encoding: "utf8" });
});
after(() => rmSync(work, { recursive: true, force: true }));

test("the tarball holds the package and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "bin/takecontrol-mock.js",
    "index.d.ts",
    "index.js",
    "lib/admin-token.js",
    "lib/core.js",
    "lib/fetch.js",
    "lib/http.js",
    "lib/recover.js",
    "lib/shell.js",
    "lib/stand_in.js",
    "lib/stand_in_bg.wasm",
    "package.json",
  ]);
  const manifest = JSON.parse(readFileSync(join(app, "node_modules", "takecontrol-mock", "package.json"), "utf8"));
  assert.equal(manifest.dependencies, undefined);
});

test("its command runs in the empty folder (node_modules/.bin and npx)", async () => {
  const direct = await startCli([], { command: join(app, "node_modules", ".bin", "takecontrol-mock"), prefix: [], cwd: app });
  assert.equal((await fetch(`${direct.url}/nope`)).status, 404);
  assert.equal(await stop(direct.child), 0);
  const viaNpx = await startCli([], { command: "npx", prefix: ["--offline", "--no-install", "takecontrol-mock"], cwd: app });
  assert.equal((await fetch(`${viaNpx.url}/__admin/requests`)).status, 200);
  // npm does not pass SIGTERM on (npx itself dies of it): the server
  // notices that its parent is gone and stops.
  await stop(viaNpx.child);
  let stopped = false;
  for (let i = 0; i < 40 && !stopped; i++) {
    await sleep(100);
    stopped = await fetch(`${viaNpx.url}/nope`).then(() => false, () => true);
  }
  assert.ok(stopped, "the server under npx stops when npx is terminated");
});

test("its import works there, and its declarations type-check", () => {
  const script = `
    import { createStandIn } from "takecontrol-mock";
    const standIn = await createStandIn();
    const response = await standIn.fetch("http://x/rest/session", { method: "POST", headers: { "integration-key": "demo-public-key" } });
    console.log(response.status, standIn.sessions().length);
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: app, encoding: "utf8" });
  assert.equal(out.trim(), "200 1");
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) return;
  writeFileSync(
    join(app, "check.ts"),
    `import { createStandIn, StandInAdminError, type StandIn, type FaultSpec } from "takecontrol-mock";
const standIn: StandIn = await createStandIn({ fixture: [{ ID: 1, DATE_START: "2026-01-01 00:00:00" }], fixtureRecent: true });
const response: Response = await standIn.fetch(new Request("http://x/rest/session", { method: "POST" }));
const fault: FaultSpec = { status: 429, retry_after: "2", times: 2 };
standIn.addFaults([fault]);
const { url, close }: { url: string; close(): Promise<void> } = await standIn.listen({ port: 0 });
const faulted: boolean | undefined = standIn.requests()[0]?.faulted;
const error: StandInAdminError | null = null;
console.log(response.status, url, faulted, error, standIn.reset().cleared.faults);
await close();
`,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022",
        types: ["node"], typeRoots: [join(root, "node_modules", "@types")],
      },
      files: ["check.ts"],
    }),
  );
  execFileSync(process.execPath, [tsc, "-p", app], { cwd: app, encoding: "utf8" });
});
