// The help form element's types: <takecontrol-help> from the DOM's own
// lookups, its events with their `detail`, and the words it may be given.
// Each `@ts-expect-error` line below must be an error, as in index.ts.
import { TakeControlHelpElement, type Messages } from "takecontrol-session/element";

const help: TakeControlHelpElement | null = document.querySelector("takecontrol-help");

export function setUp(element: TakeControlHelpElement): void {
  element.publicKey = "demo-public-key";
  element.apiBase = "http://127.0.0.1:8787";
  element.showWaitingQueue = true;
  element.fields = "name email problem";
  element.addEventListener("takecontrol-queued", (event) => {
    const place: number = event.detail.session.queueLength;
    console.log(`number ${place} in line`);
  });
  element.addEventListener("takecontrol-error", (event) => console.warn(event.detail.error.code));
  element.addEventListener("takecontrol-submit", (event) => {
    event.detail.options.customerNumber = "A-1234";
  });
  element.messages = {
    submit: "Ask for a technician",
    queuedPlace: ({ position }) => `${position} people are ahead of you, you included.`,
    busyText: { one: "Again in {seconds} second.", other: "Again in {seconds} seconds." },
  };
}

if (help) setUp(help);
export const Help: typeof TakeControlHelpElement = TakeControlHelpElement.define();

// The mistakes the types catch.

// @ts-expect-error: not one of the form's message keys.
export const wrongKey: Messages = { noSuchKey: "x" };

export function misread(element: TakeControlHelpElement): void {
  element.addEventListener("takecontrol-queued", (event) => {
    // @ts-expect-error: a misspelled member of the session.
    console.log(event.detail.session.queueLenght);
  });
  // @ts-expect-error: showWaitingQueue is a boolean, not the attribute's text.
  element.showWaitingQueue = "true";
}
