// The demo page's static server: www/ at `/` and the built package (pkg/) at
// `/pkg/`, on loopback. `npm start` serves it on a fixed port; the end-to-end
// tests start one on a free port. Either way it is another origin than the
// API's, so the browser makes its CORS preflight as in production.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize, sep } from "node:path";
import sirv from "sirv";
import { root } from "./run.mjs";

/** The tests' observer (e2e/lib/observe.js), as the pages served for tests load it. */
const OBSERVER = "/__e2e/observe.js";

/**
 * The sources a page served here may also connect to: the stand-in on this
 * machine. Added to connect-src of each page's <meta> policy as it is
 * served, never written in www/index.html, which is the page to publish
 * (a header cannot loosen a <meta> policy, only tighten it).
 */
export const LOOPBACK_SOURCES = "http://127.0.0.1:* http://localhost:* http://[::1]:*";

/** `html` with LOOPBACK_SOURCES added to its <meta> Content-Security-Policy's connect-src. */
export function withLoopbackSources(html) {
  return html.replace(/(<meta http-equiv="Content-Security-Policy"[^>]*?content="[^"]*?connect-src [^;"]*)/, `$1 ${LOOPBACK_SOURCES}`);
}

/**
 * What every page served here is sent with, as a help-desk page's own
 * server should send it (SECURITY.md): no other site may frame it, and
 * nothing is sniffed into another type. A <meta> policy cannot say
 * frame-ancestors; this header only adds that directive.
 */
function pageHeaders(res) {
  res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
  res.setHeader("X-Content-Type-Options", "nosniff");
}

/**
 * The file under `dir` that the request path `path` names, or null when the
 * path is not one (malformed percent-encoding, or outside `dir` once
 * normalized: `..`, or a sibling folder whose name starts like `dir`'s).
 */
function fileIn(dir, path) {
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = normalize(join(dir, decoded.endsWith("/") ? `${decoded}index.html` : decoded));
  return file.startsWith(dir + sep) ? file : null;
}

/**
 * Wraps a static handler: every HTML page under `dir` is served with
 * pageHeaders and its policy's LOOPBACK_SOURCES; `page(html, req)` may
 * rewrite it further. For tests (`observe`), each loads the observer before
 * its own scripts, after its Content-Security-Policy <meta> (a file from
 * the page's own origin, which such a policy allows). `edits` maps a
 * script's path to a function of its text: the file as a test serves it
 * (config.js pointed at this run's stand-in, as its user edits it). A
 * request path that
 * cannot be decoded, or that leaves `dir`, is answered 400.
 */
export function withPages(dir, next, { observe = false, page = (html) => html, edits = {} } = {}) {
  return (req, res) => {
    const path = req.url.split("?")[0];
    if (observe && path === OBSERVER) {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      return res.end(readFileSync(join(root, "e2e", "lib", "observe.js")));
    }
    const file = fileIn(dir, path);
    if (file === null) {
      res.statusCode = 400;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      return res.end("bad request path");
    }
    pageHeaders(res);
    if (Object.hasOwn(edits, path) && existsSync(file)) {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      return res.end(edits[path](readFileSync(file, "utf8")));
    }
    if (file.endsWith(".html") && existsSync(file)) {
      let html = withLoopbackSources(readFileSync(file, "utf8"));
      if (observe) html = html.replace("<title>", `<script src="${OBSERVER}"></script>\n    <title>`);
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      return res.end(page(html, req));
    }
    next(req, res);
  };
}

/**
 * Serves the page on `host:port` (port 0 picks a free one) and resolves with
 * { url, close } once it listens; rejects if the port cannot be bound.
 * `observe`: the page loads the tests' observer, and `page(html, req)`
 * rewrites each HTML page (its Content-Security-Policy, say), `edits` a
 * script; see withPages. `hold(path)` may return a promise the server waits for before
 * it answers for that file (the .wasm held back).
 */
export function servePage({ port = 0, host = "127.0.0.1", observe = false, page, edits, hold = () => null } = {}) {
  // dev: files are read on each request, so an edit or a rebuild shows on reload.
  const www = sirv(join(root, "www"), { dev: true });
  const pkg = sirv(join(root, "pkg"), { dev: true });
  const notFound = (res) => {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("not found");
  };
  const handler = async (req, res) => {
    await hold(req.url.split("?")[0]);
    if (req.url.startsWith("/pkg/")) {
      req.url = req.url.slice("/pkg".length);
      return pkg(req, res, () => notFound(res));
    }
    www(req, res, () => notFound(res));
  };
  const server = createServer(withPages(join(root, "www"), handler, { observe, page, edits }));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { port: bound } = server.address();
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ url: `http://${host}:${bound}/`, close, server });
    });
  });
}
