import type { Database, TicketPriority, TicketStatus } from "@keel/db";
import { newId, withTenant } from "@keel/db";
import {
  can,
  type TActionMode,
  type TCitedMessage,
  type TTicketContext,
  type TTicketSummary,
} from "@keel/shared";
import type { TActor } from "../actor";
import { EXTRACTIVE_ENGINE, summarizeConversation } from "../engine/extractive";
import { AppError, notFound } from "../errors";
import { auditActorOf, recordAudit, type TAuditEvent } from "./audit";
import { redactForAudit } from "./redact";
import { ticketSafety } from "./ticket-safety";
import { storeTrace } from "./traces";

const EXCERPT_LENGTH = 180;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * Summarizes a ticket of the actor's tenant with the offline engine. The read and its audit event
 * commit together; a ticket outside the tenant answers NOT_FOUND and the attempt is audited.
 */
export async function summarizeTicket(
  db: Database,
  actor: TActor,
  ticketId: string,
  requestId?: string,
): Promise<TTicketSummary> {
  const started = performance.now();
  const who = auditActorOf(actor);
  const summary = await withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: {
        customer: { select: { name: true } },
        messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    });
    if (!ticket) {
      await recordAudit(
        tx,
        who,
        {
          action: "ticket.summarize",
          targetType: "ticket",
          targetId: ticketId,
          outcome: "not_found",
          reason: "no ticket with this id in the caller's tenant",
        },
        requestId,
      );
      return null;
    }
    const sentences = summarizeConversation(
      ticket.subject,
      ticket.messages.map((m) => ({
        id: m.id,
        authorType: m.authorType,
        body: m.body,
        internal: m.internal,
      })),
    );
    const cited = new Set(sentences.map((s) => s.messageId));
    // The step's trace: what ran and what it produced, redacted; the conversation itself is referenced
    // by message ids, not copied (data minimisation).
    const traceId = await storeTrace(tx, actor, {
      ticketId: ticket.id,
      step: "summarize",
      prompt: "ticket.summarize",
      model: `${EXTRACTIVE_ENGINE.id}@${EXTRACTIVE_ENGINE.version}`,
      startedAt: started,
      input: { messageIds: ticket.messages.map((m) => m.id), messageCount: ticket.messages.length },
      output: { sentences: sentences.map((s) => ({ text: redactForAudit(s.text), messageId: s.messageId })) },
    });
    const citations: TCitedMessage[] = [];
    ticket.messages.forEach((m, index) => {
      if (!cited.has(m.id)) return;
      citations.push({
        messageId: m.id,
        position: index + 1,
        authorType: m.authorType,
        authorName: m.authorName,
        createdAt: m.createdAt.toISOString(),
        excerpt: excerpt(m.body),
      });
    });
    await recordAudit(
      tx,
      who,
      {
        action: "ticket.summarize",
        targetType: "ticket",
        targetId: ticket.id,
        outcome: "success",
        metadata: {
          engine: EXTRACTIVE_ENGINE.id,
          sentences: sentences.length,
          citedMessageIds: [...cited],
          traceId,
        },
      },
      requestId,
    );
    return {
      ticket: {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        customerName: ticket.customer.name,
        messageCount: ticket.messages.length,
      },
      sentences: sentences.map((s) => ({ text: s.text, citations: [s.messageId] })),
      citations,
      engine: { ...EXTRACTIVE_ENGINE },
      generatedAt: new Date().toISOString(),
    } satisfies TTicketSummary;
  });
  if (!summary) throw notFound("Ticket");
  return summary;
}

export type TTicketListItem = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerName: string;
  messageCount: number;
  updatedAt: Date;
  tags: string[];
};

/** Lists the tenant's tickets for the sandbox helpdesk, newest activity first. */
export async function listTickets(
  db: Database,
  actor: TActor,
  filter: { status?: TicketStatus; query?: string } = {},
): Promise<TTicketListItem[]> {
  const query = filter.query?.trim();
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.ticket.findMany({
      where: {
        tenantId: actor.tenant.id,
        ...(filter.status ? { status: filter.status } : {}),
        ...(query
          ? {
              OR: [
                { subject: { contains: query, mode: "insensitive" } },
                { customer: { name: { contains: query, mode: "insensitive" } } },
                ...(/^\d+$/.test(query) ? [{ number: Number(query) }] : []),
              ],
            }
          : {}),
      },
      orderBy: [{ updatedAt: "desc" }, { number: "desc" }],
      include: { customer: { select: { name: true } }, _count: { select: { messages: true } } },
      take: 200,
    }),
  );
  return rows.map((t) => ({
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    customerName: t.customer.name,
    messageCount: t._count.messages,
    updatedAt: t.updatedAt,
    tags: t.tags,
  }));
}

