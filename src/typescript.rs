//! TypeScript declarations of the option and result objects, added to the
//! generated `.d.ts` next to the exported functions that use them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The `code` of a TakeControlError. */
export type ErrorCode =
  | "invalid_options" | "invalid_request" | "invalid_key" | "rate_limited"
  | "server_error" | "api_error" | "unexpected_response" | "network"
  | "timeout" | "aborted";

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

/** One option that breaks a rule. */
export interface FieldError {
  field: string;
  message: string;
}
"#;
