// Reads a caller's option object against the options a function declares:
// which names exist and the JS type each must have. The declarations are
// Rust's (each endpoint's OPTIONS, and CALL_OPTIONS in
// src/call/options.rs), written as TypeScript writes an object type:
// "publicKey: string, rateLimit: { requests: number, perSeconds: number }".
// An unknown name, a value of the wrong type, a getter that throws or an
// unpaired surrogate becomes a field error here, never an exception in the
// wasm module. The values go back to Rust by name; the rules on what they
// hold (lengths, ranges, formats) are Rust's.

/** Each option type, as a message says what a value of it must be. */
const TYPES = {
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  signal: "an AbortSignal",
  date: 'a Date or a "YYYY-MM-DD HH:MM:SS" string',
  names: "an array of var names",
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

/** Declarations already parsed, by their text: the same few come with every call. */
const parsed = new Map();

/** A declaration's options as an object: name -> type name, or a nested declaration. */
function optionsOf(declaration) {
  let options = parsed.get(declaration);
  if (!options) {
    options = JSON.parse(`{${declaration.replace(/\w+/g, '"$&"')}}`);
    parsed.set(declaration, options);
  }
  return options;
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
 * `value` as an option of `type` wants it (a Date as its milliseconds, an
 * array of strings copied); throws a Problem saying why it is not one,
 * whose message `name` starts.
 */
function typed(value, type, name) {
  if (typeof value === "string" && (type === "string" || type === "date")) {
    if (isWellFormed(value)) return value;
    throw new Problem("invalid_format", `${name} holds an unpaired UTF-16 surrogate, which is not text`);
  }
  if (type === "names" && Array.isArray(value)) return Array.from(value, (item) => typed(item, "string", name));
  if (type === "date" && value instanceof Date) return value.getTime();
  if (
    (type === "number" && typeof value === "number") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "signal" && isSignal(value))
  ) {
    return value;
  }
  throw new Problem("wrong_type", `${name} must be ${TYPES[type]}, not ${typeName(value)}`);
}

/**
 * Reads `value`, the option `name` ("options" at the top), against its
 * declared `options` into `read`: each value under its full name
 * (`filters.id`; a nested object's own name is `true` when it was given),
 * each problem into `read.errors` as a field, a reason and a message. `undefined`
 * counts as not given; a value that throws when looked at (a getter, a
 * revoked Proxy) "could not be read".
 */
function readObject(value, options, name, read) {
  let keys;
  try {
    if (!isObject(value)) return read.errors.push(name, "wrong_type", `${name} must be an object, not ${typeName(value)}`);
    keys = Reflect.ownKeys(value);
  } catch {
    return read.errors.push(name, "wrong_type", `${name} could not be read`);
  }
  for (const key of keys) {
    if (typeof key !== "string") continue;
    const field = name === "options" ? key : `${name}.${key}`;
    const type = Object.hasOwn(options, key) ? options[key] : undefined;
    let item;
    try {
      item = value[key];
    } catch {
      read.errors.push(field, "wrong_type", `${field} could not be read (its getter threw)`);
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
      if (typeof type === "object") {
        read.values[field] = true;
        readObject(item, type, field, read);
      } else {
        read.values[field] = typed(item, type, field);
      }
    } catch (problem) {
      // Anything else thrown came from the caller's object (a Proxy trap, an iterator).
      if (problem instanceof Problem) read.errors.push(field, problem.reason, problem.message);
      else read.errors.push(field, "wrong_type", `${field} could not be read`);
    }
  }
}

/**
 * Reads the option object `value` against the options `own` and `call`
 * declare: `{ values, errors }`, where `values` holds each given option's
 * checked value under its name, and `errors` is `[field, reason, message, ...]` in
 * the order the caller's keys came.
 */
export function readOptions(value, own, call) {
  const read = { values: Object.create(null), errors: [] };
  readObject(value, optionsOf(`${own}, ${call}`), "options", read);
  return read;
}
