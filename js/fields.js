// The fields of JS objects that the Rust side reads (the API's parsed answer
// and js/call.js's outcome of an attempt), by their index in this list: one
// import for every field instead of a getter import each (each cost about
// 100 B of .wasm), and no name to pass across the boundary on a read.
// src/fields.rs holds the same list, in the same order.
const NAMES = [
  "result",
  "details",
  "errorDetails",
  "nrequests",
  "requests",
  "computer_name",
  "computer_domain",
  "tech_username",
  "waiting_time",
  "status",
  "retryAfter",
  "json",
  "fault",
  "cancelled",
];

/** `object[NAMES[index]]`; `object` is an object. */
export function field(object, index) {
  return object[NAMES[index]];
}
