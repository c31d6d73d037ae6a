// The types of the visitor's entries of takecontrol-session ("." for
// bundlers, "./web" for a page without a bundler): what a customer's page
// uses. full.d.ts adds getSessionHistory for Node.js and "./full".
// scripts/build.mjs copies this file, full.d.ts and errors.d.ts into pkg/;
// tests/packaging/types.test.mjs checks them against the options each
// endpoint declares, the error codes and the objects the code builds.

// init() and initSync() as wasm-bindgen declares them (takecontrol_session.d.ts;
// the bindings themselves are bundled into index.js).
export { default, initSync } from "./takecontrol_session.js";
export type { InitInput, InitOutput, SyncInitInput } from "./takecontrol_session.js";
export { TakeControlError } from "./errors.js";
export type { TakeControlErrorFields } from "./errors.js";

/** The `code` of a TakeControlError. */
export type ErrorCode =
  | "invalid_options" | "invalid_request" | "invalid_key" | "rate_limited"
  | "server_error" | "api_error" | "unexpected_response" | "network"
  | "timeout" | "aborted" | "private_key_in_browser" | "unsupported";

/** How a call is made (shared by every call). */
export interface CallOptions {
  /** Your account's API domain (Profile > APIs). Default "https://api.us0.swi-rc.com". */
  apiBase?: string;
  /** Total time for the call, retries included, in ms. Default 15000. */
  timeoutMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Retries after a 429 or 503 (0 to 10). Default 2. */
  maxRetries?: number;
  /** Opt-in client-side limit, per key and API base, shared by every call on the page: past it, calls reject with rate_limited without touching the network. */
  rateLimit?: { requests: number; perSeconds: number };
}

/** Options of createSession. Only the fields given are sent. */
export interface CreateSessionOptions extends CallOptions {
  /** The account's public key (safe on a public page). */
  publicKey: string;
  /** At most 128 characters. */
  customerName?: string;
  /** At most 64 characters, an email address. */
  customerEmail?: string;
  /** At most 32 characters, any characters. */
  customerNumber?: string;
  /** At most 1024 characters. */
  problemDescription?: string;
  /** A positive whole number. */
  departmentId?: number;
  /** The technician's email address. */
  technicianUsername?: string;
  /** A language code such as "fr" or "pt-BR". */
  language?: string;
  /** Let the customer edit the ticket info. */
  askCustomerInfo?: boolean;
  /** Show the customer their place in the waiting queue. */
  showWaitingQueue?: boolean;
}

/** One request in the queue. */
export interface QueuedRequest {
  computerName: string | null;
  computerDomain: string | null;
  techUsername: string | null;
  /** Estimated wait in minutes. */
  waitingMinutes: number | null;
}

/** What createSession resolves with. */
export interface Session {
  /** Number of active requests in the account's queue. */
  queueLength: number;
  requests: QueuedRequest[];
  /** The whole parsed response body. */
  raw: unknown;
}

/** Options of createTicket: a deferred support request. All four fields are required. */
export interface CreateTicketOptions extends CallOptions {
  /** The account's public key (safe on a public page). */
  publicKey: string;
  /** The Take Control agent's id (Devices > Export List): a positive whole number, or a string of its digits for ids past Number.MAX_SAFE_INTEGER; sent as `ids`, digit for digit. */
  agentId: number | string;
  /** At most 100 characters; progress emails go to this person. */
  customerName: string;
  /** An email address, at most 100 characters. */
  customerEmail: string;
  /** At most 4000 characters. */
  problemDescription: string;
}

/** What createTicket resolves with. */
export interface Ticket {
  /** The ticket's number, as the server sent it (a number, or a string if it sends one). */
  ticketNumber: number | string;
  /** The whole parsed response body. */
  raw: unknown;
}

/**
 * Why an option breaks a rule, for a form to say in the visitor's language:
 * missing or empty; a name the function does not take; a value of the wrong
 * JS type (or one that cannot be read); more characters than allowed; not an
 * email address, language code, URL, date or string of digits; a number out
 * of its range, or dates in the wrong order.
 */
export type FieldErrorReason =
  | "required" | "unknown_option" | "wrong_type" | "too_long" | "invalid_format" | "out_of_range";

/** One option that breaks a rule. */
export interface FieldError {
  /** The option, as the caller named it: "customerEmail", "filters.id", "rateLimit.requests". */
  field: string;
  /** Why, as a code a form can translate. */
  reason: FieldErrorReason;
  /** A sentence in English for developers (never shown to visitors as is). */
  message: string;
  /** too_long: the most characters allowed; out_of_range: the bound crossed, when there is one. */
  limit?: number;
}

/**
 * Asks Take Control for a remote support session and resolves with the
 * visitor's place in the queue. Only the fields given are sent; every
 * failure rejects with a `TakeControlError`, and nothing is sent when the
 * options break a rule (`invalid_options`). Identical calls in flight share
 * one request, so a double click never queues two sessions.
 *
 * ```js
 * const session = await createSession({ publicKey, customerName: "Ada" });
 * console.log(session.queueLength, session.requests[0]?.waitingMinutes);
 * ```
 */
export function createSession(options: CreateSessionOptions): Promise<Session>;

/**
 * Checks `createSession` options without sending anything, and returns every
 * problem as `{ field, message }` (an empty array when the options are valid).
 * The same rules `createSession` applies, so a form and the call agree.
 *
 * ```js
 * validateSessionRequest({ publicKey, customerEmail: "nope" });
 * // [{ field: "customerEmail", message: "customerEmail must be an email address such as name@example.com" }]
 * ```
 */
export function validateSessionRequest(options: CreateSessionOptions): FieldError[];

/**
 * Files a deferred support request (a ticket), with the account's public
 * key: for help that can wait, a technician picks it up later and the
 * customer hears by email. All four fields are required; every failure
 * rejects with a `TakeControlError`, and nothing is sent when the options
 * break a rule. Identical calls in flight share one request.
 *
 * ```js
 * const { ticketNumber } = await createTicket({
 *   publicKey, agentId: 1234567891011, customerName: "John Doe",
 *   customerEmail: "john@example.com", problemDescription: "The printer is offline.",
 * });
 * ```
 */
export function createTicket(options: CreateTicketOptions): Promise<Ticket>;

/**
 * Checks `createTicket` options without sending anything, and returns every
 * problem (an empty array when the options are valid): the same rules
 * `createTicket` applies.
 */
export function validateTicketRequest(options: CreateTicketOptions): FieldError[];
