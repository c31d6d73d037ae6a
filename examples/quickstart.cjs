// The quickstart in CommonJS: require() loads the package on Node.js 20.19+.
//   node examples/quickstart.cjs
const { createSession, TakeControlError } = require("takecontrol-session");

createSession({
  publicKey: process.env.TAKECONTROL_PUBLIC_KEY ?? "demo-public-key",
  apiBase: process.env.TAKECONTROL_API_BASE ?? "http://127.0.0.1:8787",
  customerName: "John Doe",
  showWaitingQueue: true,
}).then(
  (session) => console.log(`You are number ${session.queueLength} in line.`),
  (error) => {
    if (!(error instanceof TakeControlError)) throw error;
    console.error(`Could not create the session (${error.code}): ${error.message}`);
    process.exitCode = 1;
  },
);
