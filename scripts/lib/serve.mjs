// The demo page's static server: www/ at `/` and the built package (pkg/) at
// `/pkg/`, on loopback. `npm start` serves it on a fixed port; the end-to-end
// tests start one on a free port. Either way it is another origin than the
// API's, so the browser makes its CORS preflight as in production.
import { createServer } from "node:http";
import { join } from "node:path";
import sirv from "sirv";
import { root } from "./run.mjs";

/**
 * Serves the page on `host:port` (port 0 picks a free one) and resolves with
 * { url, close } once it listens; rejects if the port cannot be bound.
 */
export function servePage({ port = 0, host = "127.0.0.1" } = {}) {
  // dev: files are read on each request, so an edit or a rebuild shows on reload.
  const www = sirv(join(root, "www"), { dev: true });
  const pkg = sirv(join(root, "pkg"), { dev: true });
  const notFound = (res) => {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("not found");
  };
  const server = createServer((req, res) => {
    if (req.url.startsWith("/pkg/")) {
      req.url = req.url.slice("/pkg".length);
      return pkg(req, res, () => notFound(res));
    }
    www(req, res, () => notFound(res));
  });
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
