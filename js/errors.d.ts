// The declaration of js/errors.js, copied into pkg/ by scripts/build.mjs.
import type { ErrorCode, FieldError } from "./index.js";

/** Extra fields of a TakeControlError, present only when they apply. */
export interface TakeControlErrorFields {
  /** The option at fault (invalid_options only). */
  field?: string;
  /** The HTTP status, whenever there was a response. */
  status?: number;
  /** Seconds the server asked to wait (Retry-After), when it said so. */
  retryAfterSeconds?: number;
  /** The server's errorDetails, as it sent them. */
  errorDetails?: unknown;
  /** The server's own words (errorDetails' errorMsg, or its text), trimmed, at most 200 characters, key redacted. Written by the server: log it, never show it to a visitor. */
  serverMessage?: string;
  /** invalid_options only: every problem with the options, the first one's field being `field`. */
  fieldErrors?: FieldError[];
}

/** Every failure of takecontrol-session rejects with this class. */
export declare class TakeControlError extends Error {
  constructor(code: ErrorCode, message: string, extra?: TakeControlErrorFields);
  readonly name: "TakeControlError";
  /** What went wrong; see the README for what to do about each. */
  readonly code: ErrorCode;
  /** The option at fault (invalid_options only). */
  readonly field?: string;
  /** The HTTP status, whenever there was a response. */
  readonly status?: number;
  /** Seconds the server asked to wait (Retry-After), when it said so. */
  readonly retryAfterSeconds?: number;
  /** The server's errorDetails, as it sent them (any echo of the key redacted). */
  readonly errorDetails?: unknown;
  /** The server's own words (errorDetails' errorMsg, or its text), trimmed, at most 200 characters, key redacted. Written by the server: log it, never show it to a visitor. */
  readonly serverMessage?: string;
  /** invalid_options only: every problem with the options, the first one's field being `field`. */
  readonly fieldErrors?: FieldError[];
}
