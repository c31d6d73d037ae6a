// Builds the npm package takecontrol-mock into mock/pkg/ (ignored by git):
// the stand-in's core compiled to WebAssembly (the crate mock/wasm, with
// wasm-pack into target/mock-npm-wasm/, of which only the bindings and the
// .wasm are kept), then the hand-written Node layer of mock/npm/ (entry,
// declarations, CLI, README) and the licenses. mock/pkg/ is rebuilt from
// scratch each time, so it holds exactly what this script puts there.
//
//   node mock/npm/build.mjs     (also run by `npm run build`)
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { must, root } from "../../scripts/lib/run.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** The built package. */
export const pkgDir = join(root, "mock", "pkg");
const wasmOut = join(root, "target", "mock-npm-wasm");
/** The file names of the generated bindings, inside the package. */
const NAME = "stand_in";

/** The hand-written files, as they go into the package. */
const SOURCES = ["index.js", "index.d.ts", "README.md", "bin", "lib"];

export async function buildMockPackage() {
  rmSync(wasmOut, { recursive: true, force: true });
  // --target web: an ES module whose initSync() takes the .wasm bytes, which
  // lib/core.js reads from beside it (--target nodejs would be CommonJS).
  // --weak-refs: a pending answer JS drops is freed by the garbage collector.
  await must("wasm-pack", [
    "build", join(root, "mock", "wasm"), "--target", "web", "--release", "--weak-refs",
    "--no-typescript", "--no-pack", "--out-dir", wasmOut, "--out-name", NAME,
  ]);
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(join(pkgDir, "lib"), { recursive: true });
  for (const file of SOURCES) cpSync(join(here, file), join(pkgDir, file), { recursive: true });
  for (const file of [`${NAME}.js`, `${NAME}_bg.wasm`]) copyFileSync(join(wasmOut, file), join(pkgDir, "lib", file));
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(root, file), join(pkgDir, file));
  const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
  writeFileSync(join(pkgDir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log("✓ mock/pkg/ built (takecontrol-mock)");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { setup } = await import("../../scripts/setup.mjs");
  await setup();
  await buildMockPackage();
}
