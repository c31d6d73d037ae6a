// The TypeScript declarations: a consumer compiled with `tsc --strict
// --noEmit` against the package installed from the tarball (its
// `@ts-expect-error` lines prove the types catch each mistake), and the
// declarations checked against the code that reads the options (js/options.js,
// and src/options.rs's slots) and builds the results, so that they cannot
// drift apart unnoticed.
//
// The declarations are hand-written in src/typescript.rs (a wasm-bindgen
// `typescript_custom_section`), because the options are read against the
// schemas of js/options.js (src/options.rs takes their values by position),
// not through serde structs that tsify could describe, and because tsify's
// `js` feature would bring serde and serde-wasm-bindgen back into the
// .wasm. The drift checks below read the names (and, for options, the
// types) the code accepts and produces, and compare them both ways with
// the shipped .d.ts.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, test } from "node:test";
import { must, pkg, project, root, run, tools } from "./lib.mjs";

// ---------------------------------------------------------------- tsc

let dir;
before(async () => {
  dir = await project("typescript");
});

const tsc = (args) => run(process.execPath, [tools.tsc, "-p", ".", "--strict", "--noEmit", "--pretty", "false", ...args], { cwd: dir });

test("examples/typescript compiles with tsc --strict --noEmit (module nodenext) against the installed package", async () => {
  const { code, stdout, stderr } = await tsc([]);
  assert.equal(code, 0, stdout + stderr);
});

test("...and with moduleResolution bundler, as Vite and webpack projects set it", async () => {
  const { code, stdout, stderr } = await tsc(["--module", "esnext", "--moduleResolution", "bundler"]);
  assert.equal(code, 0, stdout + stderr);
});

test("each @ts-expect-error line is the mistake it names: without the directives, tsc reports exactly those", async () => {
  const file = join(dir, "src", "index.ts");
  const source = readFileSync(file, "utf8");
  const lines = source.split("\n");
  const expected = lines
    .map((line, index) => (/^\s*\/\/ @ts-expect-error/.test(line) ? index + 2 : null)) // the next line, 1-based
    .filter(Boolean);
  assert.ok(expected.length >= 3);
  try {
    writeFileSync(file, source.replace(/\/\/ @ts-expect-error/g, "// (directive removed)"));
    const { code, stdout } = await tsc([]);
    assert.notEqual(code, 0);
    const errors = [...stdout.matchAll(/^src\/index\.ts\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
      line: Number(m[1]),
      code: m[2],
      text: m[3],
    }));
    assert.deepEqual(
      errors.map((e) => e.line),
      expected,
      stdout,
    );
    const at = (pattern) => errors.find((e) => pattern.test(lines[e.line - 1]));
    // A misspelled option: an unknown property of CreateSessionOptions.
    assert.match(at(/customer_name:/).text, /'customer_name' does not exist in type 'CreateSessionOptions'/);
    // A wrong type.
    assert.match(at(/departmentId: "12"/).text, /Type 'string' is not assignable to type 'number'/);
    // An unknown error code, compared and switched on.
    assert.match(at(/=== "rateLimited"/).text, /types 'ErrorCode' and '"rateLimited"' have no overlap/);
    assert.match(at(/case "not_found"/).text, /'"not_found"' is not comparable to type 'ErrorCode'/);
  } finally {
    writeFileSync(file, source);
  }
});

// ---------------------------------------------------------------- drift

const rust = (path) => readFileSync(join(root, "src", path), "utf8");
const dts = () =>
  ["takecontrol_session.d.ts", "errors.d.ts"].map((file) => readFileSync(join(pkg, file), "utf8")).join("\n");

/** The Rust function `name` in `source`, up to its closing brace (at the indentation of its `fn`). */
function rustFn(source, name) {
  const m = new RegExp(`^( *)(?:pub )?fn ${name}\\b`, "m").exec(source);
  assert.ok(m, `fn ${name} not found: update this test to the code`);
  const end = source.indexOf(`\n${m[1]}}\n`, m.index);
  return source.slice(m.index, end);
}

/** Removes comments and blanks nested `{...}` so that only top-level members remain. */
function topLevel(body) {
  let text = body.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  let previous;
  do {
    previous = text;
    text = text.replace(/\{[^{}]*\}/g, "{}");
  } while (text !== previous);
  return text;
}

