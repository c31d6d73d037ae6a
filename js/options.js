// The caller's option objects read against the options each function takes:
// which names exist, the JS type each must have, and the field error when a
// value is not of it. That is a question about JS values, answered here in
// one call; the values come back to src/options.rs by position ("slots"),
// already of the right type, and the rules on what they hold (lengths,
// ranges, formats) are decided in Rust (src/validate.rs).

// Option types: what a value must be, as messages say it.
const TYPES = {
  s: "a string",
  n: "a number",
  b: "a boolean",
  a: "an AbortSignal",
  d: 'a Date or a "YYYY-MM-DD HH:MM:SS" string',
  v: "an array of var names",
};

// The options every call has after its key, as src/options.rs numbers them.
const CALL = {
  apiBase: "s",
  timeoutMs: "n",
  maxRetries: "n",
  signal: "a",
  rateLimit: { requests: "n", perSeconds: "n" },
};

/**
 * Each function's options in slot order (createSession's, then
 * getSessionHistory's): a nested object takes one slot (true when it was
 * given) and its members the slots right after it. src/options.rs reads the
 * slots by these positions; tests/packaging/types.test.mjs checks the names
 * and types against the TypeScript declarations.
 */
export const SCHEMAS = [
  {
    publicKey: "s",
    ...CALL,
    customerName: "s",
    customerEmail: "s",
    customerNumber: "s",
    problemDescription: "s",
    departmentId: "n",
    technicianUsername: "s",
    language: "s",
    askCustomerInfo: "b",
    showWaitingQueue: "b",
  },
  {
    privateKey: "s",
    ...CALL,
    vars: "v",
    filters: {
      id: "n",
      dateStartFrom: "d",
      dateStartTo: "d",
      customerName: "s",
      customerEmail: "s",
      computerName: "s",
      techUsername: "s",
      startMethod: "s",
      processed: "s",
      hasVideos: "b",
    },
    dangerouslyAllowBrowser: "b",
  },
];

/** A field error's message, thrown by the checks below (and only by them). */
class Problem {
  constructor(message) {
    this.message = message;
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isSignal = (value) => typeof AbortSignal === "function" && value instanceof AbortSignal;

/**
 * Where each option of `schema` goes: its name -> `[slot, type]`, slots
 * counted from the object's first; a nested object's type is its own
 * layout, and `slots` the number of slots it takes. Made once per schema.
 */
function layoutOf(schema) {
  const at = new Map();
  let slot = 0;
  for (const [name, type] of Object.entries(schema)) {
    const nested = isObject(type) && layoutOf(type);
    at.set(name, [slot, nested || type]);
    slot += 1 + (nested ? nested.slots : 0);
  }
  at.slots = slot;
  return at;
}

const LAYOUTS = SCHEMAS.map(layoutOf);

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
  if (typeof value === "string" && (type === "s" || type === "d")) {
    if (isWellFormed(value)) return value;
    throw new Problem(`${name} holds an unpaired UTF-16 surrogate, which is not text`);
  }
  if (type === "v" && Array.isArray(value)) return Array.from(value, (item) => typed(item, "s", name));
  if (type === "d" && value instanceof Date) return value.getTime();
  if (
    (type === "n" && typeof value === "number") ||
    (type === "b" && typeof value === "boolean") ||
    (type === "a" && isSignal(value))
  ) {
    return value;
  }
  throw new Problem(`${name} must be ${TYPES[type]}, not ${typeName(value)}`);
}

/**
 * Reads the object `value`, itself the option `field` ("options" at the top),
 * against its `layout`: each value into its slot from `first` on, each problem
 * into `errors` as a field and a message. `undefined` counts as not given;
 * a value that throws when looked at (a getter, a revoked Proxy) "could not
 * be read".
 */
function readObject(value, layout, field, slots, errors, first) {
  let keys;
  try {
    if (!isObject(value)) return errors.push(field, `${field} must be an object, not ${typeName(value)}`);
    keys = Reflect.ownKeys(value);
  } catch {
    return errors.push(field, `${field} could not be read`);
  }
  for (const key of keys) {
    if (typeof key !== "string") continue;
    const name = field === "options" ? key : `${field}.${key}`;
    const [offset, type] = layout.get(key) ?? [];
    let item;
    try {
      item = value[key];
    } catch {
      errors.push(name, `${name} could not be read (its getter threw)`);
      continue;
    }
    if (item === undefined) continue;
    try {
      if (type === undefined) {
        throw new Problem(
          `unknown option "${[...name].slice(0, 64).join("")}": check its spelling (options are camelCase, e.g. customerName)`,
        );
      }
      if (type instanceof Map) {
        slots[first + offset] = true;
        readObject(item, type, name, slots, errors, first + offset + 1);
      } else {
        slots[first + offset] = typed(item, type, name);
      }
    } catch (problem) {
      // Anything else thrown came from the caller's object (a Proxy trap, an iterator).
      errors.push(name, problem instanceof Problem ? problem.message : `${name} could not be read`);
    }
  }
}

/**
 * Reads the options of `createSession` (`schema` 0) or `getSessionHistory`
 * (1): `[errors, ...slots]`, where `errors` is `[field, message, ...]` in the
 * order the caller's keys came, and each slot holds an option's checked value
 * (`undefined` when not given).
 */
export function readOptions(value, schema) {
  const errors = [];
  const slots = [errors];
  readObject(value, LAYOUTS[schema], "options", slots, errors, 1);
  return slots;
}
