// What the package's types give a TypeScript user, and the mistakes they
// catch at compile time: each `@ts-expect-error` line below must be an
// error, or `tsc --strict --noEmit` fails ("Unused '@ts-expect-error' directive").
import {
  createSession,
  TakeControlError,
  validateSessionRequest,
  type CreateSessionOptions,
  type ErrorCode,
  type FieldError,
  type Session,
} from "takecontrol-session";
import init from "takecontrol-session/web";
// The full build (Node.js gets it from "." too): getSessionHistory, private key.
import { getSessionHistory, type SessionHistory } from "takecontrol-session/full";

const options: CreateSessionOptions = {
  publicKey: "demo-public-key",
  apiBase: "http://127.0.0.1:8787",
  customerName: "Ada Lovelace",
  departmentId: 12,
  showWaitingQueue: true,
  signal: AbortSignal.timeout(10_000),
  rateLimit: { requests: 5, perSeconds: 60 },
};

/** What to tell the visitor for each failure: every code, and only those. */
const advice: Record<ErrorCode, string> = {
  invalid_options: "Please check the form.",
  invalid_request: "Please check the form.",
  invalid_key: "This page is misconfigured.",
  rate_limited: "Busy: try again in a moment.",
  server_error: "Try again later.",
  api_error: "Try again later.",
  unexpected_response: "Try again later.",
  network: "Check your connection.",
  timeout: "No answer: try again.",
  aborted: "Cancelled.",
  private_key_in_browser: "Not on a web page.",
  unsupported: "This browser cannot run it: offer another way.",
};

export async function ask(): Promise<string> {
  const problems: FieldError[] = validateSessionRequest(options);
  if (problems.length > 0) return problems.map((p) => `${p.field}: ${p.message}`).join("\n");
  try {
    const session: Session = await createSession(options);
    const wait: number | null | undefined = session.requests[0]?.waitingMinutes;
    return `You are number ${session.queueLength} in line (about ${wait ?? "?"} min).`;
  } catch (error) {
    if (!(error instanceof TakeControlError)) throw error;
    const code: ErrorCode = error.code;
    const status: number | undefined = error.status;
    const field: string | undefined = error.field;
    const retryAfter: number | undefined = error.retryAfterSeconds;
    // @ts-expect-error: errorDetails is `unknown`, not something to read blindly.
    const details: string = error.errorDetails.text;
    return `${advice[code]} (${status ?? "-"} ${field ?? ""} ${retryAfter ?? ""} ${details})`;
  }
}

export async function lastWeek(): Promise<string[]> {
  const history: SessionHistory = await getSessionHistory({
    privateKey: "demo-private-key",
    vars: ["ID", "CUSTOMER_NAME", "DATE_START", "HAS_VIDEOS"],
    filters: { dateStartFrom: new Date(Date.now() - 7 * 864e5), hasVideos: true },
  });
  return history.sessions.map((s) => `${s.id ?? "?"} ${s.customerName ?? ""} ${s.dateStart?.toISOString() ?? ""}`);
}

/** On a page without a bundler, the web entry's init() comes first. */
export async function onAPlainPage(): Promise<number> {
  await init();
  return validateSessionRequest({ publicKey: "demo-public-key" }).length;
}

// The mistakes the types catch.

await createSession({
  publicKey: "demo-public-key",
  // @ts-expect-error: a misspelled option (the package's names are camelCase).
  customer_name: "Ada",
});

await createSession({
  publicKey: "demo-public-key",
  // @ts-expect-error: a wrong type (departmentId is a number).
  departmentId: "12",
});

// @ts-expect-error: publicKey is required.
await createSession({ customerName: "Ada" });

await getSessionHistory({
  privateKey: "demo-private-key",
  // @ts-expect-error: not a documented history var.
  vars: ["CUSTOMER_NAM"],
});

export function describe(error: TakeControlError): string {
  // @ts-expect-error: an unknown error code (the codes are snake_case).
  if (error.code === "rateLimited") return "busy";
  switch (error.code) {
    case "rate_limited":
      return "busy";
    // @ts-expect-error: an unknown error code.
    case "not_found":
      return "gone";
    default:
      return "try again later";
  }
}

// @ts-expect-error: the class takes a code from the union, not any string.
new TakeControlError("oops", "message");
