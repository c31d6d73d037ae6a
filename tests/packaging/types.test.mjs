// The TypeScript declarations: a consumer compiled with `tsc --strict
// --noEmit` against the package installed from the tarball (its
// `@ts-expect-error` lines prove the types catch each mistake), and the
// declaration files (js/index.d.ts, js/errors.d.ts) checked against the
// code: the options each endpoint declares and reads, the error codes, the
// objects the code builds, and the names that cross the Rust/JS boundary,
// so that none of them can drift apart unnoticed.
//
// The declarations are written by hand rather than generated (tsify would
// bring serde and serde-wasm-bindgen into the .wasm, and the options are
// read through js/options.js, not serde structs). The checks below read
// the names (and, for options, the types) the code accepts and produces,
// and compare them both ways with the declarations.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  // index.ts (the functions, options and errors), element.ts (the help form element) and visitor.ts (the visitor build).
  const files = readdirSync(join(dir, "src")).filter((name) => name.endsWith(".ts")).sort();
  assert.deepEqual(files, ["element.ts", "index.ts", "visitor.ts"]);
  const sources = Object.fromEntries(files.map((name) => [name, readFileSync(join(dir, "src", name), "utf8")]));
  const lines = Object.fromEntries(files.map((name) => [name, sources[name].split("\n")]));
  const expected = files.flatMap((name) =>
    lines[name]
      .map((line, index) => (/^\s*\/\/ @ts-expect-error/.test(line) ? `${name}:${index + 2}` : null)) // the next line, 1-based
      .filter(Boolean),
  );
  assert.ok(expected.filter((at) => at.startsWith("index.ts")).length >= 3);
  assert.ok(expected.filter((at) => at.startsWith("element.ts")).length >= 1);
  try {
    for (const name of files) writeFileSync(join(dir, "src", name), sources[name].replace(/\/\/ @ts-expect-error/g, "// (directive removed)"));
    const { code, stdout } = await tsc([]);
    assert.notEqual(code, 0);
    const errors = [...stdout.matchAll(/^src\/([\w.]+\.ts)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
      file: m[1],
      line: Number(m[2]),
      code: m[3],
      text: m[4],
    }));
    assert.deepEqual(
      errors.map((e) => `${e.file}:${e.line}`),
      expected,
      stdout,
    );
    const at = (file, pattern) => errors.find((e) => e.file === file && pattern.test(lines[file][e.line - 1]));
    // A misspelled option: an unknown property of CreateSessionOptions.
    assert.match(at("index.ts", /customer_name:/).text, /'customer_name' does not exist in type 'CreateSessionOptions'/);
    // A wrong type.
    assert.match(at("index.ts", /departmentId: "12"/).text, /Type 'string' is not assignable to type 'number'/);
    // An unknown error code, compared and switched on.
    assert.match(at("index.ts", /=== "rateLimited"/).text, /types 'ErrorCode' and '"rateLimited"' have no overlap/);
    assert.match(at("index.ts", /case "not_found"/).text, /'"not_found"' is not comparable to type 'ErrorCode'/);
    // The element: a message key it does not have, and its event's detail typed as the Session.
    assert.match(at("element.ts", /noSuchKey/).text, /'noSuchKey' does not exist in type 'Partial<Record<MessageKey, Message>>'/);
    assert.match(at("element.ts", /queueLenght/).text, /Property 'queueLenght' does not exist on type 'Session'/);
    // The visitor build does not have getSessionHistory.
    assert.match(at("visitor.ts", /notOnThePage/).text, /has no exported member named 'getSessionHistory'|has no exported member 'getSessionHistory'/);
  } finally {
    for (const name of files) writeFileSync(join(dir, "src", name), sources[name]);
  }
});

// ---------------------------------------------------------------- drift

const source = (path) => readFileSync(join(root, path), "utf8");
const rust = (path) => source(join("src", path));
const DECLARATIONS = ["index.d.ts", "full.d.ts", "errors.d.ts"];
const dts = () => DECLARATIONS.map((file) => source(join("js", file))).join("\n");

test("the package ships the declaration files of js/ as they are", () => {
  for (const file of [...DECLARATIONS, "element.d.ts"]) assert.equal(readFileSync(join(pkg, file), "utf8"), source(join("js", file)), file);
});

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