/** The members of `export interface name` (with those of the interfaces it extends): name -> type text. */
function members(source, name) {
  const start = source.search(new RegExp(`export (?:declare )?(?:interface|class) ${name}\\b`));
  assert.ok(start >= 0, `${name} is not declared`);
  const head = source.slice(start, source.indexOf("{", start));
  const open = start + head.length;
  let depth = 0;
  let end = open;
  for (; end < source.length; end++) {
    if (source[end] === "{") depth++;
    if (source[end] === "}" && --depth === 0) break;
  }
  const body = source.slice(open + 1, end);
  const result = new Map();
  for (const parent of /extends ([\w, ]+)/.exec(head)?.[1].split(",").map((s) => s.trim()) ?? []) {
    if (parent === "Error") continue;
    for (const [k, v] of members(source, parent)) result.set(k, v);
  }
  // Names from the top level; type texts from the original body, nested objects kept.
  const code = body.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const m of topLevel(body).matchAll(/^\s*(?:readonly\s+)?(\w+)(\??):/gm)) {
    const at = new RegExp(`^\\s*(?:readonly\\s+)?${m[1]}\\??:`, "m").exec(code);
    let depth = 0;
    let end = at.index + at[0].length;
    for (; end < code.length; end++) {
      if (code[end] === "{") depth++;
      else if (code[end] === "}") depth--;
      else if (code[end] === ";" && depth === 0) break;
    }
    const type = code.slice(at.index + at[0].length, end).trim().replace(/\s+/g, " ");
    result.set(m[1], { optional: m[2] === "?", type });
  }
  return result;
}

/** The string members of `export type name = "a" | "b" ...;`. */
function union(source, name) {
  const m = new RegExp(`export type ${name} =([^;]+);`).exec(source);
  assert.ok(m, `type ${name} is not declared`);
  return [...m[1].matchAll(/"([^"]+)"/g)].map((s) => s[1]).sort();
}

const sorted = (iterable) => [...iterable].sort();

/** The TypeScript type of each option type of js/options.js. */
const OPTION_TYPES = {
  s: "string",
  n: "number",
  b: "boolean",
  a: "AbortSignal",
  d: "Date | string",
  v: "HistoryVar[]",
};

/**
 * Checks the options of a js/options.js schema against a declared
 * interface: the same names both ways, each of the declared type, optional
 * but for the key. A nested object's members are checked against `nested`.
 */
function sameOptions(schema, declared, label, nested = {}) {
  assert.deepEqual(sorted(declared.keys()), sorted(Object.keys(schema)), `${label}: the option names differ between js/options.js and the .d.ts`);
  for (const [name, type] of Object.entries(schema)) {
    const member = declared.get(name);
    assert.ok(member.optional || /^(publicKey|privateKey)$/.test(name), `${label}.${name} should be optional`);
    if (typeof type === "string") {
      assert.equal(member.type, OPTION_TYPES[type], `${label}.${name}: js/options.js reads it as "${type}"`);
    } else {
      assert.ok(nested[name], `${label}.${name}: a nested object this test does not know`);
      nested[name](type, member);
    }
  }
}

/** rateLimit's members, declared inline as `{ requests: number; perSeconds: number }`. */
function rateLimit(schema, member) {
  const declared = new Map(
    [...member.type.matchAll(/(\w+)(\??): (\w+)/g)].map((m) => [m[1], { optional: m[2] === "?", type: m[3] }]),
  );
  assert.deepEqual(sorted(declared.keys()), sorted(Object.keys(schema)), "rateLimit's fields");
  for (const [name, type] of Object.entries(schema)) assert.equal(declared.get(name).type, OPTION_TYPES[type], `rateLimit.${name}`);
}

// The options each function takes, as js/options.js reads them (it is
// bundled into the package; here it is imported from the repository).
const { SCHEMAS } = await import(pathToFileURL(join(root, "js", "options.js")).href);

test("drift: createSession's options are exactly those js/options.js reads, with the same types", () => {
  sameOptions(SCHEMAS[0], members(dts(), "CreateSessionOptions"), "CreateSessionOptions", { rateLimit });
});

test("drift: getSessionHistory's options and filters are exactly those js/options.js reads", () => {
  const filters = (schema, member) => {
    assert.equal(member.type, "HistoryFilters");
    sameOptions(schema, members(dts(), "HistoryFilters"), "HistoryFilters");
  };
  sameOptions(SCHEMAS[1], members(dts(), "SessionHistoryOptions"), "SessionHistoryOptions", { rateLimit, filters });
});

