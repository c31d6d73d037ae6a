// Builds the npm package into pkg/: two wasm-pack web builds of the crate,
// the visitor build (takecontrol_session: what a customer's page uses, no
// getSessionHistory) and the full build (takecontrol_session_full: with the
// `history` feature); then the entries that re-export them together with the
// TakeControlError class (index.js for pages with init(), bundler.js that
// initializes itself: visitor; node.js, and full.js for trusted dashboards:
// full), the element, their declarations, the licenses and changelog, and
// the package.json fields that point at them. Each build's bindings, bundled,
// are an entry themselves: index.js (visitor) and full.js (full).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildMockPackage } from "../mock/npm/build.mjs";
import { blankPanicText } from "./lib/blank-panic-text.mjs";
import { minifyNames } from "./lib/minify-names.mjs";
import { must, root } from "./lib/run.mjs";
import { setup } from "./setup.mjs";

const pkg = join(root, "pkg");
const NAME = "takecontrol_session";
const FULL = "takecontrol_session_full";
// The export lists: the package's functions and class, by name, besides
// init() (`default`) and initSync(). js/index.d.ts declares the visitor's,
// js/full.d.ts adds getSessionHistory.
const EXPORTS = "createSession, validateSessionRequest, createTicket, validateTicketRequest, TakeControlError";
const FULL_EXPORTS = `${EXPORTS}, getSessionHistory`;

/** wasm-pack copies js/errors.js under a hashed folder: find it rather than guess. */
function errorsModule() {
  const snippets = join(pkg, "snippets");
  const hits = existsSync(snippets)
    ? readdirSync(snippets).filter((dir) => existsSync(join(snippets, dir, "js", "errors.js")))
    : [];
  if (hits.length !== 1) throw new Error(`expected one snippets/*/js/errors.js in pkg/, found ${hits.length}`);
  return `./snippets/${hits[0]}/js/errors.js`;
}

const bundlerEntryJs = () => `// The package entry for bundlers (Vite, webpack 5, Rollup, esbuild, ...):
// it initializes itself at import with a top-level \`await\`, so there is no
// \`init()\` to call. The generated glue finds the .wasm with
// \`new URL("${NAME}_bg.wasm", import.meta.url)\`, which bundlers understand
// with no plugin and no config. package.json \`sideEffects\` names this file:
// otherwise a bundler would drop the initialization as unused code.
import init from "./index.js";

await init();

/** Already initialized: resolves at once; kept so that code written for the web entry runs unchanged. */
export { default, initSync, ${EXPORTS} } from "./index.js";
`;

const nodeEntryJs = () => `// The package entry for Node.js: the full build (getSessionHistory too),
// initialized at import from the .wasm file beside it, so that an \`import\`
// (or, on Node.js 20.19+, a \`require\`) is all a Node.js user writes.
import { readFileSync } from "node:fs";
import { initSync } from "./full.js";

initSync({ module: readFileSync(new URL("./${FULL}_bg.wasm", import.meta.url)) });

/** Already initialized: resolves at once; kept so that code written for the web entry runs unchanged. */
export { default, initSync, ${FULL_EXPORTS} } from "./full.js";
`;

/**
 * wasm-bindgen declares every raw wasm export in `InitOutput` (what
 * `init()` resolves with); the bindings resolve with the module's memory
 * alone (scripts/lib/minify-names.mjs), the rest being their internals.
 */
function initOutputAsBuilt(dts) {
  const declared = "export interface InitOutput {\n    readonly memory: WebAssembly.Memory;\n}";
  const trimmed = dts.replace(/export interface InitOutput \{[^}]*\}/, declared);
  if (!trimmed.includes(declared)) throw new Error("build: no InitOutput interface in the generated declarations");
  return trimmed;
}

/**
 * The generated bindings and the snippets wasm-pack copied from js/ (the
 * call's I/O and page-wide state, the option reader, the error class)
 * bundled into one minified module, `entry` (esbuild; comments dropped,
 * local names shortened, exported names kept), which exports `exports` and
 * init() and initSync(); then the generated bindings and the snippets
 * folder go. One file: less to download gzipped than the files minified
 * apart, one request for a page without a bundler, and one copy of the
 * page-wide state whatever a bundler does. (By then
 * scripts/lib/minify-names.mjs has given the .wasm one import module, whose
 * object the bindings build from the snippets' exports.) The documentation
 * is in the .d.ts files; the two short entries stay as written.
 */
