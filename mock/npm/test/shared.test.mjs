// One set of cases (cases.json: requests and the answers expected) run
// against both shells of the stand-in: the native binary (axum) and the npm
// package's command (node:http), each started with the shipped fixture on a
// free port; then their answers are compared with each other, so that the
// two cannot drift apart unnoticed. Each case's "mirrors" names the test in
// mock/tests/ it repeats (the harness ignores it); "extra" cases have none.
//
// The native binary: $TAKECONTROL_MOCK_NATIVE_BIN, else
// $CARGO_TARGET_DIR/debug/takecontrol-mock (target/ by default); build it
// with `cargo build -p takecontrol-mock`. Without it, its half is skipped.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { bin, cleanEnv, fixturePath, root, startCli, stop } from "./helpers.mjs";

const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const nativeBin =
  process.env.TAKECONTROL_MOCK_NATIVE_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug", "takecontrol-mock");
// Named on purpose (npm test does): then a missing binary is a failure, not a skip.
if (process.env.TAKECONTROL_MOCK_NATIVE_BIN && !existsSync(nativeBin)) {
  throw new Error(`TAKECONTROL_MOCK_NATIVE_BIN names ${nativeBin}, which does not exist`);
}

/** The headers both shells set from the core's answer (not the HTTP server's own). */
const CORE_HEADERS = [
  "content-type",
  "content-security-policy",
  "x-content-type-options",
  "access-control-allow-private-network",
  "allow",
  "retry-after",
  "vary",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-max-age",
];

/**
 * Any method, any body (GET included), over one plain HTTP/1.1 connection.
 * `bodyRepeat`: [unit, times, prefix?, suffix?]; `bodyBytes`: raw bytes.
 * Content-Length is the body's unless the case sets it or Transfer-Encoding.
 * `cutAfterMs`: stop reading that long after the head (a stalled answer).
 */
function send(base, { method, path, query, headers = {}, body, bodyRepeat, bodyBytes, cutAfterMs }) {
  const data = bodyBytes ? Buffer.from(bodyBytes) : bodyRepeat ? (bodyRepeat[2] ?? "") + bodyRepeat[0].repeat(bodyRepeat[1]) + (bodyRepeat[3] ?? "") : body;
  const framed = Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name));
  const length = data === undefined || framed ? {} : { "content-length": Buffer.byteLength(data) };
  const url = `${base}${path}${query ? `?${query}` : ""}`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, ...length }, agent: false, timeout: 10_000 }, (res) => {
      const chunks = [];
      const done = (finished) => () =>
        resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started, finished });
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", done(true));
      res.on("error", reject);
      if (cutAfterMs) setTimeout(() => (done(res.complete)(), req.destroy()), cutAfterMs);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(data);
  });
}

/** The records of an answer: a history's details, or the answer itself if a list. */
const listed = (json) => (Array.isArray(json) ? json : json.details);

/** Whether `actual` has everything `expected` has (arrays: same length, each element so). */
function partial(actual, expected, where = "$") {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: not an array`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((item, i) => partial(actual[i], item, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${where}: not an object`);
    for (const [key, value] of Object.entries(expected)) partial(actual[key], value, `${where}.${key}`);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

/**
 * The `errorMsg` of an error answer, checking the documented envelope
 * around it: exactly `result`, `details` and `errorDetails`, in that order,
 * `errorCode` the HTTP status.
 */
function errorMsg(answer, json) {
  assert.deepEqual(Object.keys(json), ["result", "details", "errorDetails"], `envelope members: ${answer.text}`);
  assert.equal(json.result, "ERROR");
  assert.equal(json.details, null);
  assert.deepEqual(Object.keys(json.errorDetails ?? {}), ["errorCode", "errorMsg"], `errorDetails: ${answer.text}`);
  assert.equal(json.errorDetails.errorCode, answer.status, "errorCode");
  assert.equal(typeof json.errorDetails.errorMsg, "string", "errorMsg");
  return json.errorDetails.errorMsg;
}

