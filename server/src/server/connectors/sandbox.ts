import { newId, Prisma } from "@keel/db";
import { formatMinor, type TActionId, type TActionParams } from "@keel/shared";
import { AppError, notFound } from "../errors";
import type { ActionConnector, TExecutionContext, TExecutionPlan, TTarget } from "./types";

/** A ticket as an action target (also built from the governed path's one-query snapshot). */
export function ticketTarget(t: {
  id: string;
  number: number;
  subject: string;
  status: string;
  queue: string;
  tags: string[];
  version: number;
  customerId: string | null;
}): TTarget {
  return {
    kind: "ticket",
    id: t.id,
    version: t.version,
    customerId: t.customerId,
    facts: { ticket: `#${t.number} ${t.subject}`, status: t.status, queue: t.queue, tags: t.tags.join(", ") },
  };
}

/** The built-in sandbox helpdesk: tickets, customers, orders and accounts in Keel's own database. */
export const sandboxConnector: ActionConnector = {
  id: "sandbox",

  async loadTarget(tx, tenantId, kind, id): Promise<TTarget | null> {
    switch (kind) {
      case "ticket": {
        const t = await tx.ticket.findFirst({ where: { id, tenantId } });
        return t ? ticketTarget(t) : null;
      }
      case "customer": {
        const c = await tx.customer.findFirst({ where: { id, tenantId } });
        if (!c) return null;
        return {
          kind,
          id,
          version: c.version,
          customerId: c.id,
          facts: {
            customer: c.name,
            tier: c.tier,
            identity: c.identityVerifiedAt ? "verified" : "not verified",
          },
        };
      }
      case "order": {
        const o = await tx.order.findFirst({ where: { id, tenantId } });
        if (!o) return null;
        return {
          kind,
          id,
          version: o.version,
          customerId: o.customerId,
          facts: {
            order: o.number,
            status: o.status,
            total: formatMinor(o.totalMinor, o.currency),
            refunded: formatMinor(o.refundedMinor, o.currency),
          },
        };
      }
      case "account": {
        const a = await tx.customerAccount.findFirst({ where: { id, tenantId } });
        if (!a) return null;
        return {
          kind,
          id,
          version: a.version,
          customerId: a.customerId,
          facts: { account: a.name, owner: a.ownerEmail, status: a.status },
        };
      }
    }
  },

  plan(context, actionId, params) {
    const planner = PLANNERS[actionId];
    return planner ? planner(context, params as never) : null;
  },

  async execute(tx, context, actionId, params) {
    const run = EXECUTORS[actionId];
    if (!run)
      throw new AppError("BAD_REQUEST", `${actionId} is not an action the sandbox helpdesk executes.`);
    return run(tx, context, params as never);
  },
};

type Result = Record<string, string | number | boolean | null>;

/**
 * An internal note as one statement: the note, and the ticket's version bump (the note's composite
 * foreign key refuses any ticket not the tenant's). The busiest action, so it can also run as part of
 * a one-statement batch (plan below).
 */
function planInternalNote(c: TExecutionContext, p: TActionParams<"ticket.addInternalNote">): TExecutionPlan {
  const messageId = newId("msg");
  const now = new Date();
  const statement = Prisma.sql`
    WITH "note" AS (
      INSERT INTO "Message" ("id", "tenantId", "ticketId", "authorType", "authorName", "authorUserId", "body",
        "internal", "createdAt")
      VALUES (${messageId}, ${c.tenantId}, ${p.ticketId}, 'agent'::"MessageAuthorType", ${c.actor.name},
        ${c.actor.userId}, ${p.body}, true, ${now})
    )
    UPDATE "Ticket" SET "version" = "version" + 1, "updatedAt" = ${now}
    WHERE "id" = ${p.ticketId} AND "tenantId" = ${c.tenantId}
    RETURNING "id"`;
  return { writes: [statement], result: { ticketId: p.ticketId, messageId } };
}

type Planner<A extends TActionId> = (context: TExecutionContext, params: TActionParams<A>) => TExecutionPlan;

/** Actions whose execution is known before it runs (pure writes), so they can join a batch. */
const PLANNERS: { [A in TActionId]?: Planner<A> } = {
  "ticket.addInternalNote": planInternalNote,
};
type Executor<A extends TActionId> = (
  tx: Prisma.TransactionClient,
  context: TExecutionContext,
  params: TActionParams<A>,
) => Promise<Result>;

async function ticketOf(tx: Prisma.TransactionClient, tenantId: string, ticketId: string) {
  const ticket = await tx.ticket.findFirst({ where: { id: ticketId, tenantId } });
  if (!ticket) throw notFound("Ticket");
  return ticket;
}

async function systemNote(
  tx: Prisma.TransactionClient,
  context: TExecutionContext,
  ticketId: string,
  body: string,
) {
  await tx.message.create({
    data: {
      id: newId("msg"),
      tenantId: context.tenantId,
      ticketId,
      authorType: "system",
      authorName: "Keel",
      body,
      internal: true,
    },
  });
}

