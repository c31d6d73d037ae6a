// getSessionHistory in Node.js against the stand-in: the wire request, each
// filter, each validation rule, the mapping of records, and a session created
// then found in the history with nothing lost.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { createSession, getSessionHistory, TakeControlError } from "takecontrol-session";
import { admin, apiBase, privateKey, publicKey, received, rejection, reset } from "./admin.mjs";

const fixture = JSON.parse(await readFile(new URL("../../mock/fixtures/history.json", import.meta.url), "utf8"));
const history = (options = {}) => getSessionHistory({ privateKey, apiBase, ...options });
const ids = (sessions) => sessions.map((s) => s.id).sort((a, b) => a - b);
const fixtureIds = (keep) => fixture.filter(keep).map((r) => r.ID).sort((a, b) => a - b);

test("the wire request: GET with the private key, vars and filters as query parameters", async () => {
  await reset();
  await history({
    vars: ["COMPUTER_NAME", "DATE_START"],
    filters: { dateStartFrom: "2024-01-01 00:00:00", hasVideos: true, customerEmail: "a+b@example.com" },
  });
  const [request] = await received();
  assert.equal(request.method, "GET");
  assert.equal(request.path, "/rest/session/history");
  assert.deepEqual(request.key, { kind: "private", matched: true });
  assert.equal(request.body, "");
  assert.equal(
    request.query,
    "vars=COMPUTER_NAME,DATE_START&FILTER_DATE_START_INI=2024-01-01%2000:00:00&FILTER_CUSTOMER_EMAIL=a%2Bb@example.com&FILTER_HAS_VIDEOS=true",
  );
});

test("a JS Date filter is sent as YYYY-MM-DD HH:MM:SS in UTC", async () => {
  await reset();
  await history({ vars: ["ID"], filters: { dateStartFrom: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), dateStartTo: new Date(Date.UTC(2026, 11, 31)) } });
  const [request] = await received();
  const params = new URLSearchParams(request.query);
  assert.equal(params.get("FILTER_DATE_START_INI"), "2026-01-02 03:04:05");
  assert.equal(params.get("FILTER_DATE_START_END"), "2026-12-31 00:00:00");
});

test("without vars, a useful default set is asked for and mapped", async () => {
  await reset();
  const { sessions } = await history();
  assert.equal(sessions.length, fixture.length);
  const [request] = await received();
  assert.equal(
    new URLSearchParams(request.query).get("vars"),
    "ID,CUSTOMER_NAME,CUSTOMER_EMAIL,COMPUTER_NAME,TECH_USERNAME,TECH_NAME,PROBLEM_DESCRIPTION,DATE_START,DATE_END,HAS_VIDEOS",
  );
  const first = sessions.find((s) => s.id === fixture[0].ID);
  assert.equal(first.customerName, fixture[0].CUSTOMER_NAME);
  assert.equal(first.techName, fixture[0].TECH_NAME);
  assert.ok(first.dateStart instanceof Date && !Number.isNaN(first.dateStart.getTime()));
  assert.ok(first.dateEnd instanceof Date && first.dateEnd > first.dateStart);
  assert.equal(typeof first.hasVideos, "boolean");
  assert.equal(first.raw.customer_name, fixture[0].CUSTOMER_NAME);
});

test("every var maps to a camelCase field with its type", async () => {
  await reset();
  const vars = ["ID", "COMPUTER_NAME", "COMPUTER_DOMAIN", "COMPUTER_OS", "TECH_USERNAME", "TECH_NAME", "CUSTOMER_NAME",
    "CUSTOMER_EMAIL", "CUSTOMER_NUMBER", "PROBLEM_DESCRIPTION", "NOTES", "HAS_VIDEOS", "DATE_START", "DATE_END",
    "CHAT_INFO", "VIDEO_LINKS", "CUSTOM_FIELD_NAME", "CUSTOM_FIELD_VALUE"];
  const withVideo = fixture.find((r) => r.HAS_VIDEOS && r.VIDEO_LINKS);
  const { sessions, raw } = await history({ vars, filters: { id: withVideo.ID } });
  assert.equal(sessions.length, 1);
  const [s] = sessions;
  assert.equal(s.id, withVideo.ID);
  assert.equal(s.computerOs, withVideo.COMPUTER_OS);
  assert.equal(s.customerNumber, withVideo.CUSTOMER_NUMBER);
  assert.equal(s.notes, withVideo.NOTES);
  assert.equal(s.chatInfo, withVideo.CHAT_INFO);
  assert.equal(s.videoLinks, withVideo.VIDEO_LINKS);
  assert.equal(s.customFieldName, withVideo.CUSTOM_FIELD_NAME);
  assert.equal(s.customFieldValue, withVideo.CUSTOM_FIELD_VALUE);
  assert.equal(s.hasVideos, true);
  assert.deepEqual(Object.keys(s), [
    "id", "computerName", "computerDomain", "computerOs", "techUsername", "techName", "customerName", "customerEmail",
    "customerNumber", "problemDescription", "notes", "hasVideos", "dateStart", "dateEnd", "chatInfo", "videoLinks",
    "customFieldName", "customFieldValue", "raw",
  ]);
  assert.equal(raw.result, "SUCCESS");
  assert.equal(raw.details[0], s.raw);
});

