// The demo help-desk page: the page's own words in the visitor's language
// (page.js, first, so that the form starts in that language too), then the
// help form, <takecontrol-help>, pointed at the API and key of config.js.
// Everything the form shows and does is the package's own
// (takecontrol-session/element); this file only configures it.
import { fallbackText } from "./page.js";
import { config } from "./config.js";
import "./pkg/element.js";

const help = document.querySelector("takecontrol-help");
help.apiBase = config.apiBase;
help.publicKey = config.publicKey;
help.fallbackText = fallbackText;
// Call settings that are not attributes go in through the submit event.
help.addEventListener("takecontrol-submit", (event) => {
  if (config.timeoutMs !== undefined) event.detail.options.timeoutMs = config.timeoutMs;
});
