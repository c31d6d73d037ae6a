// `npm start`: installs what is missing, builds the package, starts the
// stand-in Take Control API, and serves the demo page on a second origin (so
// the browser does the CORS preflight as it would against the real API).
// Ctrl-C stops both.
import { build } from "./build.mjs";
import { startMock } from "./lib/mock.mjs";

const apiAddr = process.env.TAKECONTROL_MOCK_ADDR ?? "127.0.0.1:8787";
const pagePort = Number(process.env.PORT ?? 8080);

await build();
// Imported only now: on a fresh clone its npm dependency (sirv) exists once
// build() has run setup.
const { servePage } = await import("./lib/serve.mjs");
const mock = await startMock({ addr: apiAddr, echo: true });

let page;
try {
  page = await servePage({ port: pagePort });
} catch (error) {
  console.error(`✗ cannot serve the demo page on port ${pagePort}: ${error.message} (set PORT=...)`);
  await mock.stop();
  process.exit(1);
}
// www/config.js defaults to the stand-in's usual address; say so when it moved.
const query = mock.url === "http://127.0.0.1:8787" ? "" : `?apiBase=${encodeURIComponent(mock.url)}`;
// The admin token lets a page on another origin use the stand-in's /__admin/* (X-Admin-Token).
console.log(`\n  Demo help-desk page:  ${page.url}${query}\n  Stand-in API:         ${mock.url}\n  Admin token:          ${mock.adminToken}\n\n  Ctrl-C stops both.\n`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  await Promise.all([page.close(), mock.stop()]);
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