/** The TypeScript type of each option type an endpoint declares (js/options.js's TYPES). */
const OPTION_TYPES = {
  string: "string",
  number: "number",
  boolean: "boolean",
  signal: "AbortSignal",
  date: "Date | string",
  names: "HistoryVar[]",
  id: "number | string",
};

/**
 * The options a Rust `declare_options! { name, name_JS = "..." }` declares,
 * parsed as js/options.js parses them: name -> type name, or a nested object.
 */
function declared(path, name) {
  const m = new RegExp(`\\b${name}, ${name}_JS = "([^"]+)"`).exec(rust(path));
  assert.ok(m, `${path} declares no ${name}: update this test to the code`);
  return JSON.parse(`{${m[1].replace(/\w+/g, '"$&"')}}`);
}
const CALL_OPTIONS = declared("call/options.rs", "CALL_OPTIONS");

test("js/options.js knows every option type the endpoints declare, and no other", async () => {
  const options = source("js/options.js");
  const types = /const TYPES = \{([^}]*)\}/.exec(options)[1].match(/^\s*(\w+):/gm).map((t) => t.trim().slice(0, -1));
  assert.deepEqual(sorted(types), sorted(Object.keys(OPTION_TYPES)));
});

/**
 * Checks the options an endpoint declares against a declared interface:
 * the same names both ways, each of the declared type, optional but for
 * the key. A nested object's members are checked against `nested`.
 */
function sameOptions(options, declaredMembers, label, nested = {}, required = /^(publicKey|privateKey)$/) {
  assert.deepEqual(sorted(declaredMembers.keys()), sorted(Object.keys(options)), `${label}: the option names differ between the Rust declaration and the .d.ts`);
  for (const [name, type] of Object.entries(options)) {
    const member = declaredMembers.get(name);
    assert.equal(member.optional, !required.test(name), `${label}.${name} should be ${required.test(name) ? "required" : "optional"}`);
    if (typeof type === "string") {
      assert.equal(member.type, OPTION_TYPES[type], `${label}.${name}: declared in Rust as "${type}"`);
    } else {
      assert.ok(nested[name], `${label}.${name}: a nested object this test does not know`);
      nested[name](type, member);
    }
  }
}

/** rateLimit's members, declared inline as `{ requests: number; perSeconds: number }`. */
function rateLimit(options, member) {
  const inline = new Map(
    [...member.type.matchAll(/(\w+)(\??): (\w+)/g)].map((m) => [m[1], { optional: m[2] === "?", type: m[3] }]),
  );
  assert.deepEqual(sorted(inline.keys()), sorted(Object.keys(options)), "rateLimit's fields");
  for (const [name, type] of Object.entries(options)) assert.equal(inline.get(name).type, OPTION_TYPES[type], `rateLimit.${name}`);
}

const SESSION_OPTIONS = { ...declared("session.rs", "OPTIONS"), ...CALL_OPTIONS };
const HISTORY_OPTIONS = { ...declared("history/mod.rs", "OPTIONS"), ...CALL_OPTIONS };
const TICKET_OPTIONS = { ...declared("ticket.rs", "OPTIONS"), ...CALL_OPTIONS };

test("drift: createTicket's options are exactly those src/ticket.rs declares, the four fields required", () => {
  const required = /^(publicKey|agentId|customerName|customerEmail|problemDescription)$/;
  sameOptions(TICKET_OPTIONS, members(dts(), "CreateTicketOptions"), "CreateTicketOptions", { rateLimit }, required);
});

test("drift: createSession's options are exactly those src/session.rs declares, with the same types", () => {
  sameOptions(SESSION_OPTIONS, members(dts(), "CreateSessionOptions"), "CreateSessionOptions", { rateLimit });
});

test("drift: getSessionHistory's options and filters are exactly those src/history/mod.rs declares", () => {
  const filters = (options, member) => {
    assert.equal(member.type, "HistoryFilters");
    sameOptions(options, members(dts(), "HistoryFilters"), "HistoryFilters");
  };
  sameOptions(HISTORY_OPTIONS, members(dts(), "SessionHistoryOptions"), "SessionHistoryOptions", { rateLimit, filters });
});

/** Every option a declaration holds, by full name (`filters.id`), with its type ("object" for a nested one). */
function flatten(options, prefix = "") {
  return Object.entries(options).flatMap(([name, type]) =>
    typeof type === "string" ? [[prefix + name, type]] : [[prefix + name, "object"], ...flatten(type, `${prefix}${name}.`)],
  );
}

