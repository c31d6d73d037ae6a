// Print last week's support sessions as a table. Server-side code: the
// history needs the account's PRIVATE key, which never goes on a web page.
// Runs as written against the stand-in API that `npm start` runs:
//   node examples/history.mjs
// For a real account: TAKECONTROL_API_BASE=https://api.us0.swi-rc.com TAKECONTROL_PRIVATE_KEY=... node examples/history.mjs
import { getSessionHistory, TakeControlError } from "takecontrol-session";

const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);

try {
  const { sessions } = await getSessionHistory({
    privateKey: process.env.TAKECONTROL_PRIVATE_KEY ?? "demo-private-key",
    apiBase: process.env.TAKECONTROL_API_BASE ?? "http://127.0.0.1:8787",
    vars: ["ID", "DATE_START", "CUSTOMER_NAME", "COMPUTER_NAME", "TECH_USERNAME", "HAS_VIDEOS"],
    filters: { dateStartFrom: weekAgo, dateStartTo: new Date() },
  });
  console.log(`${sessions.length} session(s) since ${weekAgo.toISOString().slice(0, 10)}`);
  console.table(
    sessions.map((s) => ({
      id: s.id,
      started: s.dateStart?.toISOString().replace("T", " ").slice(0, 16) ?? "?",
      customer: s.customerName,
      computer: s.computerName,
      technician: s.techUsername,
      video: s.hasVideos ? "yes" : "no",
    })),
  );
} catch (error) {
  if (!(error instanceof TakeControlError)) throw error;
  console.error(`Could not read the history (${error.code}): ${error.message}`);
  process.exitCode = 1;
}
