// Loaded first by the demo page as the end-to-end tests serve it (and only
// then): records what a test checks besides the page itself, in any engine,
// without a browser-specific protocol: console errors and warnings, uncaught exceptions
// and rejections, Content-Security-Policy violations, and the help form's
// events. The URLs the page
// requested come from the Resource Timing entries.
(() => {
  const seen = { consoleErrors: [], consoleWarnings: [], pageErrors: [], cspViolations: [], events: [] };
  const text = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === "string") return value;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  for (const [level, list] of [
    ["error", seen.consoleErrors],
    ["warn", seen.consoleWarnings],
  ]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      list.push(args.map(text).join(" "));
      original(...args);
    };
  }
  addEventListener("error", (event) => seen.pageErrors.push(text(event.error ?? event.message)));
  addEventListener("unhandledrejection", (event) => seen.pageErrors.push(`unhandled rejection: ${text(event.reason)}`));
  document.addEventListener("securitypolicyviolation", (event) =>
    seen.cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"}`),
  );
  // The help form's events (bubbling and composed: they reach the document), with what their detail holds.
  for (const type of ["takecontrol-ready", "takecontrol-submit", "takecontrol-queued", "takecontrol-error"]) {
    document.addEventListener(type, (event) => {
      const { options, session, error } = event.detail ?? {};
      seen.events.push({
        type,
        bubbles: event.bubbles,
        composed: event.composed,
        cancelable: event.cancelable,
        ...(options && { options: { ...options } }),
        ...(session && { queueLength: session.queueLength }),
        ...(error && { error: { name: error.name, code: error.code, isError: error instanceof Error } }),
      });
    });
  }
  Object.defineProperty(window, "__e2e", {
    value: {
      seen,
      urls: () => [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)],
    },
  });
})();
