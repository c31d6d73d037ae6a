// The tarball an integrator downloads: `npm pack` of pkg/, its exact file
// list (no sources, no tests, no target/), installed into a fresh project,
// and the package.json fields every toolchain reads.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pack, project, root } from "./lib.mjs";

const NAME = "takecontrol_session";

/** The help form element's languages: English is bundled into element.js, and ships on its own too. */
const LANGUAGES = ["de", "en", "es", "fr", "it", "nl", "pt-BR"];

/**
 * What ships: the hand-written JS modules of js/ are bundled into the
 * bindings; the help form element (element.js, its styles and English words
 * bundled in) and each language's words beside it in messages/.
 */
const EXPECTED = [
  "CHANGELOG.md",
  "LICENSE-APACHE",
  "LICENSE-MIT",
  "README.md",
  "SECURITY.md",
  "bundler.js",
  "element.d.ts",
  "element.js",
  "errors.d.ts",
  "full.d.ts",
  "full.js",
  "index.d.ts",
  "index.js",
  ...LANGUAGES.map((language) => `messages/${language}.js`),
  "node.js",
  "package.json",
  `${NAME}.d.ts`,
  `${NAME}_bg.wasm`,
  `${NAME}_full.d.ts`,
  `${NAME}_full_bg.wasm`,
];

let installed;
/** The package as installed from the tarball: its folder and package.json. */
async function install() {
  if (!installed) {
    const dir = join(await project(), "node_modules", "takecontrol-session");
    installed = { dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) };
  }
  return installed;
}