test("drift: src/options.rs reads each schema of js/options.js by its number", () => {
  const options = rust("options.rs");
  const schema = (name) => Number(new RegExp(`const ${name}: u8 = (\\d+);`).exec(options)?.[1]);
  assert.ok(SCHEMAS[schema("SESSION")].publicKey, "SESSION is createSession's schema");
  assert.ok(SCHEMAS[schema("HISTORY")].privateKey, "HISTORY is getSessionHistory's schema");
});

/** A schema's slots in order: `[name, type]`, a nested object's own slot ("object") then its members'. */
function slotsOf(schema, prefix = "") {
  return Object.entries(schema).flatMap(([name, type]) =>
    typeof type === "string" ? [[prefix + name, type]] : [[prefix + name, "object"], ...slotsOf(type, `${prefix}${name}.`)],
  );
}

test("drift: src/options.rs takes every option from its slot in js/options.js, with the matching reader", () => {
  const source = rust("options.rs");
  // The slot constants, e.g. `const OWN: u32 = 8;` and `const FIRST_FILTER: u32 = OWN + 2;`.
  const slotOf = {};
  for (const m of source.matchAll(/const (\w+): u32 = (\w+)(?: \+ (\d+))?;/g)) {
    slotOf[m[1]] = (slotOf[m[2]] ?? Number(m[2])) + Number(m[3] ?? 0);
  }
  const camel = (snake) => snake.replace(/_(\w)/g, (_, letter) => letter.toUpperCase());
  const READERS = { string: "s", number: "n", flag: "b", date: "d" };
  const SPECIAL = {
    key: /^(publicKey|privateKey)$/,
    rate_limit_given: /^rateLimit$/,
    rate_limit_requests: /^rateLimit\.requests$/,
    rate_limit_per_seconds: /^rateLimit\.perSeconds$/,
  };
  for (const [fn, schema] of [
    ["read_session_options", SCHEMAS[0]],
    ["read_history_options", SCHEMAS[1]],
  ]) {
    const slots = slotsOf(schema);
    const body = rustFn(source, fn) + rustFn(source, "call");
    const read = new Set();
    for (const [, field, reader, base, offset] of body.matchAll(/(\w+): (?:slots|self)\.(string|number|flag|date)\((\w+)(?: \+ (\d+))?\)/g)) {
      const slot = slotOf[base] + Number(offset ?? 0);
      const [name, type] = slots[slot] ?? [];
      assert.match(name ?? "(none)", SPECIAL[field] ?? new RegExp(`(^|\\.)${camel(field)}$`), `${fn}: ${field} reads slot ${slot}`);
      if (field !== "rate_limit_given") assert.equal(type, READERS[reader], `${fn}: ${field} is read as ${reader}`);
      read.add(slot);
    }
    const signal = /signal: Some\(self\.get\((\w+)\)\)/.exec(body);
    assert.deepEqual(slots[slotOf[signal?.[1]]], ["signal", "a"], "signal's slot");
    read.add(slotOf[signal[1]]);
    if (schema.vars) {
      const vars = /let vars = slots\.get\((\w+)\)/.exec(body);
      assert.deepEqual(slots[slotOf[vars?.[1]]], ["vars", "v"], "vars' slot");
      read.add(slotOf[vars[1]]);
    }
    // Every option is read; of the nested objects only rateLimit's own slot (was it given).
    const unread = slots.filter(([name, type], slot) => !read.has(slot) && !(type === "object" && name !== "rateLimit"));
    assert.deepEqual(unread, [], `${fn} leaves slots unread`);
  }
});

