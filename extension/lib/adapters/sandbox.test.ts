// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { detectTicket, findMessageElement, insertIntoReplyBox, isHelpdeskPage } from "./index";
import { sandboxAdapter, ticketIdFromPath } from "./sandbox";

const MARKER = '<meta name="keel-helpdesk" content="sandbox">';

function page(head: string, body: string, path = "/") {
  window.history.replaceState(null, "", path);
  document.head.innerHTML = head;
  document.body.innerHTML = body;
}

beforeEach(() => page("", ""));

describe("sandbox adapter", () => {
  it("reads the ticket id from the DOM", () => {
    page(MARKER, '<div data-keel-ticket-id="tkt_42"><article data-keel-message-id="m1">Hi</article></div>');
    expect(isHelpdeskPage(document)).toBe(true);
    expect(detectTicket(document)).toEqual({ helpdesk: "sandbox", ticketId: "tkt_42" });
  });

  it("prefers the DOM over the URL", () => {
    page(MARKER, '<div data-keel-ticket-id="tkt_dom"></div>', "/helpdesk/tickets/tkt_url");
    expect(sandboxAdapter.detect(document)?.ticketId).toBe("tkt_dom");
  });

  it("falls back to the URL while the conversation is not rendered", () => {
    page(MARKER, "<p>Loading…</p>", "/helpdesk/tickets/tkt_7");
    expect(detectTicket(document)).toEqual({ helpdesk: "sandbox", ticketId: "tkt_7" });
  });

  it("does nothing on pages without the marker, even at a ticket URL", () => {
    page("", '<div data-keel-ticket-id="tkt_1"></div>', "/helpdesk/tickets/tkt_1");
    expect(isHelpdeskPage(document)).toBe(false);
    expect(detectTicket(document)).toBeNull();
  });

  it("ignores a marker for another helpdesk", () => {
    page('<meta name="keel-helpdesk" content="zendesk">', '<div data-keel-ticket-id="tkt_1"></div>');
    expect(detectTicket(document)).toBeNull();
  });

  it("answers null on a helpdesk page that shows no ticket", () => {
    page(MARKER, "<ul><li>Ticket list</li></ul>", "/helpdesk/tickets");
    expect(detectTicket(document)).toBeNull();
  });

  it("refuses malformed ids", () => {
    page(MARKER, '<div data-keel-ticket-id="  "></div>', "/helpdesk/tickets/%3Cscript%3E");
    expect(detectTicket(document)).toBeNull();
  });

  it("finds a message by id without building selectors from page data", () => {
    page(
      MARKER,
      '<div data-keel-ticket-id="t"><p data-keel-message-id="a"></p><p data-keel-message-id="b&quot;]"></p></div>',
    );
    expect(findMessageElement(document, "sandbox", "a")?.tagName).toBe("P");
    expect(findMessageElement(document, "sandbox", 'b"]')).not.toBeNull();
    expect(findMessageElement(document, "sandbox", "zzz")).toBeNull();
  });
});

describe("ticketIdFromPath", () => {
  it.each([
    ["/helpdesk/tickets/tkt_1", "tkt_1"],
    ["/helpdesk/tickets/tkt_1/", "tkt_1"],
    ["/helpdesk/tickets/abc%2D1", "abc-1"],
    ["/helpdesk/tickets/", null],
    ["/helpdesk/tickets/a/b", null],
    ["/other/tickets/1", null],
    ["/helpdesk/tickets/%E0%A4%A", null],
  ])("%s → %s", (path, expected) => {
    expect(ticketIdFromPath(path)).toBe(expected);
  });
});

describe("inserting a draft into the reply box", () => {
  it("replaces the reply box's text and tells the page, as typing would", () => {
    page(MARKER, '<form><textarea data-keel-reply="">old text</textarea></form>');
    const box = document.querySelector("textarea") as HTMLTextAreaElement;
    const seen: string[] = [];
    box.addEventListener("input", () => seen.push(box.value));
    expect(insertIntoReplyBox(document, "sandbox", "Hi Hannah,\n\nThanks.")).toBe(true);
    expect(box.value).toBe("Hi Hannah,\n\nThanks.");
    expect(seen).toEqual(["Hi Hannah,\n\nThanks."]);
    expect(document.activeElement).toBe(box);
  });

  it("says so when the page has no reply box", () => {
    page(MARKER, '<div data-keel-ticket-id="tkt_1"></div>');
    expect(insertIntoReplyBox(document, "sandbox", "text")).toBe(false);
  });
});
