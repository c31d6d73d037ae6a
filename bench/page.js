// The benchmark page: both clients in one page, side by side. bench/run.mjs
// calls the steps below through `window.bench` (parity, roundTrips,
// validation) and reads what they return; nothing here decides a verdict.
import init, * as packageClient from "/pkg/index.js";
import * as handwrittenClient from "./handwritten-client.js";

await init();

const CLIENTS = { package: packageClient, handwritten: handwrittenClient };
const NAMES = Object.keys(CLIENTS);
const status = document.getElementById("status");

/** The options of a help-desk form as a visitor fills it in. */
function formOptions(api) {
  return {
    publicKey: "demo-public-key",
    apiBase: api,
    customerName: "John Doe",
    customerEmail: "john.doe@example.com",
    customerNumber: "C-104233",
    problemDescription: "Unable to access the network drive since this morning; Outlook also asks for my password again and again.",
    language: "en",
    showWaitingQueue: true,
  };
}

/** The same form, filled in wrong: an address without a domain, a description too long. */
function badFormOptions(api) {
  return {
    ...formOptions(api),
    customerEmail: "john.doe@example",
    problemDescription: "My computer does not start properly. ".repeat(28),
  };
}

// ------------------------------------------------------------------ parity

/** What a createSession outcome looks like, without the values that change per call. */
function outcome(result, error) {
  if (error) {
    const picked = { isError: error instanceof Error, name: error.name };
    for (const key of ["code", "message", "field", "status", "retryAfterSeconds", "errorDetails"]) {
      picked[key] = error[key];
    }
    return picked;
  }
  const shape = (value) =>
    value === null ? "null" : Array.isArray(value) ? value.map(shape) : typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
  return { ok: shape(result) };
}

