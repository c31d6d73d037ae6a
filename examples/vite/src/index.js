import { createSession, TakeControlError } from "takecontrol-session";
// The help form as one tag: defines <takecontrol-help> (in index.html), which loads the package itself.
import "takecontrol-session/element";

// Your account's API domain and public key (Take Control: Profile > APIs);
// here the stand-in API's. Written in the code, never read from the page's
// address: a link must not choose whose queue a visitor joins.
const apiBase = "http://127.0.0.1:8787";
const publicKey = "demo-public-key";

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
    console.error(error); // error.message is for you (it may quote the server): the visitor reads your words
    status.textContent = error.code === "rate_limited" ? "Could not connect you: we are busy, try again in a minute." : "Could not connect you: please try again later.";
  }
});
// The package is ready once this module runs: no init() to call.
form.querySelector("button").disabled = false;
