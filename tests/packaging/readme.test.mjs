// The README's snippets are copies of tested examples: each block marked
// `<!-- example: PATH -->` must be a run of whole, consecutive lines of
// that file, so that an edit to one without the other fails here.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { root } from "./lib.mjs";

const readme = readFileSync(join(root, "README.md"), "utf8");
const quoted = [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)\n```\n/g)].map((m) => ({
  path: m[1],
  block: m[2],
}));

/** The ways in that the README must show, each from its tested example. */
const REQUIRED = [
  "examples/vite/src/index.js", // bundler (Vite; webpack builds the same file)
  "examples/plain/index.html", // plain page
  "examples/quickstart.mjs", // Node.js
  "examples/quickstart.cjs", // Node.js, CommonJS
  "examples/typescript/src/index.ts",
];

test("the README quotes an example for each way in", () => {
  const paths = quoted.map((q) => q.path);
  for (const path of REQUIRED) assert.ok(paths.includes(path), `README.md quotes no block from ${path}`);
  assert.equal(
    (readme.match(/<!-- example: /g) ?? []).length,
    quoted.length,
    "every example marker is followed by a fenced block",
  );
});

for (const { path, block } of quoted) {
  test(`README.md's copy of ${path} matches the file`, () => {
    assert.ok(existsSync(join(root, path)), `${path} does not exist`);
    const file = readFileSync(join(root, path), "utf8").split("\n");
    const lines = block.split("\n");
    const at = file.findIndex((_, i) => lines.every((line, j) => file[i + j] === line));
    assert.ok(at >= 0, `README.md's block is not a copy of consecutive lines of ${path}: update one or the other`);
    // The main ways in are quoted whole (their header comment aside).
    if (REQUIRED.slice(0, 4).includes(path)) {
      const rest = file.filter((line, i) => (i < at || i >= at + lines.length) && line.trim() !== "");
      assert.ok(
        rest.every((line) => /^\s*\/\//.test(line)),
        `README.md quotes only part of ${path}; left out:\n${rest.join("\n")}`,
      );
    }
  });
}
