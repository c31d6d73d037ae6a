// Reads a caller's option object against the options a function declares:
// which names exist and the JS type each must have. The declarations are
// Rust's (each endpoint's OPTIONS, and CALL_OPTIONS in
// src/call/options.rs), written as TypeScript writes an object type:
// "publicKey: string, rateLimit: { requests: number, perSeconds: number }".
// An unknown name, a value of the wrong type, a getter that throws or an
// unpaired surrogate becomes a field error here, never an exception in the
// wasm module. Each value goes back in its slot: the names of the
// declarations counted in the order they appear (a nested object's own
// name, then its members'), CALL_OPTIONS first, as Rust's `slot!` counts
// them. The rules on what the values hold (lengths, ranges, formats) are
// Rust's. `jsonBody` writes a request's body from the same values, by the
// wire members Rust declares, once Rust's rules have passed.

/** Each option type, as a message says what a value of it must be. */
const TYPES = {
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  signal: "an AbortSignal",
  date: 'a Date or a "YYYY-MM-DD HH:MM:SS" string',
  names: "an array of var names",
  id: "a whole number or a string of its digits",
};

/** A field error's reason (src/call/error.rs's `Reason`) and message, thrown by the checks below (and only by them). */
class Problem {
  constructor(reason, message) {
    this.reason = reason;
    this.message = message;
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isSignal = (value) => typeof AbortSignal === "function" && value instanceof AbortSignal;

/** Layouts already made, by the endpoint's declaration (the same string each call). */
const layouts = new Map();

/**
 * Where each declared option goes: its name -> `[slot, type]`, a nested
 * object's type being its own layout; the slots in the order the names
 * appear, from `first` on. `next` is the slot after the last.
 */
function layoutOf(options, first) {
  const layout = new Map();
  let slot = first;
  for (const [name, type] of Object.entries(options)) {
    if (typeof type === "object") {
      const nested = layoutOf(type, slot + 1);
      layout.set(name, [slot, nested]);
      slot = nested.next;
    } else {
      layout.set(name, [slot++, type]);
    }
  }
  layout.next = slot;
  return layout;
}

/** The layout of an object read against the `call` and `own` declarations. */
function layoutFor(call, own) {
  let layout = layouts.get(own);
  if (!layout) {
    const text = `${call}, ${own}`.replace(/\w+/g, '"$&"');
    layout = layoutOf(JSON.parse(`{${text}}`), 0);
    layouts.set(own, layout);
  }
  return layout;
}

/** What `value` is, for messages: "null", "a number", "an array", "a Date"... */
function typeName(value) {
  if (value == null) return String(value);
  const type = Array.isArray(value)
    ? "array"
    : value instanceof Date
      ? "Date"
      : isSignal(value)
        ? "AbortSignal"
        : typeof value;
  return (/^[aeiouA]/.test(type) ? "an " : "a ") + type;
}

/** False for a string holding an unpaired UTF-16 surrogate (which is not text). */
function isWellFormed(text) {
  return typeof text.isWellFormed === "function"
    ? text.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * The longest string (in UTF-16 code units) and array an option may hold
 * before it is read at all. Far above every limit the rules set (4000
 * characters at most), and far below what would exhaust the module's
 * memory when copied into it: a longer value is refused here, as too_long
 * without a limit, and never crosses.
 */
const MAX_TEXT_UNITS = 65536;
const MAX_ITEMS = 1000;
const tooLong = (name) => new Problem("too_long", `${name} is too long to be read`);

/**
 * `value` as an option of `type` wants it (a Date as its milliseconds, an
 * array of strings copied); throws a Problem saying why it is not one,
 * whose message `name` starts.
 */
function typed(value, type, name) {
  if (typeof value === "string" && (type === "string" || type === "date" || type === "id")) {
    if (value.length > MAX_TEXT_UNITS) throw tooLong(name);
    if (isWellFormed(value)) return value;
    throw new Problem("invalid_format", `${name} holds an unpaired UTF-16 surrogate, which is not text`);
  }
  if (type === "names" && Array.isArray(value)) {
    if (value.length > MAX_ITEMS) throw tooLong(name);
    return Array.from(value, (item) => typed(item, "string", name));
  }
  if (type === "date" && value instanceof Date) return value.getTime();
  if (
    ((type === "number" || type === "id") && typeof value === "number") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "signal" && isSignal(value))
  ) {
    return value;
  }
  throw new Problem("wrong_type", `${name} must be ${TYPES[type]}, not ${typeName(value)}`);
}

/** Records a field error, as validateSessionRequest lists it (js/errors.js's shape, without a limit). */
function problem(read, field, reason, message) {
  read.errors.push({ field, reason, message });
}

/**
 * Reads `value`, the option `name` ("options" at the top), against its
 * `layout` into `read`: each value into its slot of `read.values` (a nested
 * object's own slot is `true` when it was given), each problem into
 * `read.errors` as a field error `{ field, reason, message }`. `undefined`
 * counts as not given; a value that throws when looked at (a getter, a
 * revoked Proxy) "could not be read".
 */
function readObject(value, layout, name, read) {
  let keys;
  try {
    if (!isObject(value)) return problem(read, name, "wrong_type", `${name} must be an object, not ${typeName(value)}`);
    keys = Reflect.ownKeys(value);
  } catch {
    return problem(read, name, "wrong_type", `${name} could not be read`);
  }
  for (const key of keys) {
    if (typeof key !== "string") continue;
    const field = name === "options" ? key : `${name}.${key}`;
    const [slot, type] = layout.get(key) ?? [];
    let item;
    try {
      item = value[key];
    } catch {
      problem(read, field, "wrong_type", `${field} could not be read (its getter threw)`);
      continue;
    }
    if (item === undefined) continue;
    try {
      if (type === undefined) {
        throw new Problem(
          "unknown_option",
          `unknown option "${[...field].slice(0, 64).join("")}": check its spelling (options are camelCase, e.g. customerName)`,
        );
      }
      if (type instanceof Map) {
        read.values[slot] = true;
        readObject(item, type, field, read);
      } else {
        read.values[slot] = typed(item, type, field);
      }
    } catch (thrown) {
      // Anything else thrown came from the caller's object (a Proxy trap, an iterator).
      if (thrown instanceof Problem) problem(read, field, thrown.reason, thrown.message);
      else problem(read, field, "wrong_type", `${field} could not be read`);
    }
  }
}

/**
 * Reads the option object `value` against the options `call` and `own`
 * declare: returns each given option's checked value in its slot
 * (`undefined` where not given), and pushes each problem onto `errors` as
 * a field error `{ field, reason, message }`, in the order the caller's
 * keys came.
 */
export function readOptions(value, call, own, errors) {
  const layout = layoutFor(call, own);
  const read = { values: new Array(layout.next), errors };
  readObject(value, layout, "options", read);
  return read.values;
}

/**
 * The JSON body of a request from `values`, what `readOptions` read
 * against `call` and `own`: the members `wire` declares ("wire_name:
 * optionName, ...", in the API's order; src/session.rs's WIRE) whose
 * option was given, each value as `JSON.stringify` writes it, a boolean as
 * 1 or 0 and an `id` digit for digit (a string of digits past 2^53 too).
 * Rust's rules have passed on every value by then.
 */
export function jsonBody(values, call, own, wire) {
  const layout = layoutFor(call, own);
  const members = [];
  for (const [name, option] of wire.split(", ").map((pair) => pair.split(": "))) {
    const [slot, type] = layout.get(option);
    const value = values[slot];
    if (value !== undefined) members.push(`"${name}":${type === "boolean" ? +value : type === "id" ? value : JSON.stringify(value)}`);
  }
  return `{${members.join(",")}}`;
}

// ---------------------------------------------------------------- apiBase

/**
 * The loopback hosts, as a URL's `hostname` spells them (IPv6 in
 * brackets): this machine's own names, where plain http:// never leaves
 * it. The one definition that the API base rule, the help form's links and
 * warnings (js/element.js) and the demo page (www/config.js, through the
 * element's module) share. It lives in this module because wasm-bindgen
 * copies each of js/'s modules that Rust imports on its own, without the
 * modules it would import.
 */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `hostname` (a URL's `hostname`) is this machine: `localhost`, `127.0.0.1` or `[::1]`. */
export const isLoopback = (hostname) => LOOPBACK.has(hostname);

/**
 * `text` as an API base: read by the platform's URL parser (the one `fetch`
 * uses, so the base is where the key goes), then held to the package's
 * rules: https://, or http:// to a loopback host only; no user info (not
 * even an empty one), query or fragment; no space or control character
 * inside; no empty label in the host name. Returns the origin and the path
 * without trailing slashes, or `undefined` when it is not such a base.
 */
export function apiBaseOf(text) {
  // A page sends the same apiBase with every call: the last answer is kept.
  if (lastApiBase?.[0] !== text) lastApiBase = [text, readApiBase(text)];
  return lastApiBase[1];
}

let lastApiBase;

function readApiBase(text) {
  const base = text.trim();
  const authority = base.replace(/^[a-z][a-z\d+.-]*:[\\/]*/i, "").split(/[\\/]/)[0];
  if (/[\s\u0000-\u001f\u007f-\u009f?#]/u.test(base) || authority.includes("@") || typeof URL !== "function") return undefined;
  let url;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  const { protocol, hostname } = url;
  const secure = protocol === "https:" || (protocol === "http:" && isLoopback(hostname));
  if (!secure || url.username || url.password || (!hostname.startsWith("[") && hostname.split(".").includes(""))) return undefined;
  return url.origin + url.pathname.replace(/\/+$/, "");
}
