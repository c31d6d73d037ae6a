// Which Take Control API and key this page uses: the only file to edit when
// you copy the page. The defaults are the stand-in API that `npm start` runs.
//
// For a real account, set apiBase to "Your domain for APIs" (Take Control
// admin area > Profile > APIs, e.g. https://api.us0.swi-rc.com) and
// publicKey to the account's PUBLIC key (this page is public: never a
// private key), and put exactly that API domain in connect-src of the
// Content-Security-Policy (index.html's, and your server's header).
//
// While the page is served from this machine (localhost, 127.0.0.1, [::1])
// the query string overrides each value, to try an account without editing:
//   ?apiBase=https://api.us0.swi-rc.com&publicKey=YOUR_PUBLIC_KEY
// and ?timeoutMs=5000 shortens the time the page waits for an answer
// (default: the package's 15 s). On any other host the query string is
// ignored: a link must never choose whose queue a visitor joins
// (SECURITY.md).
import { isLoopback } from "./pkg/element.js";

const defaults = {
  apiBase: "http://127.0.0.1:8787",
  publicKey: "demo-public-key",
  timeoutMs: undefined,
};

const params = new URLSearchParams(location.search);
const local = isLoopback(location.hostname);
const overrides = ["apiBase", "publicKey", "timeoutMs"].filter((name) => params.has(name));
if (!local && overrides.length) {
  console.error(
    `This page ignores ${overrides.join(", ")} in its address: it is not served from this machine, and a link must not choose where the visitor's details go. Set them in config.js (see SECURITY.md).`,
  );
}
const given = (name) => (local ? params.get(name) : null);
const timeout = given("timeoutMs");

export const config = {
  apiBase: given("apiBase") ?? defaults.apiBase,
  publicKey: given("publicKey") ?? defaults.publicKey,
  // A malformed value is passed on as is: createSession then refuses it
  // (invalid_options, field timeoutMs) and the page reports a misconfiguration.
  timeoutMs: timeout === null ? defaults.timeoutMs : Number(timeout),
};