async function bundleScripts(name, entry, exports) {
  const functions = exports.replace(", TakeControlError", "");
  // Imported here: on a fresh machine esbuild exists only once setup() has run.
  const { build: esbuild } = await import("esbuild");
  const { outputFiles } = await esbuild({
    stdin: {
      // init() and initSync() reject with code "unsupported" when the page cannot run the module.
      contents: [
        `import start, { initSync as startSync } from "./${name}.js";`,
        `import { unsupported } from "${errorsModule()}";`,
        `export { ${functions} } from "./${name}.js";`,
        `export { TakeControlError } from "${errorsModule()}";`,
        // (start is async: its failures are rejections.)
        "export default (input) => start(input).catch((e) => { throw unsupported(e); });",
        "export function initSync(input) { try { return startSync(input); } catch (e) { throw unsupported(e); } }",
      ].join("\n"),
      resolveDir: pkg,
      sourcefile: "bundle-entry.js",
    },
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
  });
  writeFileSync(join(pkg, entry), outputFiles[0].contents);
  rmSync(join(pkg, `${name}.js`));
  rmSync(join(pkg, "snippets"), { recursive: true, force: true });
}

/**
 * One wasm-pack web build of the crate into pkg/ as `name` (no_std: without
 * the default `std` feature; see Cargo.toml), with `features`, the text
 * only a panic would show blanked (scripts/lib/blank-panic-text.mjs), its
 * names minified and its scripts bundled into `entry`, which exports
 * `exports`.
 */
async function buildModule(name, features, entry, exports) {
  // wasm-pack adds to pkg/snippets/ but never removes: a deleted js/ module would linger.
  rmSync(join(pkg, "snippets"), { recursive: true, force: true });
  await must("wasm-pack", [
    "build", "--target", "web", "--release", "--out-dir", "pkg", "--out-name", name, "--", "--no-default-features", ...features,
  ]);
  rmSync(join(pkg, `${name}_bg.wasm.d.ts`), { force: true });
  await blankPanicText(join(pkg, `${name}_bg.wasm`));
  await minifyNames(pkg, name);
  await bundleScripts(name, entry, exports);
  const generatedDts = join(pkg, `${name}.d.ts`);
  writeFileSync(generatedDts, initOutputAsBuilt(readFileSync(generatedDts, "utf8")));
}

/**
 * The .js files of a built package folder that a page loads with the web
 * entry: index.js alone, the bundled bindings (bundler.js imports it; node.js
 * and full.js are the full build; the element's files are its own path).
 */
export function pageScripts(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith(".js") && !["bundler.js", "node.js", "full.js", ...ELEMENT_FILES].includes(file) && !file.startsWith("messages"))
    .sort();
}

/** The element's own files ("./element"): it imports the bundled bindings, and one messages/*.js for a language other than English. */
const ELEMENT_FILES = ["element.js", "element.d.ts"];

/**
 * The element entry, bundled with its styles (minified; the bindings stay a
 * separate module, shared with the other entries), and each language's words
 * minified beside it in messages/, where the element imports the one a page
 * needs.
 */