/** An admin call: this page is on another origin, so it sends the stand-in's admin token. */
async function admin(api, method, path, body, adminToken) {
  const headers = { "x-admin-token": adminToken ?? "" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return response.json();
}

/** Options checked by both clients' validateSessionRequest. */
function validationCases(api) {
  const form = formOptions(api);
  const throwing = { publicKey: "k" };
  Object.defineProperty(throwing, "customerName", { enumerable: true, get() { throw new Error("no"); } });
  return [
    form,
    badFormOptions(api),
    {},
    null,
    [],
    "options",
    undefined,
    () => {},
    throwing,
    { publicKey: " " },
    { publicKey: "has space" },
    { publicKey: 42 },
    { publicKey: "k", customer_name: "Ada" },
    { publicKey: "k", ["x".repeat(70)]: 1 },
    { publicKey: "k", customerName: "é".repeat(128) },
    { publicKey: "k", customerName: "é".repeat(129) },
    { publicKey: "k", customerName: "😀".repeat(128) },
    { publicKey: "k", customerName: "😀".repeat(129) },
    { publicKey: "k", customerName: "bad \ud800 text" },
    { publicKey: "k", customerName: null },
    { publicKey: "k", customerEmail: "a".repeat(52) + "@example.com" },
    { publicKey: "k", customerEmail: "a".repeat(53) + "@example.com" },
    ...["john@", "a@b@c.com", "josé@exämple.fr", "jo hn@example.com", "john@example..com", "john@-x.com", "john@example.c", "a.b+c@sub.example.co.uk", "john@exa_mple.com"].map(
      (customerEmail) => ({ publicKey: "k", customerEmail }),
    ),
    { publicKey: "k", customerNumber: "d4f%d$3" },
    { publicKey: "k", customerNumber: "1".repeat(33) },
    { publicKey: "k", problemDescription: "x".repeat(1024) },
    { publicKey: "k", problemDescription: "x".repeat(1025) },
    ...[0, 1.5, -3, 123, NaN, Infinity, 2 ** 53, "12"].map((departmentId) => ({ publicKey: "k", departmentId })),
    { publicKey: "k", technicianUsername: "tech" },
    { publicKey: "k", technicianUsername: "tech@example.com" },
    { publicKey: "k", technicianUsername: "t".repeat(250) + "@example.com" },
    ...["fr", "pt-BR", "es-419", "zh-Hant-TW", "english", "pt_BR", "pt-", "fr-toolongsubtag", "12", "é"].map((language) => ({ publicKey: "k", language })),
    { publicKey: "k", askCustomerInfo: "yes" },
    { publicKey: "k", askCustomerInfo: true, showWaitingQueue: false },
    ...[
      "http://example.com",
      "https://api.example.com/",
      "HTTPS://API.example.com:443/x//",
      "http://[::1]:8787",
      "http://LOCALHOST:8787/",
      "http://localhost:99999",
      "http://localhost:",
      "https://user@host.com",
      "https://host.com?x=1",
      "ftp://x.com",
      " https://x.com ",
      "https://",
      "https://[zz]",
      "https://exa mple.com",
      "https://bücher.example",
    ].map((apiBase) => ({ publicKey: "k", apiBase })),
    ...[0, 1.5, 2147483647, 2147483648, -1].map((timeoutMs) => ({ publicKey: "k", timeoutMs })),
    ...[0, 10, 11, -1, 2.5].map((maxRetries) => ({ publicKey: "k", maxRetries })),
    { publicKey: "k", signal: "x" },
    { publicKey: "k", signal: new AbortController().signal },
    { publicKey: "k", customerName: undefined, language: undefined },
    { customerName: 5, customerEmail: "x", language: "english", apiBase: "ftp://", timeoutMs: 0, maxRetries: 99, other: 1 },
  ];
}

/** createSession cases: a fault to inject first (or none), and the options. */
function callCases(api) {
  const form = formOptions(api);
  const fault = (spec) => ({ path: "/rest/session", ...spec });
  const details = (value) => fault({ status: 200, body: JSON.stringify({ result: "SUCCESS", details: value }) });
  const aborted = new AbortController();
  aborted.abort();
  return [
    ["success, every field", null, { ...form, departmentId: 7, technicianUsername: "chen.wei@example.com", askCustomerInfo: false }],
    ["success, minimal", null, { publicKey: "demo-public-key", apiBase: api }],
    ["invalid options, nothing sent", null, { ...form, customerEmail: "john@" }],
    ["wrong key (real 403)", null, { ...form, publicKey: "not-the-key" }],
    ["400 with details", fault({ status: 400, body: '{"result":"ERROR","errorDetails":"customer_name: at most 128 characters"}' }), form],
    ["400 quoting the key", fault({ status: 400, body: '{"result":"ERROR","errorDetails":"bad key demo-public-key"}' }), form],
    ["429, no retries", fault({ status: 429, retry_after: "7" }), { ...form, maxRetries: 0 }],
    ["429 then success", fault({ status: 429, retry_after: "0" }), form],
    ["503 twice, one retry", fault({ status: 503, times: 2 }), { ...form, maxRetries: 1 }],
    ["500 as HTML", fault({ status: 500, body: "<h1>oops</h1>", content_type: "text/plain" }), form],
    ["404", fault({ status: 404 }), form],
    ["200 not JSON", fault({ status: 200, body: "not json" }), form],
    ["200 empty", fault({ status: 200, body: "" }), form],
    ["200 result ERROR", fault({ status: 200, body: '{"result":"ERROR","errorDetails":"nope"}' }), form],
    ["200 no details", fault({ status: 200, body: '{"result":"SUCCESS"}' }), form],
    ["nrequests a string", details({ nrequests: "3" }), form],
    ["nrequests negative", details({ nrequests: -1 }), form],
    ["no requests", details({ nrequests: 2 }), form],
    ["requests null", details({ nrequests: 2, requests: null }), form],
    ["request without fields", details({ nrequests: 2, requests: [{}] }), form],
    ["request with a wrong type", details({ nrequests: 2, requests: [{ waiting_time: "6" }] }), form],
    ["timeout", fault({ delay_ms: 400 }), { ...form, timeoutMs: 100 }],
    ["signal already aborted", null, { ...form, signal: aborted.signal }],
    ["network (nothing listening)", null, { ...form, apiBase: "http://127.0.0.1:9" }],
  ];
}

/**
 * Checks that the two clients behave alike before timing them: the same
 * validation results, the same outcomes on the stand-in (with faults), and
 * the same request on the wire. Returns the cases checked and any mismatch.
 */
async function parity({ api, adminToken }) {
  const mismatches = [];
  const cases = validationCases(api);
  for (const [index, options] of cases.entries()) {
    const [a, b] = NAMES.map((name) => JSON.stringify(CLIENTS[name].validateSessionRequest(options)));
    if (a !== b) mismatches.push({ kind: "validation", index, package: a, handwritten: b });
  }
  const calls = callCases(api);
  for (const [label, fault, options] of calls) {
    const seen = {};
    for (const name of NAMES) {
      await admin(api, "DELETE", "/__admin/faults", undefined, adminToken);
      if (fault) await admin(api, "POST", "/__admin/faults", fault, adminToken);
      let result;
      let error;
      try {
        result = await CLIENTS[name].createSession(options);
      } catch (e) {
        error = e;
      }
      seen[name] = JSON.stringify(outcome(result, error));
    }
    if (seen.package !== seen.handwritten) mismatches.push({ kind: "call", label, ...seen });
  }
  // The same request on the wire: the last two requests of the first case.
  await admin(api, "POST", "/__admin/reset", undefined, adminToken);
  for (const name of NAMES) await CLIENTS[name].createSession(calls[0][2]);
  const log = await admin(api, "GET", "/__admin/requests", undefined, adminToken);
  const [a, b] = log.slice(-2).map(({ method, path, query, headers, body }) => JSON.stringify({ method, path, query, headers, body }));
  if (a !== b) mismatches.push({ kind: "wire", package: a, handwritten: b });
  await admin(api, "POST", "/__admin/reset", undefined, adminToken);
  return { validationCases: cases.length, callCases: calls.length, wireRequest: JSON.parse(a), mismatches };
}

// ------------------------------------------------------------------ timing

function stats(samples) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    n: sorted.length,
    median,
    p95: at(0.95),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * createSession against the stand-in, the two clients interleaved call by
 * call (the order swapped every pair), after a warm-up of both. Times in ms.
 */
async function roundTrips({ api, calls, warmup }) {
  const options = formOptions(api);
  const times = { package: [], handwritten: [] };
  const differences = [];
  const queueLengths = [];
  const sent = { package: 0, handwritten: 0 };
  for (let i = 0; i < warmup + calls; i++) {
    const order = i % 2 === 0 ? NAMES : [...NAMES].reverse();
    const pair = {};
    for (const name of order) {
      const started = performance.now();
      const session = await CLIENTS[name].createSession(options);
      pair[name] = performance.now() - started;
      sent[name]++;
      queueLengths.push(session.queueLength);
    }
    if (i >= warmup) {
      for (const name of NAMES) times[name].push(pair[name]);
      differences.push(pair.package - pair.handwritten);
    }
    if (i % 100 === 0) status.textContent = `round trips: ${i} / ${warmup + calls}`;
  }
  // Every call really reached the stand-in: each got its own place in the queue.
  const distinct = new Set(queueLengths).size;
  return {
    calls,
    warmup,
    sent,
    distinctQueueLengths: distinct,
    maxQueueLength: Math.max(...queueLengths),
    package: stats(times.package),
    handwritten: stats(times.handwritten),
    pairedDifference: stats(differences),
    // Every timed pair, in µs, so that run.mjs can put an interval on the ratio.
    samples: NAMES.reduce((all, name) => ({ ...all, [name]: times[name].map((t) => Math.round(t * 1000)) }), {}),
    timerResolutionHint: crossOriginIsolated ? "cross-origin isolated (5 µs clock)" : "not isolated (100 µs clock)",
  };
}

/** Calls per second of `fn(input)` over about `ms` milliseconds. */
function throughput(fn, input, ms) {
  let calls = 0;
  let sink = 0;
  const started = performance.now();
  const end = started + ms;
  let now = started;
  while (now < end) {
    for (let k = 0; k < 50; k++) sink += fn(input).length;
    calls += 50;
    now = performance.now();
  }
  return { calls, ms: now - started, sink };
}

/**
 * validateSessionRequest on a valid and an invalid form, the clients
 * alternating in slices so that both meet the same machine.
 */
async function validation({ api, msEach, slices }) {
  const inputs = { valid: formOptions(api), invalid: badFormOptions(api) };
  const errorsFound = {};
  const totals = {};
  for (const kind of Object.keys(inputs)) {
    errorsFound[kind] = NAMES.map((name) => CLIENTS[name].validateSessionRequest(inputs[kind]).length);
    for (const name of NAMES) {
      totals[`${kind}/${name}`] = { calls: 0, ms: 0 };
      throughput(CLIENTS[name].validateSessionRequest, inputs[kind], 50); // warm-up
    }
  }
  for (let slice = 0; slice < slices; slice++) {
    for (const kind of Object.keys(inputs)) {
      const order = slice % 2 === 0 ? NAMES : [...NAMES].reverse();
      for (const name of order) {
        const run = throughput(CLIENTS[name].validateSessionRequest, inputs[kind], msEach / slices);
        totals[`${kind}/${name}`].calls += run.calls;
        totals[`${kind}/${name}`].ms += run.ms;
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe
    }
  }
  const perSecond = (t) => (t.calls / t.ms) * 1000;
  const result = { errorsFound };
  for (const kind of Object.keys(inputs)) {
    result[kind] = Object.fromEntries(NAMES.map((name) => [name, { ...totals[`${kind}/${name}`], perSecond: perSecond(totals[`${kind}/${name}`]) }]));
  }
  return result;
}

window.bench = { parity, roundTrips, validation };
window.benchReady = true;
status.textContent = "ready";
