// <takecontrol-help>: the help form as one tag (the package entry
// "./element"). It renders its form in the visitor's language as soon as
// that language's words arrive, while the WebAssembly module loads in
// parallel; checks the fields with the package's own rules; asks for a
// session; and tells the visitor where they stand in the queue, what to do
// next, or what to do about a failure.
//
// Importing it where there is no DOM (Node, server-side rendering) defines
// nothing and throws nothing. Its styles are a constructed stylesheet
// (adoptedStyleSheets), which a strict Content-Security-Policy allows.
import init, { createSession, validateSessionRequest, TakeControlError } from "./index.js";
import { isLoopback } from "./options.js";
// The stylesheet as text: scripts/build.mjs minifies js/element.css into this module.
import STYLES from "./element.css";

export { isLoopback };

/** The built-in languages, each loaded when a page needs it (only its own words reach the visitor). */
const LANGUAGES = {
  en: () => import("./messages/en.js"),
  fr: () => import("./messages/fr.js"),
  de: () => import("./messages/de.js"),
  es: () => import("./messages/es.js"),
  it: () => import("./messages/it.js"),
  nl: () => import("./messages/nl.js"),
  "pt-BR": () => import("./messages/pt-BR.js"),
};
/** Languages shown with another's words until they have their own. */
const NEAREST = { pt: "pt-BR", "pt-PT": "pt-BR" };

/** The `fields` tokens, the option each input fills, and how it is shown. */
const FIELDS = {
  name: { name: "customerName", label: "nameLabel", hint: "nameHint", max: 128, autocomplete: "name" },
  email: { name: "customerEmail", label: "emailLabel", hint: "emailHint", max: 64, autocomplete: "email", type: "email" },
  number: { name: "customerNumber", label: "numberLabel", hint: "numberHint", max: 32, autocomplete: "off" },
  problem: { name: "problemDescription", label: "problemLabel", hint: "problemHint", max: 1024, textarea: true },
};
const DEFAULT_FIELDS = "name email problem";
/** Used when the API asks to wait but does not say how long. */
const DEFAULT_RETRY_SECONDS = 10;
/**
 * The limits of the automatic retries after "too many requests" (429,
 * rate_limited): each waits at least MIN_WAIT_SECONDS, so that a Retry-After
 * of 0 cannot make a tab hammer the API; a wait over MAX_WAIT_SECONDS, or a
 * refusal after MAX_AUTOMATIC_RETRIES retries in a row, stops the countdown
 * and asks the visitor to try again later, by hand. The same limits hold
 * wherever the element retries by itself.
 */
const MIN_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 120;
const MAX_AUTOMATIC_RETRIES = 3;

/** Attributes that are createSession options (text), by attribute name. */
const OPTION_ATTRIBUTES = {
  "public-key": "publicKey",
  "api-base": "apiBase",
  "department-id": "departmentId",
  "technician-username": "technicianUsername",
  "session-language": "language",
  "customer-name": "customerName",
  "customer-email": "customerEmail",
  "customer-number": "customerNumber",
  "problem-description": "problemDescription",
};
const BOOLEAN_ATTRIBUTES = { "show-waiting-queue": "showWaitingQueue", "ask-customer-info": "askCustomerInfo" };
const OTHER_ATTRIBUTES = {
  fields: "fields",
  required: "required",
  "applet-url": "appletUrl",
  "fallback-href": "fallbackHref",
  "fallback-text": "fallbackText",
  "privacy-href": "privacyHref",
};
/** The attribute an option comes from, to name it when the option is wrong. */
const ATTRIBUTE_OF = Object.fromEntries(
  Object.entries({ ...OPTION_ATTRIBUTES, ...BOOLEAN_ATTRIBUTES }).map(([attribute, option]) => [option, attribute]),
);
/** Each field by the option it fills. */
const FIELD_OF = Object.fromEntries(Object.values(FIELDS).map((field) => [field.name, field]));
/** The visitor's words for the failures a retry may mend: [title key, text key]. */
const FAILURE_WORDS = {
  network: ["networkTitle", "networkText"],
  timeout: ["timeoutTitle", "timeoutText"],
  server_error: ["serverTitle", "serverText"],
  invalid_options: ["setupTitle", "setupText"],
  invalid_key: ["setupTitle", "setupText"],
};

/** `table[key]` when it is the table's own: a page's string (`lang="__proto__"`) never reaches Object.prototype. */
const own = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);

