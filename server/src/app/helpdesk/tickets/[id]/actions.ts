"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "~/server/errors";
import { requirePagePermission } from "~/server/page-auth";
import { addReply } from "~/server/services/tickets";

export type TReplyState = { error: string | null; sentAt: number | null };

/** Sends a reply (or internal note) from the sandbox helpdesk's reply box. */
export async function sendReply(ticketId: string, _prev: TReplyState, form: FormData): Promise<TReplyState> {
  const { actor, ctx, allowed } = await requirePagePermission(`/helpdesk/tickets/${ticketId}`, "ticket.read");
  if (!allowed) return { error: `Your role (${actor.role}) may not reply to tickets.`, sentAt: null };
  const body = String(form.get("body") ?? "");
  try {
    await addReply(ctx.db, actor, { ticketId, body, internal: form.get("internal") === "on" });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, sentAt: null };
    throw error;
  }
  revalidatePath(`/helpdesk/tickets/${ticketId}`);
  return { error: null, sentAt: Date.now() };
}
