// What the tests share: the built package (mock/pkg/, from `npm run build`
// or `node mock/npm/build.mjs`), the shipped fixture, the demo keys.
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
