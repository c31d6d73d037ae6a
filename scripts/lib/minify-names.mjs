// Short names between the .wasm and its JS bindings, the way Emscripten
// ships its modules: wasm-bindgen names every import after the function and
// a hash (`__wbg_status_58c65afd7a1c2a91`), from modules named after files
// (`./snippets/takecontrol-session-<hash>/js/call.js`). Those names are
// written twice, in the .wasm and in the bindings, and random hex does not
// compress. binaryen's minify pass renames the imports, their module and the
// exports to one or two letters and prints the mapping; this applies the
// same mapping to the bindings (init() still resolves with the exports under
// their own names), and checks that every
// name it renames is found where expected, so a change in wasm-bindgen's
// output stops the build instead of shipping a module that cannot link.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { must, root } from "./run.mjs";

/** The wasm-opt features the release build is optimized with (Cargo.toml's wasm-opt flags). */
function features() {
  const flags = readFileSync(join(root, "Cargo.toml"), "utf8").match(/--enable-[\w-]+/g);
  if (!flags) throw new Error("Cargo.toml names no --enable-* wasm-opt flags");
  return [...new Set(flags)];
}

const escape = (name) => name.replace(/[$]/g, "\\$");

/** `text` with `pattern` replaced, checking how many times it matched. */
function replaceCounted(text, pattern, replacement, expect, what) {
  const found = text.match(pattern)?.length ?? 0;
  if (!expect(found)) throw new Error(`minify-names: ${what} found ${found} times`);
  return text.replace(pattern, replacement);
}

/**
 * Renames the imports, import modules and exports of `pkg/<name>_bg.wasm`
 * and rewrites `pkg/<name>.js` (the bindings, before bundling) to match.
 */
export async function minifyNames(pkg, name) {
  const wasmFile = join(pkg, `${name}_bg.wasm`);
  const { output } = await must(
    "wasm-opt",
    [wasmFile, ...features(), "--minify-imports-and-exports-and-modules", "-o", wasmFile],
    { capture: true, quiet: true },
  );
  const mapping = JSON.parse(output.slice(output.indexOf("{")));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile))).map((i) => i.module));
  if (modules.size !== 1) throw new Error(`minify-names: expected one import module, found ${[...modules]}`);
  const [module] = modules;

  const jsFile = join(pkg, `${name}.js`);
  let js = readFileSync(jsFile, "utf8");
  // Namespace imports of the js/ snippets: module path -> the variable holding it.
  const namespaces = new Map();
  for (const [, variable, path] of js.matchAll(/import \* as (\w+) from "([^"]+)"/g)) {
    if (!namespaces.has(path)) namespaces.set(path, variable);
  }
  const fromSnippets = [];
  for (const [from, original, short] of mapping.imports) {
    if (from === `./${name}_bg.js`) {
      // A function the bindings define: rename its key in the import object.
      js = replaceCounted(js, new RegExp(`\\b${escape(original)}(?=: function)`, "g"), short, (n) => n === 1, original);
    } else {
      const namespace = namespaces.get(from);
      if (!namespace) throw new Error(`minify-names: no namespace import of ${from}`);
      fromSnippets.push(`${short}: ${namespace}.${original},`);
    }
  }
  js = replaceCounted(js, /const import0 = \{\n\s*__proto__: null,/g, (head) => `${head}\n${fromSnippets.join("\n")}`, (n) => n === 1, "import0");
  js = replaceCounted(
    js,
    /return \{\n\s*__proto__: null,\n(\s*"[^"]+": import\d+,\n)+\s*\};/g,
    `return { __proto__: null, ${JSON.stringify(module)}: import0 };`,
    (n) => n === 1,
    "the import object",
  );

  for (const [original, short] of mapping.exports) {
    js = js.replace(new RegExp(`\\bwasm\\.${escape(original)}\\b`, "g"), `wasm.${short}`);
  }
  // What init() and initSync() resolve with is the module's memory under its
  // own name (InitOutput in the declarations, which scripts/build.mjs trims
  // to it): the other exports are the bindings' internals, which they call
  // by the short names.
  const memory = mapping.exports.find(([original]) => original === "memory");
  if (!memory) throw new Error("minify-names: the module exports no memory");
  js = replaceCounted(js, /\bwasm = instance\.exports;/g, (line) => `${line}\n    wasmExports = { memory: wasm.${memory[1]} };`, (n) => n === 1, "wasm = instance.exports");
  js = replaceCounted(js, /\breturn wasm;/g, "return wasmExports;", (n) => n === 3, "return wasm");
  js = replaceCounted(js, /\nlet wasmModule, wasmInstance, wasm;/g, "\nlet wasmModule, wasmInstance, wasm, wasmExports;", (n) => n === 1, "let wasm");
  // Every export the bindings use must have been renamed.
  const shorts = new Set(mapping.exports.map(([, short]) => short));
  const left = [...js.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]).filter((used) => !shorts.has(used));
  if (left.length) throw new Error(`minify-names: the bindings still use ${[...new Set(left)]}`);
  writeFileSync(jsFile, js);
}
