// File a deferred support request (a ticket): for help that can wait, a
// technician picks it up later and the customer hears by email.
// Runs as written against the stand-in API that `npm start` runs:
//   node examples/ticket.mjs
// For a real account: TAKECONTROL_API_BASE=https://api.us0.swi-rc.com TAKECONTROL_PUBLIC_KEY=... TAKECONTROL_AGENT_ID=... node examples/ticket.mjs
import { createTicket, TakeControlError } from "takecontrol-session";

try {
  const { ticketNumber } = await createTicket({
    publicKey: process.env.TAKECONTROL_PUBLIC_KEY ?? "demo-public-key",
    apiBase: process.env.TAKECONTROL_API_BASE ?? "http://127.0.0.1:8787",
    agentId: process.env.TAKECONTROL_AGENT_ID ?? "1234567891011",
    customerName: "John Doe",
    customerEmail: "john@example.com",
    problemDescription: "The printer says it is offline; no rush, tomorrow is fine.",
  });
  console.log(`Ticket ${ticketNumber} filed: a technician will email john@example.com.`);
} catch (error) {
  if (!(error instanceof TakeControlError)) throw error;
  console.error(`Could not file the ticket (${error.code}): ${error.message}`);
  for (const problem of error.fieldErrors ?? []) console.error(`  ${problem.field}: ${problem.reason}`);
  process.exitCode = 1;
}
