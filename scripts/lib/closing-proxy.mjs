// An HTTP proxy on loopback that gives every request its own upstream
// connection and closes it after the answer. Chrome goes through it to
// reach wasm-bindgen-test-runner's page server, which is what keeps the
// runner from stalling before the first test:
//
// The runner's server (rouille on tiny_http 0.12) gives each accepted
// connection one worker for as long as the connection lives, from a pool
// that starts with 4 workers. When several connections arrive within a
// millisecond (the test page imports its JS modules at once, and Chrome
// opens up to 6 sockets), tiny_http's pool can queue one and lose its
// wake-up (task_pool.rs counts waiting workers before they take the lock),
// so that connection is served only when another one closes. Chrome keeps
// idle keep-alive sockets open for 300 s, so the page's navigation, and the
// runner with it, can wait for minutes. Through this proxy each upstream
// connection carries one request with `Connection: close`: no worker is
// held by an idle socket, and a queued connection waits for one answer at
// most. (How often it stalled with and without the proxy: CONTRIBUTING.md,
// "The test runner's stall".)
import { createServer, request } from "node:http";

/**
 * Starts the proxy on a free loopback port; resolves with { port, close,
 * requests() }: how many requests it has carried.
 */
export function startClosingProxy() {
  let carried = 0;
  const server = createServer((incoming, outgoing) => {
    carried += 1;
    let target;
    try {
      // A proxy is sent the absolute URL: http://127.0.0.1:PORT/path
      target = new URL(incoming.url);
    } catch {
      outgoing.writeHead(400).end();
      return;
    }
    if (target.protocol !== "http:") {
      outgoing.writeHead(501).end();
      return;
    }
    const headers = { ...incoming.headers, connection: "close" };
    delete headers["proxy-connection"];
    delete headers["keep-alive"];
    const upstream = request(
      { host: target.hostname, port: target.port || 80, method: incoming.method, path: target.pathname + target.search, headers, agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode, answer.statusMessage, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.destroy();
    });
    // The browser gave up (a cancelled request): so does the upstream one.
    outgoing.on("close", () => upstream.destroy());
    incoming.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ port: server.address().port, close, requests: () => carried });
    });
  });
}
