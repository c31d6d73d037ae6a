// `npm start`: installs what is missing, builds the package, starts the
// stand-in Take Control API, and serves the demo page on a second origin (so
// the browser does the CORS preflight as it would against the real API).
// Ctrl-C stops both.
import { createServer } from "node:http";
import { join } from "node:path";
import sirv from "sirv";
import { build } from "./build.mjs";
import { startMock } from "./lib/mock.mjs";
import { root } from "./lib/run.mjs";

const apiAddr = process.env.TAKECONTROL_MOCK_ADDR ?? "127.0.0.1:8787";
const pagePort = Number(process.env.PORT ?? 8080);

await build();
const mock = await startMock({ addr: apiAddr, echo: true });

const www = sirv(join(root, "www"), { dev: true });
const pkg = sirv(join(root, "pkg"), { dev: true });
const server = createServer((req, res) => {
  if (req.url.startsWith("/pkg/")) {
    req.url = req.url.slice(4);
    return pkg(req, res, () => notFound(res));
  }
  www(req, res, () => notFound(res));
});
function notFound(res) {
  res.statusCode = 404;
  res.end("not found");
}
server.on("error", async (error) => {
  console.error(`✗ cannot serve the demo page on port ${pagePort}: ${error.message} (set PORT=...)`);
  await mock.stop();
  process.exit(1);
});
server.listen(pagePort, "127.0.0.1", () => {
  const page = `http://127.0.0.1:${pagePort}/`;
  const query = mock.url === "http://127.0.0.1:8787" ? "" : `?apiBase=${encodeURIComponent(mock.url)}`;
  console.log(`\n  Demo help-desk page:  ${page}${query}\n  Stand-in API:         ${mock.url}\n\n  Ctrl-C stops both.\n`);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  server.close();
  await mock.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
