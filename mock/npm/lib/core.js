// Loads the stand-in's core (WebAssembly, compiled from the Rust crate
// takecontrol-mock-core) and makes one from options. The .wasm is compiled
// once; its instance can be replaced by a fresh one (lib/recover.js does,
// after a trap), so a spare copy of the bindings is kept imported, ready to
// be instantiated synchronously.
import { readFile } from "node:fs/promises";
import { adminTokenProblem } from "./admin-token.js";
import { RecoveringCore } from "./recover.js";

/** The demo keys, as the native binary has them. */
export const DEFAULT_PUBLIC_KEY = "demo-public-key";
export const DEFAULT_PRIVATE_KEY = "demo-private-key";

let compiled = null;
let imported = 0;

/**
 * The bindings in use and a spare: each import of stand_in.js under its own
 * URL is a separate module, with its own WebAssembly instance once
 * initialised (the bindings keep theirs in module state).
 */
const runtime = {
  /** Bumped each time the instance is replaced. */
  generation: 0,
  module: null,
  current: null,
  exports: null,
  spare: null,
  /** Replaces the instance in use by the spare's, synchronously; returns the new bindings. */
  replace() {
    const next = this.spare;
    if (!next) throw new Error("no spare core to start afresh with");
    this.exports = next.initSync({ module: this.module });
    this.current = next;
    this.generation += 1;
    this.spare = null;
    freshBindings().then((spare) => (this.spare = spare), () => {});
    return next;
  },
};

const freshBindings = () => import(`./stand_in.js?instance=${++imported}`);

/** Compiles the .wasm beside this file and instantiates it, once; keeps a spare. */
async function load() {
  compiled ??= (async () => {
    runtime.module = await WebAssembly.compile(await readFile(new URL("./stand_in_bg.wasm", import.meta.url)));
    const [current, spare] = await Promise.all([freshBindings(), freshBindings()]);
    runtime.exports = current.initSync({ module: runtime.module });
    runtime.current = current;
    runtime.spare = spare;
  })();
  return compiled;
}

/** The instance's memory in use (tests make it run out with this). */
export const currentMemory = () => runtime.exports?.memory ?? null;

/**
 * The checks of the native binary, in its order: keys present and
 * different (messages name no key), then the fixture. `fixture` is JSON
 * text or an array of records; a fixture error's message starts with
 * `fixturePrefix`. `adminToken`: what `X-Admin-Token` must be over HTTP
 * (undefined: no token matches).
 */
export async function makeCore({ publicKey, privateKey, fixture, fixtureRecent = false, fixturePrefix = "fixture", adminToken }) {
  if (typeof publicKey !== "string" || typeof privateKey !== "string") throw new TypeError("the keys must be strings");
  if (publicKey === "" || privateKey === "") throw new Error("the keys must not be empty");
  if (publicKey === privateKey) throw new Error("the public and private keys must differ");
  if (adminToken !== undefined && adminTokenProblem(adminToken)) throw new Error(adminTokenProblem(adminToken));
  const text = fixture === undefined || fixture === null ? undefined : typeof fixture === "string" ? fixture : JSON.stringify(fixture);
  await load();
  const recentNow = fixtureRecent ? Date.now() : undefined;
  const args = { publicKey, privateKey, text, recentNow, adminToken };
  try {
    return new RecoveringCore(runtime, args);
  } catch (error) {
    throw new Error(`${fixturePrefix}: ${error?.message ?? error}`);
  }
}
