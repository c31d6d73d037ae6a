// The demo help-desk page: reads the form, checks it with the package's own
// rules (validateSessionRequest), calls createSession, and tells the visitor
// where they stand in the queue or what to do about a failure.
import init, { createSession, validateSessionRequest, TakeControlError } from "./pkg/index.js";
import { config } from "./config.js";

const form = document.getElementById("help-form");
const button = document.getElementById("submit");
const progress = document.getElementById("progress");
const result = document.getElementById("result");
const FIELDS = ["customerName", "customerEmail", "customerNumber", "problemDescription", "language"];

const ready = init();

/** The form's non-empty values, named as createSession's options. */
function formOptions() {
  const options = { publicKey: config.publicKey, apiBase: config.apiBase, showWaitingQueue: true };
  for (const name of FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) options[name] = value;
  }
  return options;
}

function showFieldErrors(errors) {
  for (const name of FIELDS) {
    document.getElementById(`${name}-error`).textContent = "";
    form.elements[name].removeAttribute("aria-invalid");
  }
  for (const { field, message } of errors) {
    if (!FIELDS.includes(field)) continue;
    document.getElementById(`${field}-error`).textContent = message;
    form.elements[field].setAttribute("aria-invalid", "true");
  }
  const first = errors.find((e) => FIELDS.includes(e.field));
  if (first) form.elements[first.field].focus();
}

function minutes(n) {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

function showSession(session) {
  const wait = session.requests[0]?.waitingMinutes;
  const place = `You are number ${session.queueLength} in line`;
  const eta = typeof wait === "number" ? `; a technician should be with you in about ${minutes(Math.max(1, Math.round(wait)))}` : "";
  result.className = "panel success";
  result.textContent = `${place}${eta}.`;
  result.focus();
}

const ADVICE = {
  rate_limited: (e) => `We are very busy right now. Please try again${e.retryAfterSeconds ? ` in ${Math.ceil(e.retryAfterSeconds)} s` : " in a moment"}.`,
  invalid_key: () => "This page is misconfigured, so we cannot connect you. Please call us instead.",
  network: () => "We could not reach the support service. Check your internet connection and try again.",
  timeout: () => "The support service is taking too long to answer. Please try again.",
  server_error: () => "The support service has a problem right now. Please try again in a few minutes.",
};

function showFailure(error) {
  if (error instanceof TakeControlError && error.code === "invalid_key") {
    console.error("takecontrol-session: the API refused the key (check config.js):", error.message);
  }
  const advice = (error instanceof TakeControlError && ADVICE[error.code]?.(error)) ||
    "Something went wrong and we could not connect you. Please try again.";
  result.className = "panel failure";
  result.textContent = advice;
  result.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (button.disabled) return;
  await ready;
  const options = formOptions();
  const errors = validateSessionRequest(options);
  showFieldErrors(errors);
  if (errors.length) return;
  button.disabled = true;
  progress.hidden = false;
  result.textContent = "";
  try {
    showSession(await createSession(options));
  } catch (error) {
    showFailure(error);
  } finally {
    button.disabled = false;
    progress.hidden = true;
  }
});
