// The HTTP way in: node:http, with the native server's semantics: the body
// read only as far as the core allows, delays cut when the client leaves
// (never handled) or the server stops (503), stalled answers chunked and
// never finished, and a graceful stop that gives up after 5 s.
import { createServer } from "node:http";
import { Shell, sendable } from "./shell.js";

/** How long open connections may go on once closing has begun. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The body, when it is at most `limit` bytes and could be read whole;
 * else undefined. A longer body is read to its end but not kept.
 */
function readLimited(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let length = 0;
    req.on("data", (chunk) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(length <= limit ? new Uint8Array(Buffer.concat(chunks, length)) : undefined));
    req.on("error", () => resolve(undefined));
    req.on("close", () => resolve(undefined));
  });
}

/** Header names and values as the native shell passes them (lossy UTF-8). */
function flatHeaders(raw) {
  const flat = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const value = raw[i + 1];
    flat.push(raw[i].toLowerCase(), /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, "latin1").toString("utf8"));
  }
  return flat;
}

/** The path and the raw query of a request target. */
function target(url) {
  let rest = url ?? "/";
  // An absolute-form target (a proxy request): only its path counts.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || "/";
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const mark = rest.indexOf("?");
  return mark < 0 ? [rest, ""] : [rest.slice(0, mark), rest.slice(mark + 1)];
}

/**
 * Serves the core over HTTP on host:port (port 0 picks a free one);
 * `adminToken`, when given, becomes the core's admin token. Resolves with
 * { server, url, close, adminToken } once listening.
 */
export function serve(core, { host = "127.0.0.1", port = 0, adminToken } = {}) {
  if (adminToken !== undefined) core.setAdminToken(adminToken);
  const shell = new Shell(core);
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    answer(shell, req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });
  // The native server has no time limit on a request; neither do we.
  server.requestTimeout = 0;
  let closing = null;
  const close = () => {
    closing ??= new Promise((resolve) => {
      shell.stop();
      let grace;
      server.close(() => {
        clearTimeout(grace);
        resolve();
      });
      server.closeIdleConnections();
      grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    });
    return closing;
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const hostPart = address.family === "IPv6" || address.family === 6 ? `[${address.address}]` : address.address;
      resolve({ server, url: `http://${hostPart}:${address.port}`, close, adminToken: core.adminToken });
    });
  });
}

async function answer(shell, req, res) {
  // A client that leaves before its delay is over: the request is never
  // handled (watched from the start: it may leave while its body is read).
  const left = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) left.abort();
  });
  const [path, query] = target(req.url);
  const headers = flatHeaders(req.rawHeaders);
  const limit = shell.bodyToRead(req.method, path, headers);
  const body = limit === undefined ? undefined : await readLimited(req, limit);
  const step = await shell.settle(shell.handle(req.method, path, query, headers, body), left.signal);
  if (!step || res.destroyed) return;
  res.statusCode = step.status;
  const byName = new Map();
  for (const [name, value] of step.headers) {
    if (!sendable(value)) continue;
    byName.set(name, [...(byName.get(name) ?? []), value]);
  }
  for (const [name, values] of byName) {
    try {
      res.setHeader(name, values.length === 1 ? values[0] : values);
    } catch {}
  }
  // Once stopping, no connection is kept for another request.
  if (shell.stopping) res.setHeader("connection", "close");
  const bytes = Buffer.from(step.body.buffer, step.body.byteOffset, step.body.byteLength);
  if (step.action !== "stall") {
    res.end(bytes);
    return;
  }
  // Stalled: chunked, the first bytes, then nothing until the client
  // leaves or the server stops, which cuts the connection.
  const forget = shell.stalled(() => res.destroy());
  res.once("close", forget);
  if (step.afterBytes > 0) res.write(bytes.subarray(0, step.afterBytes));
  else res.flushHeaders();
}
