// The admin token: what a caller's `X-Admin-Token` must hold for the core to
// let a web page use /__admin/* over HTTP (the core compares it).
import { randomBytes } from "node:crypto";

/** A fresh admin token: 16 random bytes in hex. */
export const randomAdminToken = () => randomBytes(16).toString("hex");

/** Why `token` cannot be an admin token (visible ASCII, no spaces), or null when it can. */
export const adminTokenProblem = (token) => (/^[\x21-\x7e]+$/.test(token) ? null : "the admin token must be visible ASCII, without spaces");
