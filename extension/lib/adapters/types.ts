/** The helpdesks the extension knows how to read. Only the sandbox one exists so far. */
export type THelpdeskId = "sandbox";

export type TDetectedTicket = { helpdesk: THelpdeskId; ticketId: string };

/**
 * Reads one helpdesk's ticket view. Adapters only read the page; the one change the extension makes is
 * putting a draft into the reply box when the agent clicks "Insert" (./index.ts).
 * Adding Zendesk or Freshdesk means adding an adapter and listing it in ./index.ts.
 */
export interface THelpdeskAdapter {
  readonly id: THelpdeskId;
  /** Cheap check that this page belongs to the helpdesk at all (the sidebar mounts only then). */
  isHelpdeskPage(doc: Document): boolean;
  /** The ticket the page shows, or null (a list view, a loading view, another page). */
  detect(doc: Document): TDetectedTicket | null;
  /** The element showing one message of the conversation, to scroll to and highlight. */
  findMessage(doc: Document, messageId: string): HTMLElement | null;
  /** The helpdesk's reply box, where the agent can insert a draft (only on the agent's click). */
  findReplyBox(doc: Document): HTMLTextAreaElement | null;
}

/** Ticket ids as the API accepts them (`ZSummarizeInput`): 1–64 characters; we also refuse odd ones. */
const TICKET_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export function cleanTicketId(raw: string | null | undefined): string | null {
  const id = raw?.trim();
  return id && TICKET_ID.test(id) ? id : null;
}