/** The audit event for reading a ticket's content: found, or not found in the caller's tenant. */
function ticketViewEvent(ticketId: string, found: boolean): TAuditEvent {
  return found
    ? { action: "ticket.view", targetType: "ticket", targetId: ticketId, outcome: "success" }
    : {
        action: "ticket.view",
        targetType: "ticket",
        targetId: ticketId,
        outcome: "not_found",
        reason: "no ticket with this id in the caller's tenant",
      };
}

/** Loads one ticket with its conversation for the sandbox helpdesk's ticket view; audited as a read. */
export async function viewTicket(db: Database, actor: TActor, ticketId: string, requestId?: string) {
  const who = auditActorOf(actor);
  return withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: { customer: true, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    await recordAudit(tx, who, ticketViewEvent(ticketId, Boolean(ticket)), requestId);
    return ticket;
  });
}

export const REPLY_MAX_LENGTH = 10_000;

/** Adds an agent reply (or internal note) to a ticket of the actor's tenant, audited in the same transaction. */
export async function addReply(
  db: Database,
  actor: TActor,
  input: { ticketId: string; body: string; internal: boolean },
): Promise<{ messageId: string }> {
  const body = input.body.trim();
  if (!body) throw new AppError("BAD_REQUEST", "The reply is empty.");
  if (body.length > REPLY_MAX_LENGTH) {
    throw new AppError("BAD_REQUEST", `The reply is longer than ${REPLY_MAX_LENGTH} characters.`);
  }
  const who = auditActorOf(actor);
  const result = await withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: input.ticketId, tenantId: actor.tenant.id },
      select: { id: true, status: true },
    });
    if (!ticket) {
      await recordAudit(tx, who, {
        action: "ticket.reply",
        targetType: "ticket",
        targetId: input.ticketId,
        outcome: "not_found",
        reason: "no ticket with this id in the caller's tenant",
      });
      return null;
    }
    const messageId = newId("msg");
    await tx.message.create({
      data: {
        id: messageId,
        tenantId: actor.tenant.id,
        ticketId: ticket.id,
        authorType: "agent",
        authorName: actor.name,
        authorUserId: actor.userId,
        body,
        internal: input.internal,
      },
    });
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        version: { increment: 1 },
        // A public answer hands the ball to the customer.
        ...(!input.internal && ticket.status === "open" ? { status: "pending" } : {}),
      },
    });
    await recordAudit(tx, who, {
      action: "ticket.reply",
      targetType: "ticket",
      targetId: ticket.id,
      outcome: "success",
      metadata: { messageId, length: body.length },
    });
    return { messageId };
  });
  if (!result) throw notFound("Ticket");
  return result;
}

/**
 * What the sidebar needs to offer actions on a ticket: the customer, their orders and accounts, the
 * tenant's rollout mode and the caller's mode per action. Audited as a read of the ticket.
 */
export async function ticketContext(
  db: Database,
  actor: TActor,
  ticketId: string,
  modes: Record<string, TActionMode>,
): Promise<TTicketContext> {
  const who = auditActorOf(actor);
  const context = await withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: {
        customer: {
          include: {
            orders: { orderBy: { createdAt: "desc" }, take: 20 },
            accounts: { orderBy: { name: "asc" }, take: 20 },
          },
        },
        tenant: { select: { rolloutMode: true } },
      },
    });
    await recordAudit(tx, who, ticketViewEvent(ticketId, Boolean(ticket)));
    // Ticket content is untrusted: the sidebar shows what the injection scan found (scanned on demand).
    const safety = ticket ? await ticketSafety(tx, ticket) : null;
    return ticket && safety ? { ...ticket, safety } : null;
  });
  if (!context) throw notFound("Ticket");
  const c = context.customer;
  return {
    ticket: {
      id: context.id,
      number: context.number,
      subject: context.subject,
      status: context.status,
      queue: context.queue,
      tags: context.tags,
    },
    customer: { id: c.id, name: c.name, tier: c.tier, identityVerified: Boolean(c.identityVerifiedAt) },
    orders: c.orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      total: o.totalMinor / 100,
      refunded: o.refundedMinor / 100,
      currency: o.currency,
    })),
    accounts: c.accounts.map((a) => ({ id: a.id, name: a.name, status: a.status })),
    rolloutMode: context.tenant.rolloutMode,
    modes,
    canApprove: can(actor.role, "approval.decide").allowed,
    safety: context.safety,
  };
}
