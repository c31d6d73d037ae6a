// Blanks, in a shipped .wasm, the text that only a panic would show. For
// every place that can panic, core and alloc keep a message ("capacity
// overflow") and a source location (a file path such as
// /rustc/<hash>/library/alloc/src/raw_vec/mod.rs), and formatting them
// brings core's table of two-digit numbers. The package's no_std panic
// handler (src/lib.rs) traps at once and formats nothing, so none of it is
// ever read; but wasm-opt cannot drop data, and stable Rust has no switch
// to leave it out (nightly's -Zlocation-detail=none and
// panic=immediate-abort do). The bytes are zeroed in place, every address
// unchanged, and gzip makes the runs of zeros nearly free.
//
// What is blanked: the file paths of core's, alloc's and the dependencies'
// panic locations, the panic messages below where they occur, and the digit
// table. The build stops if no path is found (the toolchain lays its data
// out otherwise: look again) or if any code refers into the digit table (a
// number formatted at run time would read it, and core::fmt has no place
// in the .wasm: numbers.rs writes numbers by hand).
import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { must } from "./run.mjs";

/** Panic messages of core and alloc that a panic handler would format. */
const MESSAGES = [
  "capacity overflow",
  "memory allocation of ",
  " bytes failed",
  "Tried to shrink to a larger capacity",
  "LazyCell instance has previously been poisoned",
  "internal error: entered unreachable code",
];

/** Text as a regular expression that matches it literally. */
const literally = (text) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** The panic locations' files: the standard library's, and the crates' from the registry (under CARGO_HOME). */
const PATHS = [
  /\/rustc\/[0-9a-f]{40}\/library\/[\w/.-]+\.rs/g,
  new RegExp(`${literally(process.env.CARGO_HOME ?? join(homedir(), ".cargo"))}[\\\\/]registry[\\\\/]src[\\\\/][\\w./\\\\-]+\\.rs`, "g"),
];

/** core's two-digit table for formatting integers. */
const DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0")).join("");

/** An unsigned LEB128 number at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** A signed LEB128 number at `at`: [value, next offset]. */
function sleb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte >= 0x80);
  if (byte & 0x40) value -= 2 ** shift;
  return [value, at];
}

/** The active data segments of a module: where each one's bytes are in the file and in memory. */
function dataSegments(bytes) {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (id === 11) {
      let [count, p] = leb(bytes, body);
      const segments = [];
      while (count--) {
        let flags;
        [flags, p] = leb(bytes, p);
        if (flags === 2) [, p] = leb(bytes, p);
        if (flags === 1 || bytes[p] !== 0x41) throw new Error("blank-panic-text: a data segment that is not at an i32.const address");
        let address;
        [address, p] = sleb(bytes, p + 1);
        if (bytes[p] !== 0x0b) throw new Error("blank-panic-text: a data segment address that is not a constant");
        let length;
        [length, p] = leb(bytes, p + 1);
        segments.push({ start: p, end: p + length, address });
        p += length;
      }
      return segments;
    }
    at = body + size;
  }
  return [];
}

/** Whether any instruction of the module's code names an address (a constant or an offset) in [from, to). */
async function codeRefersInto(wasmFile, from, to) {
  const { output } = await must("wasm-dis", [wasmFile], { capture: true, quiet: true });
  // The data segments' own addresses are not code.
  const code = output.replace(/^\s*\(data\b.*$/gm, "");
  for (const [, value] of code.matchAll(/\b(?:i32\.const|i64\.const|offset=)\s*(-?\d+)/g)) {
    const n = Number(value);
    if (n >= from && n < to) return true;
  }
  return false;
}

/** Blanks the panic-only text of `wasmFile` in place; returns how many bytes it zeroed. */
export async function blankPanicText(wasmFile) {
  const bytes = readFileSync(wasmFile);
  const segments = dataSegments(bytes);
  let zeroed = 0;
  let paths = 0;
  for (const segment of segments) {
    const text = bytes.subarray(segment.start, segment.end).toString("latin1");
    const blank = (index, length) => {
      bytes.fill(0, segment.start + index, segment.start + index + length);
      zeroed += length;
    };
    for (const pattern of PATHS) {
      for (const match of text.matchAll(pattern)) {
        blank(match.index, match[0].length);
        paths += 1;
      }
    }
    for (const message of MESSAGES) {
      for (let index = text.indexOf(message); index >= 0; index = text.indexOf(message, index + 1)) blank(index, message.length);
    }
    const digits = text.indexOf(DIGITS);
    if (digits >= 0) {
      const address = segment.address + digits;
      if (await codeRefersInto(wasmFile, address, address + DIGITS.length)) {
        throw new Error("blank-panic-text: code reads core's digit table: a number is formatted with core::fmt at run time (write it with numbers.rs)");
      }
      blank(digits, DIGITS.length);
    }
  }
  if (paths === 0) throw new Error(`blank-panic-text: no panic location path found in ${wasmFile}`);
  writeFileSync(wasmFile, bytes);
  return zeroed;
}
