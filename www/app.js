// The demo help-desk page: reads the form, checks it with the package's own
// rules (validateSessionRequest), calls createSession, and tells the visitor
// where they stand in the queue or what to do about a failure.
//
// Everything the visitor reads is in this file or index.html; which API and
// key the page uses is in config.js.
import init, { createSession, validateSessionRequest, TakeControlError } from "./pkg/index.js";
import { config } from "./config.js";

/** The form controls: each one's name is the createSession option it feeds. */
const NAMES = ["customerName", "customerEmail", "customerNumber", "problemDescription", "language"];
/** Used when the API asks to wait but does not say how long. */
const DEFAULT_RETRY_SECONDS = 10;

const form = document.getElementById("help-form");
const button = document.getElementById("submit");
const result = document.getElementById("result");
const description = form.elements.problemDescription;
const counter = document.getElementById("problemDescription-counter");

/** Resolves with true once the package is ready, false if it cannot start. */
const ready = init().then(
  () => true,
  (error) => {
    console.error("takecontrol-session: the package could not start (is pkg/ built and served next to this page?):", error);
    showFailure({ title: "This page cannot reach our technicians", text: MISCONFIGURED, retry: null });
    return false;
  },
);

let busy = false;
let countdown = null;
/** True while a retry the page started by itself runs: it must not pull the visitor out of a field. */
let automatic = false;

// ---- small DOM helpers -------------------------------------------------

/** Creates an element; strings become text (never HTML). */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") element.className = value;
    else if (key === "on") for (const [type, listener] of Object.entries(value)) element.addEventListener(type, listener);
    else element.setAttribute(key, value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** The panel's heading, after a success or failure icon. */
function heading(kind, text) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "24");
  svg.setAttribute("height", "24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.classList.add("panel-icon");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute(
    "d",
    kind === "success"
      ? "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4.3-4.3 1.4-1.4 2.9 2.9 5.7-5.7 1.4 1.4-7.1 7.1Z"
      : "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z",
  );
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return h("h2", {}, svg, h("span", {}, text));
}

/**
 * Replaces what the result area shows and moves focus there, unless the page
 * retried by itself while the visitor was typing (the live region still
 * announces it).
 */
function showResult(panel) {
  result.replaceChildren(panel);
  const typing = form.contains(document.activeElement) && document.activeElement !== button && !form.hidden;
  if (!(automatic && typing)) result.focus();
}

// ---- the form ----------------------------------------------------------

/** createSession's options: the page's config plus the form's non-empty values. */
function formOptions() {
  const options = { publicKey: config.publicKey, apiBase: config.apiBase, showWaitingQueue: true };
  if (config.timeoutMs !== undefined) options.timeoutMs = config.timeoutMs;
  for (const name of NAMES) {
    const value = form.elements[name].value.trim();
    if (value) options[name] = value;
  }
  return options;
}

/**
 * The package's message, worded for the visitor. It is shown under the field
 * it is about, so "customerEmail must be…" reads "This must be…".
 */