test("each filter narrows the history as the stand-in applies it", async () => {
  await reset();
  const all = (await history({ vars: ["ID"] })).sessions;
  assert.equal(all.length, fixture.length);
  const some = fixture[7];
  assert.deepEqual(ids((await history({ vars: ["ID"], filters: { id: some.ID } })).sessions), [some.ID]);
  for (const [filter, value, keep] of [
    ["customerName", "john", (r) => r.CUSTOMER_NAME.toLowerCase().includes("john")],
    ["customerEmail", "example.es", (r) => r.CUSTOMER_EMAIL.toLowerCase().includes("example.es")],
    ["computerName", "laptop", (r) => r.COMPUTER_NAME.toLowerCase().includes("laptop")],
    ["techUsername", "alice", (r) => r.TECH_USERNAME.toLowerCase().includes("alice")],
    ["startMethod", "PIN", (r) => r.START_METHOD === "PIN"],
    ["processed", "ANSWERED", (r) => r.PROCESSED === "ANSWERED"],
    ["hasVideos", true, (r) => r.HAS_VIDEOS === true],
    ["hasVideos", false, (r) => r.HAS_VIDEOS === false],
  ]) {
    const expected = fixtureIds(keep);
    assert.ok(expected.length > 0 && expected.length < fixture.length, `${filter} must narrow the fixture`);
    const { sessions } = await history({ vars: ["ID"], filters: { [filter]: value } });
    assert.deepEqual(ids(sessions), expected, `${filter}=${value}`);
  }
  assert.equal((await history({ vars: ["ID"], filters: { startMethod: "ALL" } })).sessions.length, fixture.length);
});

test("the date range keeps sessions that started inside it", async () => {
  await reset();
  const { sessions } = await history({ vars: ["ID", "DATE_START"] });
  const starts = sessions.map((s) => s.dateStart.getTime()).sort((a, b) => a - b);
  const from = new Date(starts[10]);
  const to = new Date(starts[20]);
  const within = await history({ vars: ["ID", "DATE_START"], filters: { dateStartFrom: from, dateStartTo: to } });
  assert.equal(within.sessions.length, 11);
  assert.ok(within.sessions.every((s) => s.dateStart >= from && s.dateStart <= to));
});

test("each validation rule refuses before sending, naming the field", async () => {
  await reset();
  for (const [options, field] of [
    [{ privateKey: undefined }, "privateKey"],
    [{ privateKey: "" }, "privateKey"],
    [{ vars: ["ID", "FAVOURITE_COLOUR"] }, "vars"],
    [{ vars: ["id"] }, "vars"],
    [{ vars: [] }, "vars"],
    [{ vars: "ID" }, "vars"],
    [{ vars: [42] }, "vars"],
    [{ filters: { colour: "red" } }, "filters.colour"],
    [{ filters: "hasVideos" }, "filters"],
    [{ filters: { dateStartFrom: "2024-01-01" } }, "filters.dateStartFrom"],
    [{ filters: { dateStartFrom: "2024-02-30 00:00:00" } }, "filters.dateStartFrom"],
    [{ filters: { dateStartTo: new Date("not a date") } }, "filters.dateStartTo"],
    [{ filters: { dateStartFrom: 1704067200000 } }, "filters.dateStartFrom"],
    [{ filters: { dateStartFrom: "2024-02-01 00:00:00", dateStartTo: "2024-01-01 00:00:00" } }, "filters.dateStartFrom"],
    [{ filters: { id: "12" } }, "filters.id"],
    [{ filters: { id: 0 } }, "filters.id"],
    [{ filters: { hasVideos: "yes" } }, "filters.hasVideos"],
    [{ filters: { customerName: null } }, "filters.customerName"],
    [{ dangerouslyAllowBrowser: "yes" }, "dangerouslyAllowBrowser"],
    [{ publicKey: "x" }, "publicKey"],
    [{ apiBase: "http://example.com" }, "apiBase"],
  ]) {
    const error = await rejection(history(options));
    assert.ok(error instanceof TakeControlError, JSON.stringify(options));
    assert.equal(error.code, "invalid_options", JSON.stringify(options));
    assert.equal(error.field, field, JSON.stringify(options));
  }
  assert.deepEqual(await received(), []);
});

