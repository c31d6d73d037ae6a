// Which Take Control API and key this page uses: the only file to edit when
// you copy the page. The defaults are the stand-in API that `npm start` runs.
//
// For a real account, set apiBase to "Your domain for APIs" (Take Control
// admin area > Profile > APIs, e.g. https://api.us0.swi-rc.com) and
// publicKey to the account's PUBLIC key (this page is public: never a
// private key), and add the API domain to connect-src in index.html's
// Content-Security-Policy.
//
// The query string overrides each value, to try an account without editing:
//   ?apiBase=https://api.us0.swi-rc.com&publicKey=YOUR_PUBLIC_KEY
// and ?timeoutMs=5000 shortens the time the page waits for an answer
// (default: the package's 15 s).
const defaults = {
  apiBase: "http://127.0.0.1:8787",
  publicKey: "demo-public-key",
  timeoutMs: undefined,
};

const params = new URLSearchParams(location.search);
const timeout = params.get("timeoutMs");

export const config = {
  apiBase: params.get("apiBase") ?? defaults.apiBase,
  publicKey: params.get("publicKey") ?? defaults.publicKey,
  // A malformed value is passed on as is: createSession then refuses it
  // (invalid_options, field timeoutMs) and the page reports a misconfiguration.
  timeoutMs: timeout === null ? defaults.timeoutMs : Number(timeout),
};
