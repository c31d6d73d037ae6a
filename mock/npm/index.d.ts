// Types of takecontrol-mock: the stand-in for N-able Take Control's REST
// Session API (sessions, history, tickets), in process (`fetch`) or over
// HTTP (`listen`).
import type { Server } from "node:http";

/** The public key used when none is given: `"demo-public-key"`. */
export declare const DEFAULT_PUBLIC_KEY: "demo-public-key";
/** The private key used when none is given: `"demo-private-key"`. */
export declare const DEFAULT_PRIVATE_KEY: "demo-private-key";

/** A history record of a fixture: upper-case var names as keys. */
export interface FixtureRecord {
  ID: number;
  /** `YYYY-MM-DD HH:MM:SS` (UTC). */
  DATE_START: string;
  /** `YYYY-MM-DD HH:MM:SS`, or null while the session waits. */
  DATE_END?: string | null;
  COMPUTER_NAME?: string;
  COMPUTER_DOMAIN?: string;
  COMPUTER_OS?: string;
  TECH_USERNAME?: string;
  TECH_NAME?: string;
  CUSTOMER_NAME?: string;
  CUSTOMER_EMAIL?: string;
  CUSTOMER_NUMBER?: string;
  PROBLEM_DESCRIPTION?: string;
  NOTES?: string;
  HAS_VIDEOS?: boolean;
  CHAT_INFO?: string;
  VIDEO_LINKS?: string;
  CUSTOM_FIELD_NAME?: string;
  CUSTOM_FIELD_VALUE?: string;
  /** `PIN`, `CHANNEL`, `APPLET`, `LINK` or `API` (only serves the filters). */
  START_METHOD?: string;
  /** `ANSWERED`, `NOT_ANSWERED` or `WAITING` (only serves the filters). */
  PROCESSED?: string;
}

export interface StandInOptions {
  /** Key accepted by `POST /rest/session` and `POST /rest/ticket`; default `"demo-public-key"`. */
  publicKey?: string;
  /** Key accepted by `GET /rest/session/history`; default `"demo-private-key"`. */
  privateKey?: string;
  /** History records to preload: an array, or its JSON text (as the `--fixture` file). */
  fixture?: FixtureRecord[] | string;
  /** Move the fixture's dates by whole days so that its newest session started yesterday (UTC). */
  fixtureRecent?: boolean;
  /**
   * What a web page sends in `X-Admin-Token` to use `/__admin/*` over HTTP
   * (visible ASCII, no spaces); default: 16 random bytes in hex.
   */
  adminToken?: string;
}

/** A fault to inject (`POST /__admin/faults`); every field is optional. */
export interface FaultSpec {
  /** Exact request path (no query); default any `/rest` path. */
  path?: string;
  /** Default any method. */
  method?: string;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** Wait before answering (at most 3,600,000). */
  delay_ms?: number;
  /** 200-599: answer this instead of handling the request. */
  status?: number;
  /** `Retry-After` value, any text (`"2"`, an HTTP date). */
  retry_after?: string;
  /** Body of the injected answer, sent exactly as given (default the error envelope, `errorMsg` `injected <status>`). */
  body?: string;
  /** Content type of the injected answer (default `application/json`). */
  content_type?: string;
  /** Send the status, headers and this many body bytes, then never finish. */
  stall_after_bytes?: number;
}

/** A request received on `/rest/*`, as `GET /__admin/requests` lists it. */
export interface LoggedRequest {
  method: string;
  /** Without the query. */
  path: string;
  /** Raw, `""` when none. */
  query: string;
  /** Lower-case names; repeated headers joined with `", "`; `integration-key`, `cookie`, `authorization`, `proxy-authorization` and `x-admin-token` show as `"[redacted]"`. */
  headers: Record<string, string>;
  /** Which key came (`none`: no `INTEGRATION-KEY`; `unknown`: neither key) and whether it is the one the route takes. */
  key: { kind: "public" | "private" | "unknown" | "none"; matched: boolean };
  /** Raw text, `""` when empty or over 64 KiB. */
  body: string;
  /** The body parsed, or null. */
  json: unknown;
  /** Whether a fault was applied to it. */
  faulted: boolean;
}

/** A session created through the API, as `GET /__admin/sessions` lists it. */
export interface CreatedSession {
  id: number;
  computer_name: string;
  date_start: string;
  date_end: string | null;
  start_method: string;
  processed: string;
  queue_position: number;
  waiting_time: number;
  /** The validated fields as received. */
  request: Record<string, unknown>;
  [field: string]: unknown;
}