/** The reader of src/call/options.rs `Options` that each option type is read with. */
const READERS = { string: "string", number: "number", boolean: "flag", date: "date", names: "names", signal: "get", object: "flag", id: "get" };

test("drift: each endpoint reads every option it declares, by its name and with the reader of its type", () => {
  const call = rustFn(rust("call/options.rs"), "call");
  for (const [path, options, key] of [
    ["session.rs", SESSION_OPTIONS, "publicKey"],
    ["history/mod.rs", HISTORY_OPTIONS, "privateKey"],
    ["ticket.rs", TICKET_OPTIONS, "publicKey"],
  ]) {
    const code = rust(path) + call;
    const read = new Map();
    for (const [, reader, name] of code.matchAll(/(?:options|self)\s*\.(string|number|flag|date|names|get)\(\s*slot!\("([\w.]+)"\)\s*\)/g)) read.set(name, reader);
    // Its key: read as the call's key by name, or (a visitor's request) from the slot it gives call::submit.
    const asCall = new RegExp(`options\\.call\\("${key}", slot!\\("${key}"\\)\\)`);
    const asVisitor = new RegExp(`key_slot: slot!\\("${key}"\\),`);
    assert.ok(asCall.test(rust(path)) || (asVisitor.test(rust(path)) && /options\.call\("publicKey", endpoint\.key_slot\)/.test(rust("call/mod.rs"))), `${path} reads its key, ${key}, as the call's key`);
    read.set(key, "string");
    const expected = new Map(flatten(options).map(([name, type]) => [name, READERS[type]]));
    // Of the nested objects only rateLimit's own entry is read (was it given).
    for (const [name, type] of flatten(options)) if (type === "object" && name !== "rateLimit") expected.delete(name);
    assert.deepEqual(sorted(read.keys()), sorted(expected.keys()), `${path}: the options read differ from those declared`);
    for (const [name, reader] of expected) assert.equal(read.get(name), reader, `${path}: ${name} is read with ${reader}()`);
  }
});