function visitorMessage(field, message) {
  const text = message.startsWith(`${field} `) ? `This${message.slice(field.length)}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Shows the errors of the form's fields (and clears the others); returns the first field at fault. */
function showFieldErrors(errors, names = NAMES) {
  let first = null;
  for (const name of names) {
    const error = errors.find((e) => e.field === name);
    const control = form.elements[name];
    const slot = document.getElementById(`${name}-error`);
    slot.textContent = error ? visitorMessage(name, error.message) : "";
    slot.hidden = !error;
    if (error) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    if (error && !first) first = control;
  }
  return first;
}

function updateCounter() {
  // Characters as the package counts them (Unicode code points), not UTF-16 units.
  const length = [...description.value].length;
  counter.textContent = `${length} / 1024`;
  counter.classList.toggle("over", length > 1024);
}

// A field that shows an error is checked again as the visitor fixes it.
form.addEventListener("input", async (event) => {
  if (event.target === description) updateCounter();
  const name = event.target.name;
  if (!NAMES.includes(name) || event.target.getAttribute("aria-invalid") !== "true") return;
  if (!(await ready)) return;
  showFieldErrors(validateSessionRequest(formOptions()), [name]);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  send();
});

// ---- sending -----------------------------------------------------------

function setBusy(on) {
  busy = on;
  button.disabled = on;
  form.setAttribute("aria-busy", String(on));
}

function stopCountdown() {
  if (countdown) clearInterval(countdown.timer);
  countdown = null;
}

/** Checks the form and, when it is valid, asks for a session. `auto`: the page retries by itself. */
async function send({ auto = false } = {}) {
  if (busy) return; // a double click, or Enter held down, sends one request
  stopCountdown();
  setBusy(true);
  automatic = auto === true;
  if (!(await ready)) {
    setBusy(false);
    return;
  }
  const options = formOptions();
  const first = showFieldErrors(validateSessionRequest(options));
  if (first) {
    // Nothing is sent; the visitor lands on the first field to fix.
    result.replaceChildren();
    setBusy(false);
    first.focus();
    return;
  }
  showResult(
    h("div", { class: "panel panel-progress" },
      h("span", { class: "spinner", "aria-hidden": "true" }),
      h("p", {}, "Connecting you to a technician…"),
    ),
  );
  try {
    const session = await createSession(options);
    showSession(session);
  } catch (error) {
    explain(error);
  } finally {
    setBusy(false);
  }
}

function minutes(n) {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

/** "You are number 3 in line; a technician should be with you in about 2 minutes." (as nodes, the figures in bold) */
function placeInLine(session) {
  const wait = session.requests[0]?.waitingMinutes;
  const eta =
    typeof wait === "number" && Number.isFinite(wait)
      ? ["a technician should be with you in ", h("strong", {}, `about ${minutes(Math.max(1, Math.round(wait)))}`), "."]
      : ["a technician will be with you as soon as possible."];
  return ["You are ", h("strong", {}, `number ${session.queueLength}`), " in line; ", ...eta];
}

function showSession(session) {
  form.hidden = true; // one request per visit: nothing left to submit
  showResult(
    h("div", { class: "panel panel-success" },
      heading("success", "You are in the queue"),
      h("p", { class: "lead" }, ...placeInLine(session)),
      h("p", {}, "Please keep this page open and stay near your computer. The technician will ask for your permission before connecting."),
    ),
  );
}

// ---- failures ----------------------------------------------------------

const MISCONFIGURED =
  "This page is misconfigured, so we cannot connect you to a technician right now. " +
  "Please let us know by another way (phone or email), and we will help you from there.";

/** What the visitor reads for each error code, and what the site owner finds in the console. */
function explain(error) {
  const code = error instanceof TakeControlError ? error.code : "unknown";
  switch (code) {
    case "rate_limited":
      return startCountdown(error.retryAfterSeconds);
    case "network":
      return showFailure({
        title: "We could not reach our support service",
        text: "Please check your internet connection (Wi-Fi or cable), then try again.",
      });
    case "timeout":
      return showFailure({
        title: "Our support service did not answer in time",
        text: "Your connection may be slow, or we may be very busy. Please try again.",
      });
    case "server_error":
      return showFailure({
        title: "Our support service has a problem",
        text: "It is not your fault. Please try again in a few minutes.",
      });
    case "invalid_options": {
      // The form's fields were checked before sending, so this is the page's config.
      if (NAMES.includes(error.field)) {
        showFieldErrors([{ field: error.field, message: error.message }])?.focus();
        return result.replaceChildren();
      }
      console.error(`takecontrol-session: the page's settings are wrong (${error.field}); check www/config.js or the query string:`, error.message);
      return showFailure({ title: "This page cannot reach our technicians", text: MISCONFIGURED });
    }
    case "invalid_key":
      console.error(
        `takecontrol-session: the API refused the key (invalid_key, HTTP ${error.status}). ` +
          "Check publicKey in www/config.js: it must be the account's PUBLIC key, not expired, and allowed from this site.",
        error.message,
      );
      return showFailure({ title: "This page cannot reach our technicians", text: MISCONFIGURED });
    default:
      // invalid_request, api_error, unexpected_response, or a bug: the detail is for the site owner.
      console.error(`takecontrol-session: the request failed (${code}${error?.status ? `, HTTP ${error.status}` : ""}):`, error?.message ?? error, error?.errorDetails ?? "");
      return showFailure({
        title: "We could not connect you",
        text: "Something went wrong on our side. Please try again; if it keeps happening, contact us another way.",
      });
  }
}

function showFailure({ title, text, retry = "Try again", tone = "failure" }) {
  showResult(
    h("div", { class: `panel panel-${tone}` },
      heading("failure", title),
      h("p", {}, ...[text].flat()),
      retry ? h("button", { type: "button", class: "retry", on: { click: () => send() } }, retry) : null,
    ),
  );
}

/** "busy, trying again in N s", counting down, then trying again by itself. */
function startCountdown(retryAfterSeconds) {
  let left = Math.max(1, Math.ceil(Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : DEFAULT_RETRY_SECONDS));
  // role=timer is not announced at each tick; the sentence around it is, once.
  const seconds = h("span", { role: "timer", class: "seconds" }, String(left));
  showFailure({
    title: "We are very busy right now",
    text: ["Our support service is busy, trying again in ", seconds, " s. You will not need to type anything again."],
    retry: "Try again now",
    tone: "wait", // not the visitor's fault, and it sorts itself out
  });
  const timer = setInterval(() => {
    left -= 1;
    if (left > 0) {
      seconds.textContent = String(left);
      return;
    }
    stopCountdown();
    send({ auto: true });
  }, 1000);
  countdown = { timer };
}

updateCounter();
// Start with the visitor's language, when the list has it.
const languages = [...form.elements.language.options].map((option) => option.value);
for (const tag of navigator.languages ?? []) {
  const match =
    languages.find((value) => value.toLowerCase() === tag.toLowerCase()) ??
    languages.find((value) => value === tag.split("-")[0].toLowerCase());
  if (match) {
    form.elements.language.value = match;
    break;
  }
}
