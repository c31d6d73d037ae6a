// Create a support session and say where the visitor stands in the queue.
// Runs as written against the stand-in API that `npm start` runs:
//   node examples/quickstart.mjs
// For a real account: TAKECONTROL_API_BASE=https://api.us0.swi-rc.com TAKECONTROL_PUBLIC_KEY=... node examples/quickstart.mjs
import { createSession, TakeControlError } from "takecontrol-session";

try {
  const session = await createSession({
    publicKey: process.env.TAKECONTROL_PUBLIC_KEY ?? "demo-public-key",
    apiBase: process.env.TAKECONTROL_API_BASE ?? "http://127.0.0.1:8787",
    customerName: "John Doe",
    customerEmail: "john@example.com",
    problemDescription: "Unable to access network drive",
    language: "en",
    showWaitingQueue: true,
  });
  const wait = session.requests[0]?.waitingMinutes;
  console.log(`You are number ${session.queueLength} in line; estimated wait: ${wait ?? "unknown"} min.`);
} catch (error) {
  if (!(error instanceof TakeControlError)) throw error;
  console.error(`Could not create the session (${error.code}): ${error.message}`);
  process.exitCode = 1;
}