test("drift: ErrorCode is exactly the codes of src/call/error.rs and js/errors.js, and TakeControlError's fields those of js/errors.js", () => {
  const error = rust("call/error.rs");
  const codes = [...rustFn(error, "as_str").matchAll(/ErrorCode::\w+ => "(\w+)"/g)].map((m) => m[1]);
  const variants = /pub enum ErrorCode \{([^}]*)\}/.exec(error)[1].replace(/\/\/\/.*$/gm, "").match(/\w+/g);
  assert.equal(codes.length, variants.length, "every ErrorCode variant has its string");
  const errorsJs = source("js/errors.js");
  // Made in JS, where the module never ran: "unsupported".
  const jsCodes = [...errorsJs.matchAll(/new TakeControlError\("(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(jsCodes, ["unsupported"]);
  assert.deepEqual(union(dts(), "ErrorCode"), sorted([...codes, ...jsCodes]));

  const extra = JSON.parse(/for \(const name of (\[[^\]]*\])\)/.exec(errorsJs)[1].replace(/'/g, '"'));
  const declaredMembers = members(dts(), "TakeControlError");
  assert.deepEqual(sorted(declaredMembers.keys()), sorted(["name", "code", ...extra]));
  assert.equal(declaredMembers.get("code").type, "ErrorCode");
  assert.equal(declaredMembers.get("name").type, '"TakeControlError"');
  assert.deepEqual(sorted(members(dts(), "TakeControlErrorFields").keys()), sorted(extra));
  for (const name of extra) assert.ok(declaredMembers.get(name).optional, `${name} is present only when it applies`);
  // serverMessage is written by js/errors.js's makeError, from the errorDetails Rust gives.
  assert.ok(/extra\.serverMessage = /.test(errorsJs), "makeError writes serverMessage");
  const fromRust = extra.filter((name) => name !== "serverMessage");
  assert.deepEqual(sorted(built(error, "into_js")), sorted(fromRust), "the fields src/call/error.rs gives a TakeControlError");
});

test("drift: FieldErrorReason is exactly src/call/error.rs's reasons, and js/options.js names only those", () => {
  const error = rust("call/error.rs").slice(rust("call/error.rs").indexOf("impl Reason {"));
  const reasons = [...rustFn(error, "as_str").matchAll(/Reason::\w+ => "(\w+)"/g)].map((m) => m[1]);
  const variants = /pub enum Reason \{([^}]*)\}/.exec(rust("call/error.rs"))[1].replace(/\/\/\/.*$/gm, "").match(/\w+/g);
  assert.equal(reasons.length, variants.length, "every Reason has its string");
  assert.deepEqual(union(dts(), "FieldErrorReason"), sorted(reasons));
  // Each reason js/options.js gives its field errors is one of those.
  const given = new Set([...source("js/options.js").matchAll(/(?:Problem\(\s*|problem\(read, \w+, )"(\w+)"/g)].map((m) => m[1]));
  assert.ok(given.size >= 3, "js/options.js gives no reasons: update this test to the code");
  for (const reason of given) assert.ok(reasons.includes(reason), `js/options.js gives "${reason}"`);
});

/** The members a Rust function builds with `Built::new().with("name", ...)`, in order. */
function built(code, fn) {
  const names = [...rustFn(code, fn).matchAll(/\.with\(\s*"(\w+)",/g)].map((m) => m[1]);
  assert.ok(names.length, `${fn} builds nothing with Built::with: update this test to the code`);
  return names;
}

test("drift: the result types hold exactly the members the Rust code builds", () => {
  const session = rust("session.rs");
  assert.deepEqual(sorted(members(dts(), "Session").keys()), sorted(built(session, "read_answer")));
  // A queued request's members come from a declaration, "wire_name -> name: type, ..." (js/call.js's records).
  const queued = /QUEUED_REQUEST, QUEUED_REQUEST_JS = "([^"]*)"/.exec(session);
  assert.ok(queued, "session.rs declares no QUEUED_REQUEST: update this test to the code");
  const entries = queued[1].split(", ").map((entry) => /^(\w+) -> (\w+): (string|number)$/.exec(entry));
  assert.ok(entries.every(Boolean), `every entry of QUEUED_REQUEST is "wire_name -> name: string|number": ${queued[1]}`);
  const queuedRequest = members(dts(), "QueuedRequest");
  assert.deepEqual(sorted(queuedRequest.keys()), sorted(entries.map((m) => m[2])));
  for (const [, , name, type] of entries) assert.equal(queuedRequest.get(name).type, `${type} | null`, `QueuedRequest.${name}`);
  assert.deepEqual(sorted(members(dts(), "SessionHistory").keys()), sorted(built(rust("history/mod.rs"), "read_answer")));
  assert.deepEqual(sorted(members(dts(), "Ticket").keys()), sorted(built(rust("ticket.rs"), "read_answer")));
  // The object addFieldError() makes when there is a limit holds every member.
  const fieldError = /export function addFieldError\([^)]*\) \{[^]*?: \{ ([\w, ]+) \}\);\n\}/.exec(source("js/errors.js"));
  assert.ok(fieldError, "js/errors.js has no addFieldError(): update this test to the code");
  assert.deepEqual(sorted(members(dts(), "FieldError").keys()), sorted(fieldError[1].split(", ")), "addFieldError()'s fields");
  // And js/options.js's problem() makes the same, without a limit.
  const problem = /function problem\([^)]*\) \{\n\s*read\.errors\.push\(\{ ([\w, ]+) \}\);/.exec(source("js/options.js"));
  assert.ok(problem, "js/options.js has no problem(): update this test to the code");
  assert.deepEqual(sorted([...problem[1].split(", "), "limit"]), sorted(fieldError[1].split(", ")), "problem()'s fields");

  // One record member per documented var (typed by its kind), and `raw`.
  const query = rust("history/query.rs");
  const vars = [...query.matchAll(/var\(\s*"([A-Z_]+)",\s*"[a-z_]+",\s*"(\w+)",\s*VarKind::(\w+),?\s*\)/g)];
  assert.equal(vars.length, Number(/pub const VARS: \[Var; (\d+)\]/.exec(query)[1]), "every var of VARS was read");
  assert.deepEqual(union(dts(), "HistoryVar"), sorted(vars.map((m) => m[1])));
  const records = rust("history/records.rs");
  assert.match(records, /\.with\(var\.js_key, /);
  assert.match(records, /\.with\("raw", record\)/);
  const record = members(dts(), "SessionRecord");
  assert.deepEqual(sorted(record.keys()), sorted([...vars.map((m) => m[2]), "raw"]));
  const KIND = { Integer: "number | null", Text: "string | null", Flag: "boolean | null", DateTime: "Date | null" };
  for (const [, , jsKey, kind] of vars) assert.equal(record.get(jsKey).type, KIND[kind], `SessionRecord.${jsKey}`);
});

test("drift: every export of src/lib.rs is in the build's export list and declared, and nothing else is", () => {
  const exported = [...rust("lib.rs").matchAll(/#\[wasm_bindgen\(js_name = (\w+), skip_typescript\)\]/g)].map((m) => m[1]);
  assert.ok(exported.length >= 3, "src/lib.rs exports no function: update this test to the code");
  const build = source("scripts/build.mjs");
  const list = /const EXPORTS = "([^"]+)"/.exec(build)[1].split(", ");
  const full = [...list, .../const FULL_EXPORTS = `\$\{EXPORTS\}, ([^`]+)`/.exec(build)[1].split(", ")];
  // The full build has every export; the visitor build all but those behind the `history` feature.
  const historyOnly = [...rust("lib.rs").matchAll(/#\[cfg\(feature = "history"\)\]\n#\[wasm_bindgen\(js_name = (\w+)/g)].map((m) => m[1]);
  assert.deepEqual(historyOnly, ["getSessionHistory"]);
  assert.deepEqual(sorted(full), sorted([...exported, "TakeControlError"]), "scripts/build.mjs's FULL_EXPORTS");
  assert.deepEqual(sorted(list), sorted([...exported.filter((name) => !historyOnly.includes(name)), "TakeControlError"]), "scripts/build.mjs's EXPORTS");
  const declared = (file) => [...source(file).matchAll(/^export (?:declare )?function (\w+)\(/gm)].map((m) => m[1]);
  assert.deepEqual(sorted(declared("js/index.d.ts")), sorted(exported.filter((name) => !historyOnly.includes(name))), "the functions js/index.d.ts declares");
  assert.deepEqual(declared("js/full.d.ts"), historyOnly, "the functions js/full.d.ts adds");
});

test("drift: an attempt's outcome is read by the names js/call.js writes, and every fault it names is told apart", () => {
  const call = source("js/call.js");
  const reply = rustFn(rust("call/reply.rs"), "http_reply");
  // run()'s parameters, in order, as src/call/mod.rs declares them (snake_case) and js/call.js takes them.
  const camel = (name) => name.replace(/_(\w)/g, (_, letter) => letter.toUpperCase());
  const declaredRun = /fn run\(([^)]*)\) -> Promise;/.exec(rust("call/mod.rs"))[1];
  const handed = declaredRun.split(",").map((p) => p.split(":")[0].trim()).filter(Boolean).map(camel);
  const taken = /export function run\(([^)]*)\)/.exec(call)[1].split(",").map((p) => p.trim());
  assert.deepEqual(taken, handed, "run()'s parameters");
  // The members of an outcome: { status, retryAfter, json } or { fault, cancelled, status }.
  const readNames = [...reply.matchAll(/(?:read|text)\("(\w+)"\)/g)].map((m) => m[1]);
  assert.deepEqual(sorted(new Set(readNames)), sorted(["status", "retryAfter", "json", "fault", "cancelled"]));
  for (const name of ["status", "retryAfter", "cancelled", "fault"]) assert.match(call, new RegExp(`\\b${name}\\b`), `js/call.js writes ${name}`);
  assert.match(call, /reply\.json = JSON\.parse/, "js/call.js writes json");
  // Faults and cancellations: each JS names is matched in Rust, and each matched one is named in JS
  // ("network" is what any other outcome means).
  const faults = new Set([...call.matchAll(/fault: "(\w+)"/g)].map((m) => m[1]));
  const cancellations = new Set([...call.matchAll(/\? "(aborted|timeout)"/g)].map((m) => m[1]));
  const matchedFaults = new Set([...reply.matchAll(/\("(\w+)", _\)/g)].map((m) => m[1]));
  const matchedCancellations = new Set([...reply.matchAll(/\(_, Some\("(\w+)"\)\)/g)].map((m) => m[1]));
  assert.deepEqual(sorted(faults), sorted([...matchedFaults, "network"]));
  assert.deepEqual(sorted(cancellations), sorted(matchedCancellations));
});
