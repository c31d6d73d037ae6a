// The types of the full build of takecontrol-session: Node.js ("." under
// the `node` condition) and "./full" (trusted internal pages): everything in
// index.d.ts, and getSessionHistory, which needs the account's private key.
export * from "./index.js";
// As wasm-bindgen declares them (the bindings are bundled into full.js).
export { default, initSync } from "./takecontrol_session_full.js";
export type { InitInput, InitOutput, SyncInitInput } from "./takecontrol_session_full.js";
import type { CallOptions } from "./index.js";

/** The documented session history vars. */
export type HistoryVar =
  | "ID" | "COMPUTER_NAME" | "COMPUTER_DOMAIN" | "COMPUTER_OS" | "TECH_USERNAME"
  | "TECH_NAME" | "CUSTOMER_NAME" | "CUSTOMER_EMAIL" | "CUSTOMER_NUMBER"
  | "PROBLEM_DESCRIPTION" | "NOTES" | "HAS_VIDEOS" | "DATE_START" | "DATE_END"
  | "CHAT_INFO" | "VIDEO_LINKS" | "CUSTOM_FIELD_NAME" | "CUSTOM_FIELD_VALUE";

/** Filters of getSessionHistory; dates are UTC. */
export interface HistoryFilters {
  id?: number;
  /** Sessions started at or after: a Date or "YYYY-MM-DD HH:MM:SS". */
  dateStartFrom?: Date | string;
  /** Sessions started at or before: a Date or "YYYY-MM-DD HH:MM:SS". */
  dateStartTo?: Date | string;
  customerName?: string;
  customerEmail?: string;
  computerName?: string;
  techUsername?: string;
  /** "ALL" or a start method name. */
  startMethod?: string;
  /** "ALL", "ANSWERED", ... */
  processed?: string;
  hasVideos?: boolean;
}

/** Options of getSessionHistory. Server-side or trusted code only. */
export interface SessionHistoryOptions extends CallOptions {
  /** The account's private key: never on a public page. */
  privateKey: string;
  /** The columns to fetch. Default: ID, CUSTOMER_NAME, CUSTOMER_EMAIL, COMPUTER_NAME, TECH_USERNAME, TECH_NAME, PROBLEM_DESCRIPTION, DATE_START, DATE_END, HAS_VIDEOS. */
  vars?: HistoryVar[];
  filters?: HistoryFilters;
  /** Allow the call on a web page (an internal dashboard behind your own login). */
  dangerouslyAllowBrowser?: boolean;
}

/** One past session: a field per var asked for (null when missing or unreadable), and the record as received. */
export interface SessionRecord {
  id?: number | null;
  computerName?: string | null;
  computerDomain?: string | null;
  computerOs?: string | null;
  techUsername?: string | null;
  techName?: string | null;
  customerName?: string | null;
  customerEmail?: string | null;
  customerNumber?: string | null;
  problemDescription?: string | null;
  notes?: string | null;
  hasVideos?: boolean | null;
  dateStart?: Date | null;
  dateEnd?: Date | null;
  chatInfo?: string | null;
  videoLinks?: string | null;
  customFieldName?: string | null;
  customFieldValue?: string | null;
  raw: unknown;
}

/** What getSessionHistory resolves with. */
export interface SessionHistory {
  sessions: SessionRecord[];
  /** The whole parsed response body. */
  raw: unknown;
}

/**
 * Reads the history of support sessions, with the account's **private** key:
 * for servers, scripts and internal dashboards, never a public page (on a web
 * page it rejects with `private_key_in_browser` unless `dangerouslyAllowBrowser`).
 *
 * ```js
 * const { sessions } = await getSessionHistory({ privateKey, filters: { hasVideos: true } });
 * for (const s of sessions) console.log(s.id, s.customerName, s.dateStart?.toISOString());
 * ```
 */
export function getSessionHistory(options: SessionHistoryOptions): Promise<SessionHistory>;