test("drift: ErrorCode is exactly the codes of src/error.rs, and TakeControlError's fields those of js/errors.js", () => {
  const error = rust("error.rs");
  const codes = [...rustFn(error, "as_str").matchAll(/ErrorCode::\w+ => "(\w+)"/g)].map((m) => m[1]);
  const variants = /pub enum ErrorCode \{([^}]*)\}/.exec(error)[1].replace(/\/\/\/.*$/gm, "").match(/\w+/g);
  assert.equal(codes.length, variants.length, "every ErrorCode variant has its string");
  assert.deepEqual(union(dts(), "ErrorCode"), sorted(codes));

  const errorsJs = readFileSync(join(root, "js", "errors.js"), "utf8");
  const extra = JSON.parse(/for \(const name of (\[[^\]]*\])\)/.exec(errorsJs)[1].replace(/'/g, '"'));
  const declared = members(dts(), "TakeControlError");
  assert.deepEqual(sorted(declared.keys()), sorted(["name", "code", ...extra]));
  assert.equal(declared.get("code").type, "ErrorCode");
  assert.equal(declared.get("name").type, '"TakeControlError"');
  assert.deepEqual(sorted(members(dts(), "TakeControlErrorFields").keys()), sorted(extra));
  for (const name of extra) assert.ok(declared.get(name).optional, `${name} is present only when it applies`);
});

test("drift: the result types hold exactly the fields the Rust code sets", () => {
  // createSession's objects are built by js/results.js, from values Rust
  // reads and checks (src/session.rs): one argument per field.
  const results = readFileSync(join(root, "js", "results.js"), "utf8");
  const builder = (name) => {
    const match = new RegExp(`export function ${name}\\(([^)]*)\\)\\s*{\\s*return\\s*{([^}]*)}`).exec(results);
    assert.ok(match, `js/results.js has no ${name}(): update this test`);
    const split = (list) => list.split(",").map((item) => item.trim()).filter(Boolean);
    assert.deepEqual(split(match[2]), split(match[1]), `${name}() returns exactly its parameters`);
    return split(match[2]);
  };
  assert.deepEqual(sorted(members(dts(), "Session").keys()), sorted(builder("session")));
  assert.deepEqual(sorted(members(dts(), "QueuedRequest").keys()), sorted(builder("queuedRequest")));
  const session = rust("session.rs");
  const queuedArgs = /queued_request_object\(([\s\S]*?)\)\)/.exec(rustFn(session, "queued_request"));
  assert.ok(queuedArgs, "session.rs no longer calls queued_request_object: update this test");
  assert.equal(queuedArgs[1].split(",").filter((arg) => arg.trim()).length, builder("queuedRequest").length);

  // getSessionHistory's object, and validateSessionRequest's items, the same way.
  assert.deepEqual(sorted(members(dts(), "SessionHistory").keys()), sorted(builder("history")));
  assert.match(rust("history/mod.rs"), /history_object\(&sessions, &envelope\.raw\)/, "history/mod.rs builds the history with history(): update this test");
  assert.deepEqual(sorted(members(dts(), "FieldError").keys()), sorted(builder("fieldError")));
  assert.match(rust("error.rs"), /field_error_object\(&self\.field, &self\.message\)/, "error.rs builds a field error with fieldError(): update this test");

  // One record field per documented var (typed by its kind), and `raw`.
  const query = rust("history/query.rs");
  const vars = [...query.matchAll(/var\(\s*"([A-Z_]+)",\s*"[a-z_]+",\s*"(\w+)",\s*VarKind::(\w+),?\s*\)/g)];
  assert.equal(vars.length, Number(/pub const VARS: \[Var; (\d+)\]/.exec(query)[1]), "every var of VARS was read");
  assert.deepEqual(union(dts(), "HistoryVar"), sorted(vars.map((m) => m[1])));
  const records = rust("history/records.rs");
  assert.match(records, /put\(&session, "raw", record\)/);
  const record = members(dts(), "SessionRecord");
  assert.deepEqual(sorted(record.keys()), sorted([...vars.map((m) => m[2]), "raw"]));
  const KIND = { Integer: "number | null", Text: "string | null", Flag: "boolean | null", DateTime: "Date | null" };
  for (const [, , jsKey, kind] of vars) assert.equal(record.get(jsKey).type, KIND[kind], `SessionRecord.${jsKey}`);
});

test("drift: every type the exported functions name is declared", () => {
  const lib = rust("lib.rs");
  const named = [...lib.matchAll(/unchecked_(?:param|return)_type = "([^"]+)"/g)].flatMap((m) => m[1].match(/[A-Z]\w+/g));
  const source = dts();
  for (const name of new Set(named)) {
    if (name === "Promise") continue;
    assert.match(source, new RegExp(`export (?:interface|type|declare class) ${name}\\b`), name);
  }
  for (const fn of ["createSession", "validateSessionRequest", "getSessionHistory"]) {
    assert.match(source, new RegExp(`export function ${fn}\\(`), fn);
  }
});
