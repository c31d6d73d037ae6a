// Node.js with the package installed from its tarball: the examples import
// (and require) it by name and create a session against the stand-in; the
// help form element's entry imports without a DOM (server-side rendering).
import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { admin, apiBase, must, project, root } from "./lib.mjs";

let dir;
const env = { TAKECONTROL_API_BASE: apiBase };

before(async () => {
  dir = await project();
  for (const example of ["quickstart.mjs", "quickstart.cjs"]) {
    copyFileSync(join(root, "examples", example), join(dir, example));
  }
});

test("examples/quickstart.mjs imports the installed package by name and creates a session", async () => {
  await admin("POST", "reset");
  const { stdout } = await must(process.execPath, ["quickstart.mjs"], { cwd: dir, env });
  assert.match(stdout, /^You are number 1 in line; estimated wait: \d+ min\.$/m);
  const [request] = await admin("GET", "requests");
  assert.deepEqual(request.key, { kind: "public", matched: true });
  assert.equal(JSON.parse(request.body).customer_name, "John Doe");
});

test("examples/quickstart.cjs require()s it (Node.js 20.19+) and creates a session", async () => {
  await admin("POST", "reset");
  const { stdout } = await must(process.execPath, ["quickstart.cjs"], { cwd: dir, env });
  assert.equal(stdout.trim(), "You are number 1 in line.");
  assert.equal((await admin("GET", "requests")).length, 1);
});

test("in Node.js the name resolves to the installed node.js entry, from import and from require", async () => {
  const script = `import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    console.log(import.meta.resolve("takecontrol-session"));
    console.log(require.resolve("takecontrol-session"));
    console.log(import.meta.resolve("takecontrol-session/web"));
    console.log(import.meta.resolve("takecontrol-session/element"));`;
  writeFileSync(join(dir, "resolve.mjs"), script);
  const { stdout } = await must(process.execPath, ["resolve.mjs"], { cwd: dir });
  const [esm, cjs, web, element] = stdout.trim().split("\n");
  const installed = join(dir, "node_modules", "takecontrol-session");
  assert.equal(esm, `file://${join(installed, "node.js")}`);
  assert.equal(cjs, join(installed, "node.js"));
  assert.equal(web, `file://${join(installed, "index.js")}`);
  assert.equal(element, `file://${join(installed, "element.js")}`);
});

test("takecontrol-session/element imports in Node.js (no DOM): it throws nothing, defines nothing, and exports the class", async () => {
  const script = `const before = new Set(Reflect.ownKeys(globalThis));
    const element = await import("takecontrol-session/element");
    const added = Reflect.ownKeys(globalThis).filter((key) => !before.has(key)).map(String);
    const { TakeControlHelpElement } = element;
    console.log(JSON.stringify({
      added,
      customElements: typeof customElements,
      HTMLElement: typeof HTMLElement,
      exports: Object.keys(element).includes("TakeControlHelpElement"),
      type: typeof TakeControlHelpElement,
      define: typeof TakeControlHelpElement.define,
      defined: TakeControlHelpElement.define() === TakeControlHelpElement && TakeControlHelpElement.define("my-help") === TakeControlHelpElement,
    }));`;
  writeFileSync(join(dir, "element.mjs"), script);
  const { stdout, stderr } = await must(process.execPath, ["element.mjs"], { cwd: dir });
  assert.equal(stderr, "", "nothing written to stderr");
  assert.deepEqual(JSON.parse(stdout), {
    added: [],
    customElements: "undefined",
    HTMLElement: "undefined",
    exports: true,
    type: "function",
    define: "function",
    defined: true,
  });
});

test("an error from the installed package is its TakeControlError, with code and field", async () => {
  const script = `import { createSession, TakeControlError, validateSessionRequest } from "takecontrol-session";
    try {
      await createSession({ publicKey: "k", customer_name: "x" });
    } catch (error) {
      console.log(error instanceof TakeControlError, error instanceof Error, error.code, error.field);
    }
    console.log(JSON.stringify(validateSessionRequest({ publicKey: "k", customerEmail: "nope" })));`;
  writeFileSync(join(dir, "errors.mjs"), script);
  const { stdout } = await must(process.execPath, ["errors.mjs"], { cwd: dir });
  const [first, second] = stdout.trim().split("\n");
  assert.equal(first, "true true invalid_options customer_name");
  assert.deepEqual(JSON.parse(second).map((e) => e.field), ["customerEmail"]);
});
