// The demo page's static server: www/ at `/` and the built package (pkg/) at
// `/pkg/`, on loopback. `npm start` serves it on a fixed port; the end-to-end
// tests start one on a free port. Either way it is another origin than the
// API's, so the browser makes its CORS preflight as in production.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";
import sirv from "sirv";
import { root } from "./run.mjs";

/** The tests' observer (e2e/lib/observe.js), as the pages served for tests load it. */
const OBSERVER = "/__e2e/observe.js";

/**
 * Wraps a static handler for tests: every HTML page under `dir` loads the
 * observer before its own scripts, after its Content-Security-Policy
 * <meta> (a file from the page's own origin, which such a policy allows).
 */
export function withObserver(dir, next, { page = (html) => html } = {}) {
  return (req, res) => {
    const path = decodeURIComponent(req.url.split("?")[0]);
    if (path === OBSERVER) {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      return res.end(readFileSync(join(root, "e2e", "lib", "observe.js")));
    }
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (file.startsWith(dir) && file.endsWith(".html") && existsSync(file)) {
      const html = readFileSync(file, "utf8");
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      return res.end(page(html.replace("<title>", `<script src="${OBSERVER}"></script>\n    <title>`), req));
    }
    next(req, res);
  };
}

/**
 * Serves the page on `host:port` (port 0 picks a free one) and resolves with
 * { url, close } once it listens; rejects if the port cannot be bound.
 * `observe`: the page loads the tests' observer (withObserver), and
 * `page(html, req)` rewrites each HTML page (its Content-Security-Policy,
 * say). `hold(path)` may return a promise the server waits for before it
 * answers for that file (the .wasm held back).
 */
export function servePage({ port = 0, host = "127.0.0.1", observe = false, page, hold = () => null } = {}) {
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
  const server = createServer(observe ? withObserver(join(root, "www"), handler, { page }) : handler);
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