async function buildElement() {
  const { build: esbuild, transform } = await import("esbuild");
  const languages = readdirSync(join(root, "js", "messages")).filter((file) => file.endsWith(".js"));
  await esbuild({
    entryPoints: [join(root, "js", "element.js")],
    outfile: join(pkg, "element.js"),
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    external: ["./index.js"],
    // Each language stays its own module, imported when a page needs it.
    plugins: [
      {
        name: "languages-apart",
        setup(build) {
          build.onResolve({ filter: /^\.\/messages\// }, (args) => ({ path: args.path, external: true }));
        },
      },
      {
        // element.css, minified, as the module's STYLES text.
        name: "stylesheet-as-text",
        setup(build) {
          build.onLoad({ filter: /\.css$/ }, async (args) => {
            const { code } = await transform(readFileSync(args.path, "utf8"), { loader: "css", minify: true });
            return { contents: `export default ${JSON.stringify(code.trim())};`, loader: "js" };
          });
        },
      },
    ],
  });
  mkdirSync(join(pkg, "messages"), { recursive: true });
  for (const file of languages) {
    const { code } = await transform(readFileSync(join(root, "js", "messages", file), "utf8"), { minify: true, format: "esm", target: "es2022" });
    writeFileSync(join(pkg, "messages", file), code);
  }
  copyFileSync(join(root, "js", "element.d.ts"), join(pkg, "element.d.ts"));
}

/** What the tarball holds besides package.json and README.md (npm adds those itself). */
const FILES = [
  "index.js",
  "bundler.js",
  "node.js",
  "full.js",
  "index.d.ts",
  "full.d.ts",
  "errors.d.ts",
  `${NAME}.d.ts`,
  `${NAME}_bg.wasm`,
  `${FULL}.d.ts`,
  `${FULL}_bg.wasm`,
  ...ELEMENT_FILES,
  "messages/",
  "CHANGELOG.md",
  "SECURITY.md",
  "LICENSE-MIT",
  "LICENSE-APACHE",
];

export async function build() {
  await setup();
  await buildModule(NAME, [], "index.js", EXPORTS);
  await buildModule(FULL, ["--features", "history"], "full.js", FULL_EXPORTS);
  rmSync(join(pkg, "messages"), { recursive: true, force: true });
  await buildElement();
  writeFileSync(join(pkg, "bundler.js"), bundlerEntryJs());
  writeFileSync(join(pkg, "node.js"), nodeEntryJs());
  // The declarations are files in js/: index.d.ts for the visitor's entries, full.d.ts for node.js and full.js.
  for (const file of ["index.d.ts", "full.d.ts", "errors.d.ts"]) copyFileSync(join(root, "js", file), join(pkg, file));
  // wasm-pack copies the repository's README: the package ships its own, written for package users.
  copyFileSync(join(root, "js", "README.md"), join(pkg, "README.md"));
  // wasm-pack copies LICENSE* only in some cases: copy both, the changelog and
  // the threat model (the element's console warnings point to it).
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md", "SECURITY.md"]) copyFileSync(join(root, file), join(pkg, file));

  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  const repository = manifest.repository?.url ?? "";
  const ordered = {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    keywords: [...new Set([...(manifest.keywords ?? []), "webassembly", "n-able", "vite", "webpack"])],
    homepage: `${repository}#readme`,
    bugs: { url: `${repository}/issues` },
    repository: manifest.repository,
    license: manifest.license,
    type: "module",
    // Conditions, first match wins: `node` (Node.js, and bundlers building
    // for Node.js) the full build, which reads the .wasm file at import;
    // `default` (Vite and webpack 5 for the browser, which do not set `node`)
    // the visitor build, which initializes itself with top-level await; each
    // with its `types`. "./web" is the visitor build as a plain ES module
    // with init(), for a page without a bundler; "./full" everything, for
    // trusted internal pages only.
    exports: {
      ".": { node: { types: "./full.d.ts", default: "./node.js" }, types: "./index.d.ts", default: "./bundler.js" },
      "./web": { types: "./index.d.ts", default: "./index.js" },
      "./full": { types: "./full.d.ts", default: "./full.js" },
      // The help form as one tag (<takecontrol-help>): it loads the module itself.
      "./element": { types: "./element.d.ts", default: "./element.js" },
      "./package.json": "./package.json",
    },
    // For tools that do not read `exports`.
    main: "node.js",
    module: "bundler.js",
    types: "full.d.ts",
    // The modules that do something at import: the two self-initializing
    // entries and the element's (it defines <takecontrol-help>). A bundler
    // may drop any other module whose exports are unused (the bundled
    // bindings only set up their own state when imported).
    sideEffects: ["./bundler.js", "./node.js", "./element.js"],
    files: FILES,
    engines: { node: ">=20" },
  };
  writeFileSync(join(pkg, "package.json"), JSON.stringify(ordered, null, 2) + "\n");
  console.log("✓ pkg/ built");
  // The stand-in's npm package, takecontrol-mock, into mock/pkg/.
  await buildMockPackage();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await build();
