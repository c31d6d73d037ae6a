// Loads the stand-in's core (WebAssembly, compiled from the Rust crate
// takecontrol-mock-core) once, and makes one from options.
import { readFile } from "node:fs/promises";
import init, { Core } from "./stand_in.js";

/** The demo keys, as the native binary has them. */
export const DEFAULT_PUBLIC_KEY = "demo-public-key";
export const DEFAULT_PRIVATE_KEY = "demo-private-key";

let loading = null;

/** Compiles and instantiates the .wasm beside this file, once. */
function load() {
  loading ??= readFile(new URL("./stand_in_bg.wasm", import.meta.url)).then((bytes) => init({ module_or_path: bytes }));
  return loading;
}

/**
 * The checks of the native binary, in its order: keys present and
 * different (messages name no key), then the fixture. `fixture` is JSON
 * text or an array of records; a fixture error's message starts with
 * `fixturePrefix`.
 */
export async function makeCore({ publicKey, privateKey, fixture, fixtureRecent = false, fixturePrefix = "fixture" }) {
  if (typeof publicKey !== "string" || typeof privateKey !== "string") throw new TypeError("the keys must be strings");
  if (publicKey === "" || privateKey === "") throw new Error("the keys must not be empty");
  if (publicKey === privateKey) throw new Error("the public and private keys must differ");
  const text = fixture === undefined || fixture === null ? undefined : typeof fixture === "string" ? fixture : JSON.stringify(fixture);
  await load();
  try {
    return new Core(publicKey, privateKey, text, fixtureRecent ? Date.now() : undefined);
  } catch (error) {
    throw new Error(`${fixturePrefix}: ${error?.message ?? error}`);
  }
}