test("odd records are kept, with null where a value does not fit", async () => {
  await reset();
  const records = [
    { id: "12", customer_name: "Zoë", has_videos: "yes", date_start: "garbage", date_end: null, extra: 1 },
    { id: 13, has_videos: 1, date_start: "2026-03-04 05:06:07" },
    null,
  ];
  await admin("POST", "faults", { status: 200, body: JSON.stringify({ result: "SUCCESS", details: records }) });
  const { sessions } = await history({ vars: ["ID", "CUSTOMER_NAME", "HAS_VIDEOS", "DATE_START", "DATE_END"] });
  assert.equal(sessions.length, 3);
  assert.deepEqual(
    { ...sessions[0], raw: undefined },
    { id: 12, customerName: "Zoë", hasVideos: null, dateStart: null, dateEnd: null, raw: undefined },
  );
  assert.equal(sessions[0].raw.extra, 1);
  assert.equal(sessions[1].customerName, null);
  assert.equal(sessions[1].hasVideos, true);
  assert.equal(sessions[1].dateStart.toISOString(), "2026-03-04T05:06:07.000Z");
  assert.equal(sessions[2].id, null);
  assert.equal(sessions[2].raw, null);
});

test("details that are not an array are unexpected_response", async () => {
  await reset();
  await admin("POST", "faults", { status: 200, body: JSON.stringify({ result: "SUCCESS", details: { id: 1 } }) });
  const error = await rejection(history());
  assert.equal(error.code, "unexpected_response");
  assert.equal(error.status, 200);
});

test("a public key is refused with invalid_key, and the shared retry policy applies", async () => {
  await reset();
  const refused = await rejection(getSessionHistory({ privateKey: publicKey, apiBase }));
  assert.equal(refused.code, "invalid_key");
  assert.equal(refused.status, 403);
  await reset();
  await admin("POST", "faults", { status: 503, times: 1 });
  const { sessions } = await history({ vars: ["ID"] });
  assert.equal(sessions.length, fixture.length);
  assert.equal((await received()).length, 2);
  await admin("POST", "faults", { delay_ms: 3000 });
  const late = await rejection(history({ timeoutMs: 300 }));
  assert.equal(late.code, "timeout");
});

test("a session created through createSession is found in the history, nothing lost", async () => {
  await reset();
  const typed = {
    customerName: "Zoë O'Brien-Łukasz 😀",
    customerEmail: "zoe.obrien@example.com",
    customerNumber: "d4f%d$3",
    problemDescription: "Écran noir après la mise à jour\nline two & <b>three</b>",
  };
  await createSession({ publicKey, apiBase, ...typed });
  const { sessions } = await history({
    vars: ["ID", "CUSTOMER_NAME", "CUSTOMER_EMAIL", "CUSTOMER_NUMBER", "PROBLEM_DESCRIPTION", "DATE_START"],
    filters: { customerEmail: typed.customerEmail },
  });
  assert.equal(sessions.length, 1);
  const [found] = sessions;
  assert.deepEqual(
    { customerName: found.customerName, customerEmail: found.customerEmail, customerNumber: found.customerNumber, problemDescription: found.problemDescription },
    typed,
  );
  assert.ok(Math.abs(found.dateStart.getTime() - Date.now()) < 5 * 60_000);
});

test("on something that looks like a web page, a private key is refused unless allowed", async () => {
  await reset();
  globalThis.window = globalThis;
  globalThis.document = {};
  try {
    const error = await rejection(history());
    assert.equal(error.code, "private_key_in_browser");
    assert.deepEqual(await received(), []);
    const { sessions } = await history({ dangerouslyAllowBrowser: true, vars: ["ID"] });
    assert.equal(sessions.length, fixture.length);
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
});

test("a page's throwing accessors on Object.prototype do not break the records", async () => {
  await reset();
  // The second record has no notes: reading it reaches Object.prototype.
  const records = [{ id: 1, computer_name: "PC-1", notes: "n" }, { id: 2, computer_name: "PC-2" }];
  await admin("POST", "faults", { status: 200, body: JSON.stringify({ result: "SUCCESS", details: records }) });
  // A broken or hostile page: a throwing setter for a record field, a throwing getter for a wire key.
  const boom = () => {
    throw new Error("accessor on Object.prototype");
  };
  Object.defineProperty(Object.prototype, "computerName", { set: boom, get: boom, configurable: true });
  Object.defineProperty(Object.prototype, "notes", { get: boom, configurable: true });
  let sessions;
  try {
    ({ sessions } = await history({ vars: ["ID", "COMPUTER_NAME", "NOTES"] }));
  } finally {
    delete Object.prototype.computerName;
    delete Object.prototype.notes;
  }
  assert.deepEqual(
    sessions.map(({ id, computerName, notes }) => ({ id, computerName, notes })),
    [
      { id: 1, computerName: "PC-1", notes: "n" },
      { id: 2, computerName: "PC-2", notes: null },
    ],
  );
});
