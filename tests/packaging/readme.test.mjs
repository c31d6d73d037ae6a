// The READMEs: README.md (the repository's, for users) and js/README.md (the
// npm package's). Their snippets are copies of tested examples: each block
// marked `<!-- example: PATH -->` must be a run of whole, consecutive lines
// of that file, so that an edit to one without the other fails here. And
// README.md stays the user's document, and short: contributor material goes
// to ARCHITECTURE.md and CONTRIBUTING.md, the reference of a call used less
// to docs/; js/README.md holds nothing that only the repository has. Their
// links to the repository's files name files that exist.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { root } from "./lib.mjs";

/** The most lines README.md may have. */
const MAX_README_LINES = 450;

/** The ways in that each README must show, each from its tested example. */
const REQUIRED = [
  "examples/vite/src/index.js", // bundler (Vite; webpack builds the same file)
  "examples/plain/index.html", // plain page
  "examples/quickstart.mjs", // Node.js
  "examples/quickstart.cjs", // Node.js, CommonJS
  "examples/typescript/src/index.ts",
  "examples/plain/element.html", // the help form element, one tag
];
/** The main ways in, which a README quotes whole (their header comment aside). */
const QUOTED_WHOLE = REQUIRED.slice(0, 4);

const read = (name) => readFileSync(join(root, name), "utf8");
const lineCount = (text) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** The blocks of `text` marked `<!-- example: PATH -->`, each with its path. */
function quotedExamples(text) {
  return [...text.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)\n```\n/g)].map((m) => ({
    path: m[1],
    block: m[2],
  }));
}

/** The tests every README gets: each way in quoted, each quote a copy of its file. */
function checkQuotes(name) {
  const text = read(name);
  const quoted = quotedExamples(text);

  test(`${name} quotes an example for each way in`, () => {
    const paths = quoted.map((q) => q.path);
    for (const path of REQUIRED) assert.ok(paths.includes(path), `${name} quotes no block from ${path}`);
    assert.equal(
      (text.match(/<!-- example: /g) ?? []).length,
      quoted.length,
      `every example marker in ${name} is followed by a fenced block`,
    );
  });

  for (const { path, block } of quoted) {
    test(`${name}'s copy of ${path} matches the file`, () => {
      assert.ok(existsSync(join(root, path)), `${path} does not exist`);
      const file = read(path).split("\n");
      const lines = block.split("\n");
      const at = file.findIndex((_, i) => lines.every((line, j) => file[i + j] === line));
      assert.ok(at >= 0, `${name}'s block is not a copy of consecutive lines of ${path}: update one or the other`);
      if (QUOTED_WHOLE.includes(path)) {
        const rest = file.filter((line, i) => (i < at || i >= at + lines.length) && line.trim() !== "");
        assert.ok(
          rest.every((line) => /^\s*\/\//.test(line)),
          `${name} quotes only part of ${path}; left out:\n${rest.join("\n")}`,
        );
      }
    });
  }
}

checkQuotes("README.md");

test(`README.md is at most ${MAX_README_LINES} lines`, () => {
  const lines = lineCount(read("README.md"));
  assert.ok(lines <= MAX_README_LINES, `README.md is ${lines} lines: move contributor material to ARCHITECTURE.md or CONTRIBUTING.md`);
});

test("README.md links to ARCHITECTURE.md and CONTRIBUTING.md, which exist", () => {
  const readme = read("README.md");
  for (const name of ["ARCHITECTURE.md", "CONTRIBUTING.md"]) {
    assert.ok(existsSync(join(root, name)), `${name} does not exist`);
    assert.match(readme, new RegExp(`\\]\\((\\./)?${name.replace(".", "\\.")}(#[^)]*)?\\)`), `README.md does not link to ${name}`);
  }
});

test("js/README.md, the npm package's README, exists", () => {
  assert.ok(existsSync(join(root, "js", "README.md")), "js/README.md does not exist");
});

if (existsSync(join(root, "js", "README.md"))) {
  checkQuotes("js/README.md");

  test("js/README.md is shorter than README.md and has nothing only the repository has", () => {
    const text = read("js/README.md");
    assert.ok(lineCount(text) < lineCount(read("README.md")), "js/README.md is not shorter than README.md");
    for (const command of ["npm start", "npm test"]) assert.ok(!text.includes(command), `js/README.md mentions \`${command}\``);
    // The example markers name the repository's files; what a reader sees must not.
    const shown = text.replace(/<!-- example: \S+ -->/g, "");
    assert.ok(!shown.includes("examples/"), "js/README.md names examples/, which the package does not hold");
  });
}

/** How js/README.md links to a file of the repository: Cargo.toml's repository, its main branch. */
const REPOSITORY = `${/^repository = "([^"]+)"/m.exec(read("Cargo.toml"))[1]}/blob/main/`;

test("the READMEs' links to the repository's files (docs/ and others) name files that exist", () => {
  const targets = [
    ...[...read("README.md").matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]),
    ...[...(existsSync(join(root, "js", "README.md")) ? read("js/README.md") : "").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((url) => url.startsWith(REPOSITORY))
      .map((url) => url.slice(REPOSITORY.length)),
  ];
  assert.ok(targets.includes("docs/history.md") && targets.includes("docs/ticket.md"), `the READMEs link to ${targets}`);
  for (const target of targets) assert.ok(existsSync(join(root, target)), `${target} does not exist`);
  for (const doc of ["docs/history.md", "docs/ticket.md"]) {
    for (const [, target] of read(doc).matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)) {
      assert.ok(existsSync(join(root, "docs", target)), `${doc} links to ${target}, which does not exist`);
    }
  }
});
