import { cleanTicketId, type THelpdeskAdapter } from "./types";

/*
 * The sandbox helpdesk served by the Keel server (`<server>/helpdesk/tickets/<ticketId>`). Its DOM
 * contract: <meta name="keel-helpdesk" content="sandbox">, a [data-keel-ticket-id] element around the
 * conversation, one [data-keel-message-id] element per message and a textarea[data-keel-reply].
 */

const MARKER = 'meta[name="keel-helpdesk"][content="sandbox"]';
const TICKET_PATH = /\/helpdesk\/tickets\/([^/?#]+)\/?$/;

export function ticketIdFromPath(pathname: string): string | null {
  const match = TICKET_PATH.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return cleanTicketId(decodeURIComponent(match[1]));
  } catch {
    return null;
  }
}

function isSandboxPage(doc: Document): boolean {
  return doc.querySelector(MARKER) !== null;
}

export const sandboxAdapter: THelpdeskAdapter = {
  id: "sandbox",

  isHelpdeskPage: isSandboxPage,

  detect(doc) {
    if (!isSandboxPage(doc)) return null;
    const fromDom = cleanTicketId(
      doc.querySelector("[data-keel-ticket-id]")?.getAttribute("data-keel-ticket-id"),
    );
    if (fromDom) return { helpdesk: "sandbox", ticketId: fromDom };
    // The conversation may not be rendered yet; the URL still says which ticket this is.
    const fromUrl = ticketIdFromPath(doc.location?.pathname ?? "");
    return fromUrl ? { helpdesk: "sandbox", ticketId: fromUrl } : null;
  },

  findReplyBox(doc) {
    return doc.querySelector<HTMLTextAreaElement>("textarea[data-keel-reply]");
  },

  findMessage(doc, messageId) {
    // Compare attributes instead of building a selector from page data.
    for (const el of doc.querySelectorAll<HTMLElement>("[data-keel-message-id]")) {
      if (el.getAttribute("data-keel-message-id") === messageId) return el;
    }
    return null;
  },
};