const HAS_DOM = typeof HTMLElement === "function" && typeof document === "object";
/** Each language's words once loaded, for every element on the page. */
const WORDS = new Map();

/** Plural rules and number format of each language, made once. */
const INTL = new Map();
function intl(language) {
  if (!INTL.has(language)) INTL.set(language, { plural: new Intl.PluralRules(language), number: new Intl.NumberFormat(language) });
  return INTL.get(language);
}

/** The module, loaded once for every element on the page; rejects with code `unsupported`. */
let module = null;
function loadModule() {
  module ??= init();
  return module;
}

/**
 * Styles `root` with the stylesheet every element shares (constructed once,
 * adopted by each shadow root). Engines without constructed stylesheets
 * (Safari before 16.4) get a <style> instead, which is returned: the
 * element keeps it first among its nodes.
 */
let sheet = null;
function styles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
    }
    root.adoptedStyleSheets = [sheet];
    return null;
  }
  const style = document.createElement("style");
  style.textContent = STYLES;
  return style;
}

/** Creates an element; strings become text (never HTML). */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") for (const [type, listener] of Object.entries(value)) element.addEventListener(type, listener);
    else element.setAttribute(key, value === true ? "" : value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** The language tag of the built-in words for `tag`, or null. */
export function builtInLanguage(tag) {
  if (typeof tag !== "string" || !tag) return null;
  const known = Object.keys(LANGUAGES);
  const lower = tag.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower) ?? Object.keys(NEAREST).find((k) => k.toLowerCase() === lower);
  if (exact) return NEAREST[exact] ?? exact;
  const primary = lower.split("-")[0];
  return known.find((k) => k === primary) ?? own(NEAREST, primary) ?? null;
}

const Base = HAS_DOM ? HTMLElement : class {};
/** The classes already given a tag name. */
const DEFINED = new WeakSet();

/**
 * The help form. Attributes and properties are listed in README ("The help
 * form element"); every inner node is in its open shadow root.
 */
export class TakeControlHelpElement extends Base {
  static get observedAttributes() {
    return ["lang", ...Object.keys(OPTION_ATTRIBUTES), ...Object.keys(BOOLEAN_ATTRIBUTES), ...Object.keys(OTHER_ATTRIBUTES)];
  }

  /** Defines the element under `tagName` unless that name is taken; returns the class. */
  static define(tagName = "takecontrol-help") {
    if (!HAS_DOM || typeof customElements !== "object" || customElements.get(tagName)) return this;
    // A class is defined once per registry: a second name gets a subclass of its own.
    const named = DEFINED.has(this) ? class extends this {} : this;
    DEFINED.add(named);
    customElements.define(tagName, named);
    return named;
  }

  #root = null;
  /** The custom state `rendered` (`:state(rendered)`), set once the form is on screen. */
  #internals = null;
  #style = null;
  #language = null;
  /** The words of #language once they have arrived (null until then: the form shows, its texts empty). */
  #words = null;
  #messages = null;
  #state = { kind: "idle" };
  #errors = [];
  #busy = false;
  #timer = null;
  #session = null;
  #reported = new Set();
  #ready = false;
  /** The module's failure, once it has failed: the form cannot send. */
  #failure = null;
  #values = {};
  #layout = "";
  /** The automatic retries since the visitor last sent the form. */
  #retries = 0;
  /** Whether the console was told that the page's address holds the key or API base. */
  #warned = false;

