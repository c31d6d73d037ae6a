// The visitor's entries ("./web", "./element", and "." for a bundler) are
// what a customer's page loads: getSessionHistory, which needs the private
// key, is not in them, and the types say so.
// @ts-expect-error getSessionHistory is only in the full build
import { getSessionHistory as notOnThePage } from "takecontrol-session/web";
import { createSession, getSessionHistory } from "takecontrol-session/full";

export const visitorEntry: unknown = notOnThePage;
export const fullEntry: [typeof createSession, typeof getSessionHistory] = [createSession, getSessionHistory];