function check(answer, expect, request) {
  assert.equal(answer.status, expect.status, `status; body ${answer.text.slice(0, 200)}`);
  // A header expected null must be absent.
  for (const [name, value] of Object.entries(expect.headers ?? {})) assert.equal(answer.headers[name], value ?? undefined, `header ${name}`);
  if (expect.text !== undefined) assert.equal(answer.text, expect.text);
  for (const text of expect.absent ?? []) assert.ok(!answer.text.includes(text), `${JSON.stringify(text)} is in ${answer.text}`);
  if (expect.unfinished) assert.equal(answer.finished, false, "the body should not finish");
  const wantsJson = ["json", "detailsStart", "detailsMatch", "ids", "count", "keys"].some((key) => expect[key] !== undefined);
  // Every error answer is the documented envelope, unless the case gives
  // its exact text (an injected body); a HEAD answer has no body.
  const isError = answer.status >= 400 && expect.text === undefined && request.method !== "HEAD";
  const json = wantsJson || isError ? JSON.parse(answer.text) : undefined;
  const msg = isError || expect.detailsStart || expect.detailsMatch ? errorMsg(answer, json) : undefined;
  if (expect.json !== undefined) partial(json, expect.json);
  if (expect.detailsStart) assert.ok(msg.startsWith(expect.detailsStart), msg);
  if (expect.detailsMatch) assert.match(msg, new RegExp(expect.detailsMatch));
  // History records (or an admin list): their ids, how many, exactly which keys each has.
  if (expect.ids) assert.deepEqual(listed(json).map((r) => r.id), expect.ids, "ids");
  if (expect.count !== undefined) assert.equal(listed(json).length, expect.count, "count");
  if (expect.keys) for (const r of listed(json)) assert.deepEqual(Object.keys(r).sort(), [...expect.keys].sort(), "keys");
  if (expect.minMs) assert.ok(answer.ms >= expect.minMs, `answered after ${answer.ms} ms`);
}

/** An answer with what may differ between runs blanked out. */
function normalized(answer) {
  const headers = Object.fromEntries(CORE_HEADERS.filter((name) => name in answer.headers).map((name) => [name, answer.headers[name]]));
  // The time now (created sessions) and the port (the logged Host header).
  const text = answer.text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, "<date>").replace(/127\.0\.0\.1:\d+/g, "<host>");
  return { status: answer.status, headers, text };
}

/** The admin token both are started with (cases send it as `x-admin-token`). */
const TOKEN = ["--admin-token", "shared-test-token"];
const shells = [
  { name: "native binary", start: () => startCli(["--fixture", fixturePath, ...TOKEN], { command: nativeBin, prefix: [], count: 5 }), available: existsSync(nativeBin) },
  { name: "npm package", start: () => startCli(["--fixture", fixturePath, ...TOKEN], { count: 5 }), available: true },
];
/** Each shell's normalized answers, by case and step. */
const answers = new Map();

for (const shell of shells) {
  describe(`shared cases against the ${shell.name}`, { skip: shell.available ? false : `no ${nativeBin}: cargo build -p takecontrol-mock` }, () => {
    let running;
    const seen = [];
    answers.set(shell.name, seen);
    after(async () => {
      if (running) await stop(running.child);
    });
    for (const [index, { name, steps }] of cases.entries()) {
      test(name, async () => {
        running ??= await shell.start();
        const reset = await send(running.url, { method: "POST", path: "/__admin/reset" });
        assert.equal(reset.status, 200);
        const got = [];
        for (const [i, step] of steps.entries()) {
          const answer = await send(running.url, step.request);
          got.push(normalized(answer));
          try {
            check(answer, step.expect, step.request);
          } catch (error) {
            error.message = `step ${i + 1} (${step.request.method} ${step.request.path}): ${error.message}`;
            throw error;
          }
        }
        seen[index] = got;
      });
    }
  });
}

test("both shells give the same answers, header for header and byte for byte", (t) => {
  if (!shells[0].available) return t.skip("the native binary is not built");
  const [native, npm] = shells.map((shell) => answers.get(shell.name));
  for (const [index, { name }] of cases.entries()) {
    assert.deepEqual(npm[index], native[index], name);
  }
});

/** Command lines that end at once: both commands print the same and exit with the same code. */
const COMMAND_LINES = [
  [["--help"], {}],
  [["--version"], {}],
  [["--bogus"], {}],
  [["-x"], {}],
  [["extra"], {}],
  [["--addr"], {}],
  [["--addr", "127.0.0.1:0", "--addr", "127.0.0.1:0"], {}],
  [["--addr", "nonsense"], {}],
  [["--public-key", "same", "--private-key", "same"], {}],
  [["--public-key="], {}],
  [["--fixture-recent=true"], {}],
  [["--admin-token", "has space"], {}],
  [["--admin-token"], {}],
  [["--addr", "127.0.0.1:0"], { TAKECONTROL_MOCK_FIXTURE_RECENT: "1" }],
  [["--help"], { TAKECONTROL_MOCK_ADDR: "127.0.0.1:9", TAKECONTROL_MOCK_PUBLIC_KEY: "hidden-SECRET", TAKECONTROL_MOCK_ADMIN_TOKEN: "hidden-SECRET" }],
];

test("both commands answer bad or informative command lines alike", (t) => {
  if (!shells[0].available) return t.skip("the native binary is not built");
  for (const [args, env] of COMMAND_LINES) {
    const [native, npm] = [[nativeBin, args], [process.execPath, [bin, ...args]]].map(([command, argv]) => {
      const { status, stdout, stderr } = spawnSync(command, argv, { env: cleanEnv(env), encoding: "utf8", timeout: 20_000 });
      return { status, stdout, stderr };
    });
    assert.deepEqual(npm, native, args.join(" "));
  }
});