  connectedCallback() {
    if (!this.#root) {
      this.#root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      this.#style = styles(this.#root);
    }
    this.#chooseLanguage();
    this.#render();
    this.#resume();
    loadModule().then(
      () => {
        if (this.#ready) return;
        this.#ready = true;
        if (this.#state.kind === "loading") this.#show({ kind: "idle" });
        this.#emit("takecontrol-ready", {});
      },
      (error) => this.#unsupported(error),
    );
  }

  disconnectedCallback() {
    this.#stopCountdown();
  }

  /** Picks up a countdown that a detach stopped. */
  #resume() {
    if (this.#state.kind === "countdown" && !this.#timer) this.#tick(this.#state.left);
  }

  attributeChangedCallback(name, old, value) {
    if ((name === "public-key" || name === "api-base") && value) this.#fromAddress(name, value);
    if (!this.#root) return;
    if (name === "lang") this.#chooseLanguage();
    else if (name === "fields" || name === "required") this.#layout = "";
    else if (FIELD_OF[OPTION_ATTRIBUTES[name]]) this.#prefill(OPTION_ATTRIBUTES[name], old, value);
    this.#render();
  }

  /** A prefill attribute changed: the field shows it, unless the visitor has typed something else there. */
  #prefill(name, old, value) {
    const control = this.#root.querySelector("form")?.elements[name];
    if (!control) return;
    const untouched = control.value === (old ?? "");
    control.defaultValue = value ?? "";
    if (untouched) {
      control.value = value ?? "";
      delete this.#values[name];
    }
  }

  /**
   * Warns once when the page's own address (its query or fragment, raw or
   * percent-decoded) holds the key or the API base: whoever writes a link to
   * the page then chooses whose queue its visitors join. Not on loopback,
   * where a developer tries an account from the address bar.
   */
  #fromAddress(attribute, value) {
    if (this.#warned || isLoopback(location.hostname)) return;
    const address = location.search + location.hash;
    let decoded = address;
    try {
      decoded = decodeURIComponent(address);
    } catch {
      // A malformed escape: the raw address only.
    }
    if (!address.includes(value) && !decoded.includes(value)) return;
    this.#warned = true;
    this.#report(`the ${attribute} value is in this page's address: a link could send visitors to another account's queue (see SECURITY.md in takecontrol-session)`);
  }

  /** Overrides of the built-in words: key -> string, or a function of the message's values. */
  get messages() {
    return this.#messages;
  }

  set messages(value) {
    this.#messages = value && typeof value === "object" ? value : null;
    if (this.#root) this.#render();
  }

  /** The last session this element created, or null. */
  get session() {
    return this.#session;
  }

  /** Starts over: the form as it first appeared (prefilled from the attributes), no message. */
  reset() {
    this.#stopCountdown();
    this.#session = null;
    this.#errors = [];
    this.#values = {};
    this.#root?.querySelector("form")?.reset();
    this.#state = { kind: "idle" };
    if (this.#root) this.#render();
  }

  // ---- words ---------------------------------------------------------

  /** The element's own `lang`, the nearest ancestor's, <html lang>, then the browser's languages. */
  #chooseLanguage() {
    const declared = this.closest("[lang]")?.getAttribute("lang");
    const tags = [declared, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
    const language = tags.map(builtInLanguage).find(Boolean) ?? "en";
    if (language === this.#language) return;
    this.#language = language;
    this.#words = WORDS.get(language) ?? null;
    if (this.#words) return;
    // A small module, fetched in parallel with the .wasm; English if it cannot load.
    const arrived = (words) => {
      WORDS.set(language, words);
      if (this.#language !== language) return;
      this.#words = words;
      this.#render();
    };
    LANGUAGES[language]()
      .catch(() => LANGUAGES.en())
      .then((module) => arrived(module.default), () => arrived({}));
  }

  /** The message `key` with `values` filled in, as text ("" while the words are on their way). */
  #text(key, values = {}) {
    let template = this.#messages?.[key] ?? this.#words?.[key];
    if (typeof template === "function") {
      try {
        return String(template(values));
      } catch (error) {
        console.error(`takecontrol-help: messages.${key} threw:`, error);
        template = this.#words?.[key];
      }
    }
    if (template && typeof template === "object") {
      const count = Object.values(values).find((value) => typeof value === "number") ?? 0;
      template = template[intl(this.#language).plural.select(count)] ?? template.other;
    }
    const numbers = intl(this.#language).number;
    return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) =>
      Object.hasOwn(values, name) ? (typeof values[name] === "number" ? numbers.format(values[name]) : String(values[name])) : whole,
    );
  }

  // ---- rendering -----------------------------------------------------

  #fields() {
    const asked = (this.getAttribute("fields") ?? DEFAULT_FIELDS).split(/\s+/).filter((token) => Object.hasOwn(FIELDS, token));
    return asked.length ? [...new Set(asked)] : DEFAULT_FIELDS.split(" ");
  }

  #required() {
    return new Set((this.getAttribute("required") ?? "").split(/\s+/).filter((token) => Object.hasOwn(FIELDS, token)).map((token) => FIELDS[token].name));
  }

  /** What the visitor typed so far, by option name (kept across every re-render). */
  #typed() {
    const form = this.#root.querySelector("form");
    if (form) for (const { name } of Object.values(FIELDS)) if (form.elements[name]) this.#values[name] = form.elements[name].value;
    return this.#values;
  }

  #render() {
    if (!this.#root) return;
    // The first render waits for the words (a small module, in parallel with the
    // .wasm), so that the form appears once, at its size; a language switch
    // keeps the form as it is until the new words arrive.
    if (!this.#words && !this.#root.querySelector("form")) return;
    const fields = this.#fields();
    const layout = `${fields.join(" ")}|${[...this.#required()].join(" ")}`;
    const form = this.#root.querySelector("form");
    if (!form || layout !== this.#layout) this.#build(fields);
    this.#rendered();
    this.#layout = layout;
    this.#label();
    this.#showErrors();
    this.#renderStatus();
  }

  /** Builds the form's nodes, keeping whatever was typed. */
  #build(fields) {
    const typed = this.#root.querySelector("form") ? this.#typed() : this.#values;
    const required = this.#required();
    const form = h("form", { part: "form", novalidate: true, "aria-busy": "false", on: { submit: (event) => (event.preventDefault(), this.#submit()), input: (event) => this.#edited(event) } });
    for (const token of fields) {
      const field = FIELDS[token];
      const { name } = field;
      const control = h(field.textarea ? "textarea" : "input", {
        part: "input",
        id: name,
        name,
        type: field.textarea ? null : (field.type ?? "text"),
        rows: field.textarea ? "5" : null,
        autocomplete: field.autocomplete ?? null,
        spellcheck: field.type === "email" || name === "customerNumber" ? "false" : null,
        "aria-describedby": `${name}-hint ${name}-error`,
        "aria-required": required.has(name) ? "true" : null,
      });
      // The prefill is the default value: form.reset() (and reset()) goes back to it.
      control.defaultValue = this.getAttribute(ATTRIBUTE_OF[name]) ?? "";
      if (typed[name] !== undefined) control.value = typed[name];
      form.append(
        h("div", { part: `field field-${token}`, class: "field" },
          h("label", { part: "label", for: name }, h("span", { class: "label-text" }), required.has(name) ? h("span", { class: "required-mark" }) : null),
          h("p", { part: "hint", class: "hint", id: `${name}-hint` }),
          h("p", { part: "error", class: "error", id: `${name}-error`, hidden: true }),
          control,
          field.textarea ? h("p", { class: "counter", id: `${name}-counter`, "aria-hidden": "true" }) : null,
        ),
      );
    }
    form.append(
      h("div", { class: "actions" },
        h("button", { part: "submit", type: "submit", id: "submit" }),
        h("a", { part: "privacy", class: "privacy", id: "privacy" }),
      ),
    );
    const status = h("div", { part: "status", class: "status", id: "status", tabindex: "-1", "aria-live": "polite" });
    this.#replace(form, status);
  }

  /**
   * Sets the custom state `rendered`: a page may keep the form's space until
   * then with `takecontrol-help:not(:state(rendered))`. Engines without
   * custom states (or with only the older `--name` form) skip it.
   */
  #rendered() {
    try {
      this.#internals ??= this.attachInternals();
      this.#internals.states.add("rendered");
    } catch {
      // No custom states here: the page's rule does not apply either.
    }
  }

  /** The shadow root's nodes: `nodes`, after the fallback <style> if there is one. */
  #replace(...nodes) {
    this.#root.replaceChildren(...[this.#style, ...nodes].filter(Boolean));
  }

  /** Every fixed text: labels, hints, button, links. */
  #label() {
    const form = this.#root.querySelector("form");
    for (const token of this.#fields()) {
      const field = FIELDS[token];
      const control = form.elements[field.name];
      const box = control.closest(".field");
      box.querySelector(".label-text").textContent = this.#text(field.label);
      const mark = box.querySelector(".required-mark");
      if (mark) mark.textContent = ` ${this.#text("requiredMark")}`;
      box.querySelector(".hint").textContent = this.#text(field.hint, { max: field.max });
      if (field.textarea) this.#count(control);
    }
    form.querySelector("button[type=submit]").textContent = this.#text("submit");
    const privacy = form.querySelector(".privacy");
    const href = this.#link("privacy-href");
    privacy.hidden = !href;
    if (href) privacy.href = href;
    else privacy.removeAttribute("href");
    privacy.textContent = this.#text("privacy");
    form.hidden = this.#state.kind === "queued";
    this.#root.host.toggleAttribute("data-busy", this.#busy);
  }

  /**
   * The link attribute's value, or null when it is absent or not a link the
   * element renders (the console says why, once). Read by the platform's URL
   * against the page's base: https:, http:, mailto:, tel: or relative;
   * `applet-url` is a program the visitor downloads and runs, so https:
   * only, or http: on a loopback host.
   */
  #link(attribute) {
    const value = this.getAttribute(attribute);
    if (!value) return null;
    let url = null;
    try {
      url = new URL(value, document.baseURI);
    } catch {
      // Not a URL: not rendered either.
    }
    const scheme = url?.protocol;
    const applet = attribute === "applet-url";
    if (applet ? scheme === "https:" || (scheme === "http:" && isLoopback(url.hostname)) : /^(https?|mailto|tel):$/.test(scheme)) return value;
    this.#report(`the ${attribute} attribute is not linked: it must be https:${applet ? " (http: only on loopback)" : ", http:, mailto:, tel: or relative"}`);
    return null;
  }

  /** The problem field's "n / max" (characters as the package counts them: code points). */
  #count(control) {
    const field = FIELD_OF[control.name];
    const counter = this.#root.getElementById(`${control.name}-counter`);
    if (!counter || !field) return;
    const length = [...control.value].length;
    counter.textContent = this.#text("counter", { count: length, max: field.max });
    counter.classList.toggle("over", length > field.max);
  }

  /** Shows #errors under their fields (and clears the others); returns the first field at fault. */
  #showErrors() {
    const form = this.#root.querySelector("form");
    let first = null;
    for (const token of this.#fields()) {
      const { name } = FIELDS[token];
      const control = form.elements[name];
      const error = this.#errors.find((e) => e.field === name);
      const slot = this.#root.getElementById(`${name}-error`);
      slot.textContent = error ? this.#fieldMessage(error) : "";
      slot.hidden = !error;
      if (error) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      if (error && !first) first = control;
    }
    return first;
  }

  #fieldMessage(error) {
    switch (error.reason) {
      case "required":
        return this.#text("errorRequired");
      case "too_long":
        return this.#text("errorTooLong", { max: error.limit ?? FIELD_OF[error.field]?.max ?? 0 });
      case "invalid_format":
        return this.#text(error.field === "customerEmail" ? "errorEmail" : "errorInvalid");
      default:
        return this.#text("errorInvalid");
    }
  }

  // ---- the status region -------------------------------------------------

  /** Shows `state` in the status region; focus moves there unless the visitor is typing during an automatic retry. */
  #show(state, { focus = true } = {}) {
    this.#state = state;
    if (!this.#root.querySelector("form")) return; // shown by the first render
    this.#label();
    this.#renderStatus();
    const status = this.#root.getElementById("status");
    const active = this.#root.activeElement;
    const typing = active && active.closest("form") && active.type !== "submit";
    if (focus && status.firstChild && !(state.automatic && typing)) status.focus();
  }

  #renderStatus() {
    const status = this.#root.getElementById("status");
    if (!status) return;
    const state = this.#state;
    const panel = (tone, title, ...body) =>
      h("div", { class: `panel panel-${tone}` }, h("h2", {}, h("span", {}, title)), ...body);
    const fallback = () => {
      const href = this.#link("fallback-href");
      return href ? h("p", {}, h("a", { part: "fallback", class: "fallback", href }, this.getAttribute("fallback-text") || this.#text("fallback"))) : null;
    };
    const retry = (key) => h("button", { part: "retry", type: "button", class: "retry", on: { click: () => this.#submit() } }, this.#text(key));
    switch (state.kind) {
      case "idle":
        return status.replaceChildren();
      case "loading":
      case "sending":
        return status.replaceChildren(
          h("div", { class: "panel panel-progress" }, h("span", { class: "spinner", "aria-hidden": "true" }), h("p", {}, this.#text(state.kind === "loading" ? "loading" : "sending"))),
        );
      case "queued": {
        const wait = state.session.requests?.[0]?.waitingMinutes;
        const position = state.session.queueLength;
        const applet = this.#link("applet-url");
        return status.replaceChildren(
          panel(
            "success",
            this.#text("queuedTitle"),
            h("p", { class: "lead" },
              Number.isFinite(position) && position > 0 ? `${this.#text("queuedPlace", { position })} ` : "",
              typeof wait === "number" && Number.isFinite(wait) ? this.#text("queuedWait", { minutes: Math.max(1, Math.round(wait)) }) : this.#text("queuedSoon"),
            ),
            h("p", {}, this.#text("queuedStay")),
            applet
              ? h("div", { class: "next" },
                  h("h3", {}, this.#text("nextTitle")),
                  h("p", {}, this.#text("nextText")),
                  h("a", { part: "next-step", class: "next-step", href: applet }, this.#text("nextLink")),
                )
              : null,
          ),
        );
      }
      case "countdown":
        return status.replaceChildren(
          panel("wait", this.#text("busyTitle"), h("p", { role: "timer", class: "timer" }, this.#text("busyText", { seconds: state.left })), retry("retryNow")),
        );
      case "failure": {
        const [title, text] = state.words;
        return status.replaceChildren(panel("failure", this.#text(title), h("p", {}, this.#text(text)), state.retry ? retry("retry") : null, fallback()));
      }
      default:
        return undefined;
    }
  }

  // ---- the visitor's actions ---------------------------------------------------

  /** A field that shows an error is checked again as the visitor fixes it. */
  async #edited(event) {
    const control = event.target;
    if (control.tagName === "TEXTAREA") this.#count(control);
    if (control.getAttribute("aria-invalid") !== "true") return;
    try {
      await loadModule();
    } catch {
      return;
    }
    const name = control.name;
    const fresh = this.#check(this.#options()).filter((e) => e.field === name);
    this.#errors = [...this.#errors.filter((e) => e.field !== name), ...fresh];
    this.#showErrors();
  }

  /** The options createSession gets: the attributes, then what the visitor typed. */
  #options() {
    const options = {};
    for (const [attribute, option] of Object.entries(OPTION_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null && value !== "") options[option] = option === "departmentId" && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
    }
    for (const [attribute, option] of Object.entries(BOOLEAN_ATTRIBUTES)) if (this.hasAttribute(attribute)) options[option] = true;
    options.language ??= this.#language;
    const typed = this.#typed();
    for (const token of this.#fields()) {
      const { name } = FIELDS[token];
      const value = (typed[name] ?? "").trim();
      if (value) options[name] = value;
      else delete options[name];
    }
    return options;
  }

  /** The package's rules, then which of the shown fields must be filled. */
  #check(options) {
    const errors = validateSessionRequest(options);
    for (const name of this.#required()) {
      if (!options[name] && !errors.some((e) => e.field === name)) errors.push({ field: name, reason: "required", message: `${name} is required` });
    }
    return errors;
  }

  #setBusy(on) {
    this.#busy = on;
    const form = this.#root.querySelector("form");
    form.setAttribute("aria-busy", String(on));
    form.querySelector("button[type=submit]").disabled = on;
    this.#root.host.toggleAttribute("data-busy", on);
  }

  #stopCountdown() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Checks the form and, when it is valid, asks for a session. `automatic`: the element retries by itself. */
  async #submit({ automatic = false } = {}) {
    if (this.#busy || this.#state.kind === "queued") return; // a double click or Enter held down sends one request
    this.#stopCountdown();
    this.#retries = automatic ? this.#retries + 1 : 0;
    this.#setBusy(true);
    try {
      if (!this.#ready) {
        // Typed before the module arrived: wait for it, say so.
        if (!this.#failure) this.#show({ kind: "loading", automatic }, { focus: false });
        try {
          await loadModule();
        } catch (error) {
          return this.#unsupported(error, { focus: true });
        }
      }
      const options = this.#options();
      const errors = this.#check(options);
      const shown = new Set(this.#fields().map((token) => FIELDS[token].name));
      const visitor = errors.filter((e) => shown.has(e.field));
      this.#errors = visitor;
      const first = this.#showErrors();
      if (first) {
        this.#show({ kind: "idle" }, { focus: false });
        first.focus();
        return;
      }
      if (errors.length) {
        this.#integratorError(errors[0].field, errors[0].message);
        return this.#show({ kind: "failure", words: ["setupTitle", "setupText"], retry: false });
      }
      const detail = { options };
      if (!this.#emit("takecontrol-submit", detail, { cancelable: true })) return this.#show({ kind: "idle" }, { focus: false });
      this.#show({ kind: "sending", automatic });
      const session = await createSession(detail.options);
      this.#session = session;
      this.#errors = [];
      this.#show({ kind: "queued", session });
      this.#emit("takecontrol-queued", { session });
    } catch (error) {
      this.#explain(error, automatic);
    } finally {
      if (this.#root.querySelector("form")) this.#setBusy(false);
    }
  }

  /** What the visitor reads for each error code, and what the integrator finds in the console. */
  #explain(error, automatic) {
    const code = error instanceof TakeControlError ? error.code : "unknown";
    this.#emit("takecontrol-error", { error });
    switch (code) {
      case "rate_limited":
        return this.#countdown(error.retryAfterSeconds, automatic);
      case "network":
      case "timeout":
      case "server_error":
        break;
      case "invalid_options":
        this.#integratorError(error.field, error.message);
        break;
      case "invalid_key":
        this.#report(`the API refused the key (invalid_key, HTTP ${error.status}): check the public-key attribute; it must be the account's PUBLIC key, not expired, and allowed from this site.`);
        break;
      default:
        this.#report(`the request failed (${code}${error?.status ? `, HTTP ${error.status}` : ""}): ${error?.message ?? error}`);
    }
    return this.#show({ kind: "failure", words: own(FAILURE_WORDS, code) ?? ["failedTitle", "failedText"], retry: true, automatic });
  }

  #integratorError(field, message) {
    const attribute = own(ATTRIBUTE_OF, field);
    this.#report(attribute ? `the ${attribute} attribute is wrong: ${message}` : `the submitted options are wrong (${field}): ${message}`);
  }

  /** Tells the integrator once (per message), in the console. */
  #report(text) {
    if (this.#reported.has(text)) return;
    this.#reported.add(text);
    console.error(`takecontrol-help: ${text}`);
  }

  /**
   * "Trying again in N seconds", counting down, then trying again by itself;
   * past the limits (MAX_WAIT_SECONDS, MAX_AUTOMATIC_RETRIES), "please try
   * again in a few minutes", with the retry button and the fallback link.
   */
  #countdown(retryAfterSeconds, automatic) {
    const left = Math.max(MIN_WAIT_SECONDS, Math.ceil(Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : DEFAULT_RETRY_SECONDS));
    if (left > MAX_WAIT_SECONDS || this.#retries >= MAX_AUTOMATIC_RETRIES) {
      return this.#show({ kind: "failure", words: ["busyTitle", "busyLaterText"], retry: true, automatic });
    }
    this.#show({ kind: "countdown", left, automatic });
    this.#tick(left);
  }

  /** Counts down from `left` seconds, then tries again by itself (also when re-attached mid-countdown). */
  #tick(left) {
    this.#timer = setInterval(() => {
      left -= 1;
      if (left > 0) {
        this.#state = { ...this.#state, left };
        const timer = this.#root.querySelector("[role=timer]");
        if (timer) timer.textContent = this.#text("busyText", { seconds: left });
        return;
      }
      this.#stopCountdown();
      this.#submit({ automatic: true });
    }, 1000);
  }

  /** The module cannot run here: the visitor gets the fallback; the integrator the error, once. */
  #unsupported(error, { focus = false } = {}) {
    this.#show({ kind: "failure", words: ["unsupportedTitle", "unsupportedText"], retry: false }, { focus });
    if (this.#failure) return;
    this.#failure = error;
    this.#report(`${error.message} (the visitor is shown the fallback-href link)`);
    this.#emit("takecontrol-error", { error });
  }

  /** Dispatches a bubbling, composed event; false when a listener cancelled it. */
  #emit(type, detail, { cancelable = false } = {}) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}

// Properties that mirror the attributes.
for (const [attribute, property] of Object.entries({ ...OPTION_ATTRIBUTES, ...OTHER_ATTRIBUTES })) {
  const name = attribute === "session-language" ? "sessionLanguage" : property;
  Object.defineProperty(TakeControlHelpElement.prototype, name, {
    get() {
      return this.getAttribute(attribute);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
    configurable: true,
  });
}
for (const [attribute, property] of Object.entries(BOOLEAN_ATTRIBUTES)) {
  Object.defineProperty(TakeControlHelpElement.prototype, property, {
    get() {
      return this.hasAttribute(attribute);
    },
    set(value) {
      this.toggleAttribute(attribute, Boolean(value));
    },
    configurable: true,
  });
}

TakeControlHelpElement.define();
