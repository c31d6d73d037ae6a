// Builds the npm package into pkg/: wasm-pack's web build, then the package
// entry (index.js / index.d.ts) that re-exports the bindings together with
// the TakeControlError class, and the package.json fields that point at it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { must, root } from "./lib/run.mjs";
import { setup } from "./setup.mjs";

const pkg = join(root, "pkg");
const NAME = "takecontrol_session";

/** wasm-pack copies js/errors.js under a hashed folder: find it rather than guess. */
function errorsModule() {
  const snippets = join(pkg, "snippets");
  const hits = existsSync(snippets)
    ? readdirSync(snippets).filter((dir) => existsSync(join(snippets, dir, "js", "errors.js")))
    : [];
  if (hits.length !== 1) throw new Error(`expected one snippets/*/js/errors.js in pkg/, found ${hits.length}`);
  return `./snippets/${hits[0]}/js/errors.js`;
}

const entryJs = (errors) => `// The package entry: the wasm bindings and the error class, side by side.
export { default, initSync } from "./${NAME}.js";
export * from "./${NAME}.js";
export { TakeControlError } from "${errors}";
`;

const nodeEntryJs = (errors) => `// The package entry for Node.js: the same module as the web build,
// initialized at import from the .wasm file beside it, so that an \`import\`
// (or, on Node.js 20.19+, a \`require\`) is all a Node.js user writes.
import { readFileSync } from "node:fs";
import { initSync } from "./${NAME}.js";

initSync({ module: readFileSync(new URL("./${NAME}_bg.wasm", import.meta.url)) });

/** Already initialized; kept so that code written for the web entry runs unchanged. */
export default async function init() {}
export { initSync };
export * from "./${NAME}.js";
export { TakeControlError } from "${errors}";
`;

const entryDts = `export * from "./${NAME}.js";
export { default } from "./${NAME}.js";
export { TakeControlError } from "./errors.js";
`;

const errorsDts = `import type { ErrorCode } from "./${NAME}.js";

/** Every failure of takecontrol-session rejects with this class. */
export declare class TakeControlError extends Error {
  readonly name: "TakeControlError";
  /** What went wrong; see the README for what to do about each. */
  readonly code: ErrorCode;
  /** The option at fault (invalid_options only). */
  readonly field?: string;
  /** The HTTP status, whenever there was a response. */
  readonly status?: number;
  /** Seconds the server asked to wait (Retry-After), when it said so. */
  readonly retryAfterSeconds?: number;
  /** The server's errorDetails, as it sent them. */
  readonly errorDetails?: unknown;
}
`;

export async function build() {
  await setup();
  // Without the default `std` feature: the shipped module is no_std (see Cargo.toml).
  await must("wasm-pack", [
    "build", "--target", "web", "--release", "--out-dir", "pkg", "--out-name", NAME, "--", "--no-default-features",
  ]);
  const errors = errorsModule();
  writeFileSync(join(pkg, "index.js"), entryJs(errors));
  writeFileSync(join(pkg, "node.js"), nodeEntryJs(errors));
  writeFileSync(join(pkg, "index.d.ts"), entryDts);
  writeFileSync(join(pkg, "errors.d.ts"), errorsDts);

  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  manifest.main = "index.js";
  manifest.module = "index.js";
  manifest.types = "index.d.ts";
  // Node.js gets the entry that initializes itself; browsers the web entry
  // (default export `init`), also reachable as "takecontrol-session/web".
  manifest.exports = {
    ".": { types: "./index.d.ts", node: "./node.js", default: "./index.js" },
    "./web": { types: "./index.d.ts", default: "./index.js" },
    "./package.json": "./package.json",
  };
  manifest.files = [
    ...new Set([...(manifest.files ?? []), "index.js", "node.js", "index.d.ts", "errors.d.ts", "snippets"]),
  ];
  manifest.sideEffects = ["./snippets/*", "./node.js"];
  writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log("✓ pkg/ built");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await build();