/** A ticket created through `POST /rest/ticket`, as `GET /__admin/tickets` lists it. */
export interface CreatedTicket {
  /** Its number, as the create answered it: 1, 2, ... (restarting at 1 after a reset). */
  ticket_number: number;
  /** The agent id (wire `ids`) as received: its digits, exact even past `Number.MAX_SAFE_INTEGER`. */
  ids: string;
  customer_name: string;
  customer_email: string;
  problem_description: string;
  /** `YYYY-MM-DD HH:MM:SS` (UTC). */
  date_created: string;
}

/** A pending fault, as given, with its remaining uses. */
export type PendingFault = FaultSpec & { remaining: number };

/** A running server of `listen()`. */
export interface Listening {
  /** `http://HOST:PORT`, the port actually bound. */
  url: string;
  /** The admin token a page sends in `X-Admin-Token` to use `/__admin/*`. */
  adminToken: string;
  /** The node:http server. */
  server: Server;
  /**
   * Stops: no new connections, delays answered 503 `server shutting down`,
   * stalled answers cut; resolves once every connection is closed (after
   * 5 s at the latest).
   */
  close(): Promise<void>;
}

export interface StandIn {
  /**
   * Answers a request in process, as `globalThis.fetch` would over HTTP
   * (any origin: only the path and query count). Aborting the request's
   * signal during an injected delay rejects with an `AbortError` and the
   * request is never handled; a stalled answer's body never ends until the
   * signal aborts or `close()` is called.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Serves this same stand-in over HTTP (default `127.0.0.1`, a free port). */
  listen(options?: { host?: string; port?: number; adminToken?: string }): Promise<Listening>;
  /** The admin token over HTTP (`X-Admin-Token`). */
  readonly adminToken: string;
  /** `GET /__admin/stats`: what the log, sessions, tickets and faults hold and may hold. */
  stats(): Record<"requests" | "sessions" | "tickets" | "faults", { entries: number; bytes: number; max_entries: number; max_bytes: number; dropped?: number }>;
  /** How many records the fixture preloaded. */
  readonly fixtureRecords: number;
  /** `GET /__admin/requests`: the `/rest/*` requests received, oldest first. */
  requests(): LoggedRequest[];
  /** `DELETE /__admin/requests`: empties the log; how many were cleared. */
  clearRequests(): number;
  /** `GET /__admin/sessions`: the sessions created through the API. */
  sessions(): CreatedSession[];
  /** `GET /__admin/tickets`: the tickets created through `POST /rest/ticket`, oldest first. */
  tickets(): CreatedTicket[];
  /** `GET /__admin/faults`: pending faults. */
  faults(): PendingFault[];
  /** `POST /__admin/faults`; throws a `StandInAdminError` (400) for a bad spec. */
  addFaults(spec: FaultSpec | FaultSpec[]): { queued: number; added: number };
  /** `DELETE /__admin/faults`: drops every pending fault; how many. */
  clearFaults(): number;
  /** `POST /__admin/reset`: empties the log, the created sessions, the tickets (numbers restart at 1) and the faults (the fixture stays). */
  reset(): { reset: true; cleared: { requests: number; sessions: number; tickets: number; faults: number } };
  /** Stops every server of `listen()` and cuts the in-process delays and stalls. */
  close(): Promise<void>;
}

/**
 * The `errorDetails` of every error the stand-in answers, in the envelope
 * `{"result":"ERROR","details":null,"errorDetails":{...}}`.
 */
export interface ErrorDetails {
  /** The HTTP status. */
  errorCode: number;
  /** What went wrong, e.g. `"Missing required field: customer_email"`. */
  errorMsg: string;
}

/** An admin API call the stand-in refused. */
export declare class StandInAdminError extends Error {
  readonly name: "StandInAdminError";
  readonly status: number;
  /** The answer's `errorDetails`, as sent; `message` quotes its `errorMsg`. */
  readonly errorDetails: ErrorDetails;
}

/**
 * A stand-in with these keys and fixture. Rejects, naming no key, when a
 * key is empty, the two are equal or the fixture is not valid.
 */
export declare function createStandIn(options?: StandInOptions): Promise<StandIn>;

/** A fresh admin token: 16 random bytes in hex. */
export declare function randomAdminToken(): string;
