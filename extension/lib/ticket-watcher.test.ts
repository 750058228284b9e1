// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TDetectedTicket } from "./adapters";
import { watchTicket, whenHelpdeskPage } from "./ticket-watcher";

const MARKER = '<meta name="keel-helpdesk" content="sandbox">';

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, "", "/");
  document.head.innerHTML = MARKER;
  document.body.innerHTML = '<main id="app"><div data-keel-ticket-id="tkt_1"></div></main>';
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets MutationObserver callbacks (microtasks) run, then the debounce timer. */
async function settle(ms = 100) {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe("watchTicket", () => {
  it("reports the current ticket, then each change once", async () => {
    const seen: (TDetectedTicket | null)[] = [];
    const stop = watchTicket(document, (t) => seen.push(t));
    expect(seen).toEqual([{ helpdesk: "sandbox", ticketId: "tkt_1" }]);

    // SPA navigation: the app swaps the conversation.
    const app = document.getElementById("app");
    if (!app) throw new Error("missing #app");
    app.innerHTML = '<div data-keel-ticket-id="tkt_2"></div>';
    await settle();
    expect(seen.at(-1)).toEqual({ helpdesk: "sandbox", ticketId: "tkt_2" });

    // Unrelated DOM churn does not re-report.
    app.append(document.createElement("span"));
    await settle();
    expect(seen).toHaveLength(2);

    // Back to the list view.
    app.innerHTML = "<ul></ul>";
    await settle();
    expect(seen.at(-1)).toBeNull();
    stop();
  });

  it("notices a URL change without DOM mutations (pushState)", async () => {
    document.body.innerHTML = "<p>loading</p>";
    window.history.replaceState(null, "", "/helpdesk/tickets/tkt_a");
    const seen: (TDetectedTicket | null)[] = [];
    const stop = watchTicket(document, (t) => seen.push(t), { urlPollMs: 200 });
    window.history.pushState(null, "", "/helpdesk/tickets/tkt_b");
    await settle(300);
    expect(seen.map((t) => t?.ticketId)).toEqual(["tkt_a", "tkt_b"]);
    stop();
  });

  it("stops watching", async () => {
    const seen: (TDetectedTicket | null)[] = [];
    const stop = watchTicket(document, (t) => seen.push(t));
    stop();
    document.body.innerHTML = '<div data-keel-ticket-id="tkt_9"></div>';
    await settle();
    expect(seen).toHaveLength(1);
  });
});

describe("whenHelpdeskPage", () => {
  it("waits for the helpdesk marker", async () => {
    document.head.innerHTML = "";
    let ready = false;
    void whenHelpdeskPage(document).then(() => {
      ready = true;
    });
    await settle();
    expect(ready).toBe(false);
    document.head.insertAdjacentHTML("beforeend", MARKER);
    await settle();
    expect(ready).toBe(true);
  });

  it("also sees a marker rendered in the body", async () => {
    document.head.innerHTML = "";
    let ready = false;
    void whenHelpdeskPage(document).then(() => {
      ready = true;
    });
    document.body.insertAdjacentHTML("afterbegin", MARKER);
    await settle();
    expect(ready).toBe(true);
  });
});
