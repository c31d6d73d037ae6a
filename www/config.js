// Which Take Control API and key the page uses. Defaults: the stand-in API
// that `npm start` runs. For a real account, change the two values below, or
// open the page with ?apiBase=https://api.us0.swi-rc.com&publicKey=YOUR_PUBLIC_KEY
// (the API domain is in the admin area under Profile > APIs; use the
// account's PUBLIC key: this page is public).
const params = new URLSearchParams(location.search);

export const config = {
  apiBase: params.get("apiBase") ?? "http://127.0.0.1:8787",
  publicKey: params.get("publicKey") ?? "demo-public-key",
};
