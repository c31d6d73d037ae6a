// The caller's option objects as src/options.rs reads them: every own
// property's name, type and value in one call, instead of one wasm boundary
// crossing per property and per type test. What the types mean for each
// option (and every message) is decided in Rust.

// Type codes; src/options.rs names them in its messages.
const UNDEFINED = 0;
const NULL = 1;
const STRING = 2;
const BROKEN_STRING = 3; // holds an unpaired UTF-16 surrogate
const NUMBER = 4;
const BOOLEAN = 5;
const BIGINT = 6;
const SYMBOL = 7;
const FUNCTION = 8;
const ARRAY = 9;
const DATE = 10; // the value is its time in milliseconds
const ABORT_SIGNAL = 11;
const OBJECT = 12;
const GETTER_THREW = 13;

/** The type code of `value`. */
export function typeOf(value) {
  switch (typeof value) {
    case "undefined":
      return UNDEFINED;
    case "string":
      return isWellFormed(value) ? STRING : BROKEN_STRING;
    case "number":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    case "bigint":
      return BIGINT;
    case "symbol":
      return SYMBOL;
    case "function":
      return FUNCTION;
  }
  if (value === null) return NULL;
  if (Array.isArray(value)) return ARRAY;
  if (value instanceof Date) return DATE;
  if (typeof AbortSignal === "function" && value instanceof AbortSignal) return ABORT_SIGNAL;
  return OBJECT;
}

/**
 * The own string-keyed properties of the object `value` (the elements of an
 * array) as one flat array: name, type code, value, name, type code, value...
 * `undefined` when its keys cannot be read (a Proxy that throws).
 */
export function describe(value) {
  let names;
  try {
    names = Array.isArray(value) ? Array.from(value, (_, i) => String(i)) : Reflect.ownKeys(value);
  } catch {
    return undefined;
  }
  const out = [];
  for (const name of names) {
    if (typeof name !== "string") continue;
    let item;
    try {
      item = value[name];
    } catch {
      out.push(name, GETTER_THREW, undefined);
      continue;
    }
    const type = typeOf(item);
    out.push(name, type, type === DATE ? item.getTime() : item);
  }
  return out;
}

/** False for a string holding an unpaired UTF-16 surrogate (which is not text). */
function isWellFormed(text) {
  return typeof text.isWellFormed === "function"
    ? text.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
