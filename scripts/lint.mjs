// `npm run lint` (and the lint suite of `npm test`): formatting, clippy with
// warnings as errors for every way the crate is built (native workspace,
// the shipped no_std wasm module, the wasm tests), the docs with warnings
// as errors, and a check that every public item's docs show an example.
// Each check counts as one test; the last line is "N passed, M failed".
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { root, run } from "./lib/run.mjs";

const WASM = "wasm32-unknown-unknown";

const COMMANDS = [
  ["cargo", ["fmt", "--all", "--check"]],
  ["cargo", ["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]],
  ["cargo", ["clippy", "-p", "takecontrol-session", "--target", WASM, "--no-default-features", "--", "-D", "warnings"]],
  ["cargo", ["clippy", "-p", "takecontrol-session", "--target", WASM, "--tests", "--", "-D", "warnings"]],
  [
    "cargo",
    ["doc", "--no-deps", "-p", "takecontrol-session", "--target", WASM, "--no-default-features"],
    { RUSTDOCFLAGS: "-D warnings" },
  ],
];

/**
 * The public items of the crate that rustdoc expects an example for (as
 * its `--show-coverage` counts them: functions, methods of inherent impls,
 * structs, enums, traits, unions; not modules, constants, fields or trait
 * impls), each with whether its doc comment holds a code block. Only the
 * modules reachable through `pub mod` from src/lib.rs are rendered, so only
 * those are read. A stable stand-in for the nightly-only
 * `rustdoc::missing_doc_code_examples` lint.
 */
export function documentedExamples(src = join(root, "src")) {
  const items = [];
  const visit = (file) => {
    const lines = readFileSync(file, "utf8").split("\n");
    let inherentImpl = false;
    for (const [index, line] of lines.entries()) {
      if (/^#\[cfg\(test\)\]/.test(line)) break; // the unit tests close every file here
      if (/^impl\b/.test(line)) inherentImpl = !/\bfor\b/.test(line);
      else if (/^\S/.test(line) && !/^(#|\/\/|})/.test(line)) inherentImpl = false;
      const module = /^pub mod (\w+);/.exec(line);
      if (module) {
        const base = join(file, "..", file.endsWith("lib.rs") || file.endsWith("mod.rs") ? "" : file.slice(0, -3).split("/").pop());
        const next = [join(base, `${module[1]}.rs`), join(base, module[1], "mod.rs")].find(existsSync);
        if (!next) throw new Error(`${relative(root, file)}: cannot find the file of pub mod ${module[1]}`);
        visit(next);
        continue;
      }
      const item =
        /^pub (?:const |async |unsafe )*(fn|struct|enum|trait|union) (\w+)/.exec(line) ??
        (inherentImpl ? /^ {4}pub (?:const |async |unsafe )*(fn) (\w+)/.exec(line) : null);
      if (!item) continue;
      // The doc comment above the item, above its attributes.
      let above = index - 1;
      while (above >= 0 && /^\s*#\[/.test(lines[above])) above -= 1;
      const docs = [];
      while (above >= 0 && /^\s*\/\/\//.test(lines[above])) docs.push(lines[above--]);
      items.push({
        item: `${relative(root, file)}:${index + 1} ${item[1]} ${item[2]}`,
        documented: docs.length > 0,
        example: docs.some((doc) => /^\s*\/\/\/\s*```/.test(doc)),
      });
    }
  };
  visit(join(src, "lib.rs"));
  return items;
}

export async function lint() {
  const results = [];
  for (const [command, args, env] of COMMANDS) {
    const line = `${env ? Object.entries(env).map(([k, v]) => `${k}="${v}" `).join("") : ""}${command} ${args.join(" ")}`;
    console.log(`\n▶ ${line}`);
    const { code } = await run(command, args, { env, timeoutMs: 15 * 60_000 });
    results.push({ line, ok: code === 0 });
  }

  console.log("\n▶ every public item's docs show an example");
  const items = documentedExamples();
  const missing = items.filter((i) => !i.example);
  for (const i of missing) console.log(`  no example: ${i.item}`);
  console.log(`  ${items.length - missing.length} of ${items.length} public items have an example`);
  results.push({ line: "doc examples on every public item", ok: items.length > 0 && missing.length === 0 });

  console.log("");
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.line}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`\n${passed} passed, ${results.length - passed} failed`);
  return results.every((r) => r.ok);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit((await lint()) ? 0 : 1);