const EXECUTORS: { [A in TActionId]?: Executor<A> } = {
  "ticket.setStatus": async (tx, c, p) => {
    const t = await ticketOf(tx, c.tenantId, p.ticketId);
    await tx.ticket.update({ where: { id: t.id }, data: { status: p.status, version: { increment: 1 } } });
    return { ticketId: t.id, from: t.status, to: p.status };
  },
  "ticket.addTags": async (tx, c, p) => {
    const t = await ticketOf(tx, c.tenantId, p.ticketId);
    const tags = [...new Set([...t.tags, ...p.tags])];
    await tx.ticket.update({ where: { id: t.id }, data: { tags, version: { increment: 1 } } });
    return { ticketId: t.id, tags: tags.join(", ") };
  },
  "ticket.addInternalNote": async (tx, c, p) => {
    const { writes, result } = planInternalNote(c, p);
    // The one statement also proves the ticket is the tenant's (the bump's RETURNING).
    const bumped = await tx.$queryRaw<{ id: string }[]>(writes[0] as Prisma.Sql);
    if (bumped.length === 0) throw notFound("Ticket");
    return result;
  },
  "ticket.assignQueue": async (tx, c, p) => {
    const t = await ticketOf(tx, c.tenantId, p.ticketId);
    await tx.ticket.update({ where: { id: t.id }, data: { queue: p.queue, version: { increment: 1 } } });
    return { ticketId: t.id, from: t.queue, to: p.queue };
  },
  "customer.requestVerification": async (tx, c, p) => {
    const customer = await tx.customer.findFirst({ where: { id: p.customerId, tenantId: c.tenantId } });
    if (!customer) throw notFound("Customer");
    const now = new Date();
    await tx.customer.update({
      where: { id: customer.id },
      data: { verificationRequestedAt: now, version: { increment: 1 } },
    });
    await systemNote(
      tx,
      c,
      p.ticketId,
      `Identity verification requested from ${customer.name} by ${c.actor.name}.`,
    );
    return { customerId: customer.id, requestedAt: now.toISOString() };
  },
  "order.refund": async (tx, c, p) => {
    const order = await tx.order.findFirst({ where: { id: p.orderId, tenantId: c.tenantId } });
    if (!order) throw notFound("Order");
    if (order.status === "cancelled") throw new AppError("CONFLICT", `Order ${order.number} is cancelled.`);
    if (p.currency !== order.currency) {
      throw new AppError("BAD_REQUEST", `Order ${order.number} is in ${order.currency}, not ${p.currency}.`);
    }
    const amountMinor = Math.round(p.amount * 100);
    const refundable = order.totalMinor - order.refundedMinor;
    if (amountMinor > refundable) {
      throw new AppError(
        "CONFLICT",
        `Only ${formatMinor(refundable, order.currency)} of order ${order.number} can still be refunded.`,
      );
    }
    const entryId = newId("rfd");
    // The ledger's unique actionRequestId makes a second execution of one request impossible.
    await tx.refundLedgerEntry.create({
      data: {
        id: entryId,
        tenantId: c.tenantId,
        orderId: order.id,
        actionRequestId: c.requestId,
        amountMinor,
        currency: order.currency,
      },
    });
    const refundedMinor = order.refundedMinor + amountMinor;
    await tx.order.update({
      where: { id: order.id },
      data: {
        refundedMinor,
        status: refundedMinor >= order.totalMinor ? "refunded" : order.status,
        version: { increment: 1 },
      },
    });
    await systemNote(
      tx,
      c,
      p.ticketId,
      `Refund of ${formatMinor(amountMinor, order.currency)} issued on order ${order.number}.`,
    );
    return {
      ledgerEntryId: entryId,
      order: order.number,
      refunded: formatMinor(amountMinor, order.currency),
    };
  },
  "order.cancel": async (tx, c, p) => {
    const order = await tx.order.findFirst({ where: { id: p.orderId, tenantId: c.tenantId } });
    if (!order) throw notFound("Order");
    if (order.status !== "pending" && order.status !== "processed") {
      throw new AppError(
        "CONFLICT",
        `Order ${order.number} is ${order.status} and can no longer be cancelled.`,
      );
    }
    await tx.order.update({
      where: { id: order.id },
      data: { status: "cancelled", version: { increment: 1 } },
    });
    await systemNote(tx, c, p.ticketId, `Order ${order.number} cancelled: ${p.reason}`);
    return { order: order.number, status: "cancelled" };
  },
  "account.changeOwner": async (tx, c, p) => {
    const account = await tx.customerAccount.findFirst({ where: { id: p.accountId, tenantId: c.tenantId } });
    if (!account) throw notFound("Account");
    await tx.customerAccount.update({
      where: { id: account.id },
      data: { ownerEmail: p.newOwnerEmail, version: { increment: 1 } },
    });
    await systemNote(tx, c, p.ticketId, `Owner of ${account.name} changed by ${c.actor.name}.`);
    return { accountId: account.id, changed: true };
  },
  "account.revokeAccess": async (tx, c, p) => {
    const account = await tx.customerAccount.findFirst({ where: { id: p.accountId, tenantId: c.tenantId } });
    if (!account) throw notFound("Account");
    if (account.status === "revoked")
      throw new AppError("CONFLICT", `Access to ${account.name} is already revoked.`);
    await tx.customerAccount.update({
      where: { id: account.id },
      data: { status: "revoked", version: { increment: 1 } },
    });
    await systemNote(tx, c, p.ticketId, `Access to ${account.name} revoked: ${p.reason}`);
    return { accountId: account.id, status: "revoked" };
  },
  "account.sendPasswordReset": async (tx, c, p) => {
    const account = await tx.customerAccount.findFirst({
      where: { id: p.accountId, tenantId: c.tenantId },
      include: { customer: { select: { identityVerifiedAt: true } } },
    });
    if (!account) throw notFound("Account");
    // Defence in depth: policy already requires this; the connector refuses too.
    if (!account.customer.identityVerifiedAt) {
      throw new AppError("FORBIDDEN", "The customer's identity is not verified; no password reset was sent.");
    }
    const now = new Date();
    await tx.customerAccount.update({
      where: { id: account.id },
      data: { passwordResetSentAt: now, version: { increment: 1 } },
    });
    await systemNote(tx, c, p.ticketId, `Password reset link sent to the owner of ${account.name}.`);
    return { accountId: account.id, sentAt: now.toISOString() };
  },
};
