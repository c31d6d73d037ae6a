import { createSession, TakeControlError } from "takecontrol-session";
// The help form as one tag: defines <takecontrol-help> (in index.html), which loads the package itself.
import "takecontrol-session/element";

// Your account's API domain and public key (Take Control: Profile > APIs).
// The defaults are the stand-in API's; `?apiBase=...&publicKey=...` overrides them.
const params = new URLSearchParams(location.search);
const apiBase = params.get("apiBase") ?? "http://127.0.0.1:8787";
const publicKey = params.get("publicKey") ?? "demo-public-key";

const form = document.querySelector("#help");
const status = document.querySelector("#status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "Asking for a technician…";
  try {
    const session = await createSession({
      publicKey,
      apiBase,
      customerName: form.elements.customerName.value,
      showWaitingQueue: true,
    });
    status.textContent = `You are number ${session.queueLength} in line.`;
  } catch (error) {
    if (!(error instanceof TakeControlError)) throw error;
    status.textContent = `Could not create the session (${error.code}): ${error.message}`;
  }
});
// The package is ready once this module runs: no init() to call.
form.querySelector("button").disabled = false;
