// The types of takecontrol-session/element: <takecontrol-help>, the help
// form as one tag. scripts/build.mjs copies this file into pkg/.
import type { CreateSessionOptions, Session, TakeControlError } from "./index.js";

/** The keys of the form's words (README, "The help form element"): each built-in language has every one. */
export type MessageKey =
  | "nameLabel" | "emailLabel" | "numberLabel" | "problemLabel" | "requiredMark"
  | "nameHint" | "emailHint" | "numberHint" | "problemHint" | "counter"
  | "errorRequired" | "errorTooLong" | "errorEmail" | "errorInvalid"
  | "submit" | "privacy" | "loading" | "sending"
  | "queuedTitle" | "queuedPlace" | "queuedWait" | "queuedSoon" | "queuedStay"
  | "nextTitle" | "nextText" | "nextLink"
  | "busyTitle" | "busyText" | "busyLaterText" | "retryNow" | "retry"
  | "networkTitle" | "networkText" | "timeoutTitle" | "timeoutText"
  | "serverTitle" | "serverText" | "failedTitle" | "failedText"
  | "setupTitle" | "setupText" | "unsupportedTitle" | "unsupportedText" | "fallback";

/**
 * One message: text with `{name}` placeholders, plural forms chosen with
 * Intl.PluralRules (`one`, `other`, ...), or a function of the message's
 * values (`{ max }`, `{ count, max }`, `{ position }`, `{ minutes }`, `{ seconds }`).
 */
export type Message =
  | string
  | { [category in Intl.LDMLPluralRule]?: string }
  | ((values: Record<string, number>) => string);

/** Overrides of the built-in words, by key. */
export type Messages = Partial<Record<MessageKey, Message>>;

/** The help form. Attributes mirror these properties (`public-key` is `publicKey`, ...). */
export class TakeControlHelpElement extends HTMLElement {
  /**
   * Defines the element under `tagName` and returns the class defined (a
   * subclass when this class already has a name); does nothing when the name
   * is taken or there is no DOM.
   */
  static define(tagName?: string): typeof TakeControlHelpElement;
  /** The account's PUBLIC key (required). */
  publicKey: string | null;
  /** "Your domain for APIs", e.g. https://api.us0.swi-rc.com. */
  apiBase: string | null;
  departmentId: string | null;
  technicianUsername: string | null;
  /** The session's language; default: the language the form shows. */
  sessionLanguage: string | null;
  showWaitingQueue: boolean;
  askCustomerInfo: boolean;
  /** Which inputs to show, from "name email number problem" (default "name email problem"). */
  fields: string | null;
  /** Which of them must be filled (default none). */
  required: string | null;
  customerName: string | null;
  customerEmail: string | null;
  customerNumber: string | null;
  problemDescription: string | null;
  /** The support app the visitor downloads and runs once queued: https: (http: only on a loopback host), else not linked. */
  appletUrl: string | null;
  /** Another way to reach the help desk, shown when a session cannot be created: https:, http:, mailto:, tel: or relative, else not linked. */
  fallbackHref: string | null;
  fallbackText: string | null;
  /** The help desk's notice on how the visitor's details are used: https:, http:, mailto:, tel: or relative, else not linked. */
  privacyHref: string | null;
  /** Overrides of the built-in words; setting it re-renders at once. */
  messages: Messages | null;
  /** The last session this element created, or null. */
  readonly session: Session | null;
  /** Starts over: the form as it first appeared, no message. */
  reset(): void;
}

/** Whether `hostname`, as a URL's `hostname` spells it, is this machine: `localhost`, `127.0.0.1` or `[::1]`. */
export function isLoopback(hostname: string): boolean;

/** `detail` of each event the element dispatches (bubbling and composed). */
export interface TakeControlHelpEventMap {
  "takecontrol-ready": CustomEvent<Record<string, never>>;
  /** Cancelable; a listener may change `detail.options` before it is sent. */
  "takecontrol-submit": CustomEvent<{ options: CreateSessionOptions }>;
  "takecontrol-queued": CustomEvent<{ session: Session }>;
  "takecontrol-error": CustomEvent<{ error: TakeControlError }>;
}

declare global {
  interface HTMLElementTagNameMap {
    "takecontrol-help": TakeControlHelpElement;
  }
  interface HTMLElementEventMap extends TakeControlHelpEventMap {}
  interface DocumentEventMap extends TakeControlHelpEventMap {}
}