test("npm pack ships exactly the package's files: no sources, tests or build folders", async () => {
  const { files, size, unpackedSize } = await pack();
  console.log(`tarball: ${files.length} files, ${size} B packed, ${unpackedSize} B unpacked\n  ${files.join("\n  ")}`);
  assert.deepEqual(files, [...EXPECTED].sort());
  for (const file of files) {
    assert.doesNotMatch(file, /(^|\/)(src|tests?|target|node_modules|examples|mock|e2e|www|bench|scripts)\//, file);
    assert.doesNotMatch(file, /\.(rs|toml|lock|map|tgz)$|\.test\./, file);
  }
  // The whole package stays small: the .wasm is most of it.
  assert.ok(size < 100_000, `the tarball is ${size} B`);
});

test("the installed package's README is the one written for package users, not the repository's", async () => {
  const { dir } = await install();
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  assert.equal(readme, readFileSync(join(root, "js", "README.md"), "utf8"));
  assert.notEqual(readme, readFileSync(join(root, "README.md"), "utf8"));
});

test("the tarball installs into a fresh project with the files it listed", async () => {
  const { files } = await pack();
  const { dir } = await install();
  const on = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();
  assert.deepEqual(on, files);
});

test("package.json: the published metadata, matching Cargo.toml", async () => {
  const { manifest } = await install();
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  const field = (name) => new RegExp(`^${name} = "([^"]*)"`, "m").exec(cargo)?.[1];
  assert.equal(manifest.name, "takecontrol-session");
  assert.equal(manifest.version, field("version"));
  assert.equal(manifest.description, field("description"));
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.equal(manifest.license, field("license"));
  assert.equal(manifest.repository.url, field("repository"));
  assert.equal(manifest.homepage, `${field("repository")}#readme`);
  assert.equal(manifest.bugs.url, `${field("repository")}/issues`);
  for (const keyword of JSON.parse(`[${/^keywords = \[(.*)\]/m.exec(cargo)[1]}]`)) {
    assert.ok(manifest.keywords.includes(keyword), `keyword ${keyword}`);
  }
  assert.equal(manifest.type, "module");
  assert.deepEqual(manifest.engines, { node: ">=20" });
  assert.deepEqual(manifest.dependencies ?? {}, {}, "the package has no dependencies");
});

test("package.json exports: node gets the full build, a bundler the visitor build; ./web; ./full; ./element; types before each default", async () => {
  const { manifest } = await install();
  assert.deepEqual(manifest.exports, {
    ".": { node: { types: "./full.d.ts", default: "./node.js" }, types: "./index.d.ts", default: "./bundler.js" },
    "./web": { types: "./index.d.ts", default: "./index.js" },
    "./full": { types: "./full.d.ts", default: "./full.js" },
    "./element": { types: "./element.d.ts", default: "./element.js" },
    "./package.json": "./package.json",
  });
  // Object key order is the condition order: `types` must come before the `default` it types.
  const objects = (target) => (typeof target === "object" ? [target, ...Object.values(target).flatMap(objects)] : []);
  for (const target of Object.values(manifest.exports).flatMap(objects)) {
    const keys = Object.keys(target);
    assert.ok(keys.indexOf("types") < keys.indexOf("default"), JSON.stringify(target));
  }
  assert.equal(manifest.types, "full.d.ts", "tools that do not read exports get main's types: node.js, the full build");
  assert.equal(manifest.main, "node.js");
  assert.equal(manifest.module, "bundler.js");
});

test("each build's bindings are one self-contained module, the entry itself, exporting the API and nothing else", async () => {
  const { dir } = await install();
  for (const [file, history] of [["index.js", false], ["full.js", true]]) {
    const code = readFileSync(join(dir, file), "utf8");
    // Bundled at build: no import of another file of the package is left.
    assert.doesNotMatch(code, /\bfrom\s*["']\.\.?\//, file);
    assert.doesNotMatch(code, /\bimport\s*\(/, file);
    const bindings = await import(join(dir, file));
    const api = ["TakeControlError", "createSession", "createTicket", "default", "initSync", "validateSessionRequest", "validateTicketRequest"];
    // (The class js/call.js drives, Call, stays inside.)
    assert.deepEqual(Object.keys(bindings).sort(), history ? [...api, "getSessionHistory"].sort() : api, file);
    assert.ok(new bindings.TakeControlError("network", "m") instanceof Error);
  }
});

test("package.json sideEffects names the modules that run code at import, and only those", async () => {
  const { dir, manifest } = await install();
  assert.deepEqual(manifest.sideEffects, ["./bundler.js", "./node.js", "./element.js"]);
  // The two entries that initialize themselves do run code at import...
  assert.match(readFileSync(join(dir, "bundler.js"), "utf8"), /^await init\(\);$/m);
  assert.match(readFileSync(join(dir, "node.js"), "utf8"), /^initSync\(/m);
  // ...and the element's defines <takecontrol-help> (minified: `<class>.define();` before its exports).
  assert.match(readFileSync(join(dir, "element.js"), "utf8"), /[;}]\w+\.define\(\);export\{/);
  // ...and the ones left out do not: they only define the bindings or hold words.
  for (const file of ["index.js", "full.js", ...LANGUAGES.map((language) => `messages/${language}.js`)]) {
    const code = readFileSync(join(dir, file), "utf8");
    assert.doesNotMatch(code, /^(await |init\(|initSync\()/m, file);
  }
  for (const language of LANGUAGES) {
    const code = readFileSync(join(dir, "messages", `${language}.js`), "utf8");
    assert.match(code, /^var \w+=\{[^]*\};export\{\w+ as default\};\s*$/, `messages/${language}.js is one object, exported`);
  }
});

test("package.json files lists only what ships, and every entry it names exists", async () => {
  const { dir, manifest } = await install();
  const { files } = await pack();
  for (const entry of manifest.files) {
    assert.ok(
      files.some((file) => file === entry || file.startsWith(entry.endsWith("/") ? entry : `${entry}/`)),
      `files names ${entry}, which is not in the tarball`,
    );
  }
  const targets = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...Object.values(manifest.exports).flatMap(function leaves(t) {
      return typeof t === "string" ? [t] : Object.values(t).flatMap(leaves);
    }),
  ];
  for (const target of targets) {
    assert.ok(files.includes(target.replace(/^\.\//, "")), `${target} is not in the tarball`);
  }
  assert.ok(readdirSync(dir).includes("LICENSE-MIT") && readdirSync(dir).includes("LICENSE-APACHE"));
  assert.equal(readFileSync(join(dir, "LICENSE-MIT"), "utf8"), readFileSync(join(root, "LICENSE-MIT"), "utf8"));
  assert.equal(readFileSync(join(dir, "CHANGELOG.md"), "utf8"), readFileSync(join(root, "CHANGELOG.md"), "utf8"));
});

test("no declaration file that ships says `any`", async () => {
  const { dir } = await install();
  const { files } = await pack();
  const declarations = files.filter((file) => file.endsWith(".d.ts"));
  assert.deepEqual(declarations, ["element.d.ts", "errors.d.ts", "full.d.ts", "index.d.ts", `${NAME}.d.ts`, `${NAME}_full.d.ts`]);
  for (const file of declarations) {
    // Comments are prose ("any characters"): only the code counts.
    const code = readFileSync(join(dir, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    const hits = code.split("\n").filter((line) => /\bany\b/.test(line));
    assert.deepEqual(hits, [], `${file} uses any`);
  }
});
