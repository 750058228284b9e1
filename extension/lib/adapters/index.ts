import { sandboxAdapter } from "./sandbox";
import type { TDetectedTicket, THelpdeskAdapter, THelpdeskId } from "./types";

export type { TDetectedTicket, THelpdeskAdapter, THelpdeskId } from "./types";

/** Tried in order; the first that recognises the page wins. */
export const ADAPTERS: readonly THelpdeskAdapter[] = [sandboxAdapter];

export function isHelpdeskPage(doc: Document, adapters = ADAPTERS): boolean {
  return adapters.some((adapter) => adapter.isHelpdeskPage(doc));
}

/** The ticket shown on this page by any known helpdesk, or null. */
export function detectTicket(doc: Document, adapters = ADAPTERS): TDetectedTicket | null {
  for (const adapter of adapters) {
    const ticket = adapter.detect(doc);
    if (ticket) return ticket;
  }
  return null;
}

export function findMessageElement(
  doc: Document,
  helpdesk: THelpdeskId,
  messageId: string,
  adapters = ADAPTERS,
): HTMLElement | null {
  return adapters.find((adapter) => adapter.id === helpdesk)?.findMessage(doc, messageId) ?? null;
}

/**
 * Puts text into the helpdesk's reply box (replacing what is there), the way typing would: through the
 * element's own value setter and an input event, so the page's framework sees the change. Returns false
 * when the page has no reply box.
 */
export function insertIntoReplyBox(
  doc: Document,
  helpdesk: THelpdeskId,
  text: string,
  adapters = ADAPTERS,
): boolean {
  const box = adapters.find((adapter) => adapter.id === helpdesk)?.findReplyBox(doc) ?? null;
  if (!box) return false;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), "value")?.set;
  if (setter) setter.call(box, text);
  else box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.dispatchEvent(new Event("change", { bubbles: true }));
  box.focus();
  return true;
}

export function sameTicket(a: TDetectedTicket | null, b: TDetectedTicket | null): boolean {
  return a?.helpdesk === b?.helpdesk && a?.ticketId === b?.ticketId;
}
