import type { Prisma } from "@keel/db";
import type { TInjectionFinding, TTicketSafety } from "@keel/shared";
import { detectInjection } from "../safety/injection";

type Tx = Prisma.TransactionClient;

/** Findings kept per ticket (the sidebar shows them; the decision only needs the flag). */
const MAX_FINDINGS = 10;

/**
 * Scans the customer's messages on a ticket for instructions aimed at the copilot (safety/injection.ts)
 * and stores the result on the ticket: whether it is flagged, what was found, and when. Ticket content
 * is untrusted input; a flagged ticket runs nothing without a person's click (policy/combine.ts), and
 * the sidebar says why. Agent and system messages are Keel's or the team's own words and are not
 * scanned. Written with raw SQL so neither updatedAt nor the ticket's version changes (a scan is not
 * a change to the ticket an approval could be bound to).
 */
export async function scanTicketSafety(
  tx: Tx,
  tenantId: string,
  ticketId: string,
): Promise<TTicketSafety | null> {
  const messages = await tx.message.findMany({
    where: { tenantId, ticketId, authorType: "customer" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, body: true },
  });
  const findings: TInjectionFinding[] = [];
  let flagged = false;
  for (const m of messages) {
    const result = detectInjection(m.body);
    if (!result.flagged) continue;
    flagged = true;
    for (const r of result.reasons) {
      if (findings.length >= MAX_FINDINGS) break;
      findings.push({ messageId: m.id, rule: r.rule, message: r.message, excerpt: r.excerpt });
    }
  }
  const scannedAt = new Date();
  const updated = await tx.$executeRaw`
    UPDATE "Ticket" SET "safetyScannedAt" = ${scannedAt}, "injectionFlagged" = ${flagged},
      "injectionReasons" = ${JSON.stringify(findings)}::jsonb
    WHERE "id" = ${ticketId} AND "tenantId" = ${tenantId}`;
  if (updated === 0) return null;
  return { injectionFlagged: flagged, findings, scannedAt: scannedAt.toISOString() };
}

/**
 * The ticket's stored scan, or a fresh one when it was never scanned or a customer message arrived
 * since (so a new message is always checked before anything acts on it).
 */
export async function ticketSafety(
  tx: Tx,
  ticket: {
    id: string;
    tenantId: string;
    safetyScannedAt: Date | null;
    injectionFlagged: boolean;
    injectionReasons: unknown;
  },
): Promise<TTicketSafety | null> {
  if (ticket.safetyScannedAt) {
    const newer = await tx.message.findFirst({
      where: {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        authorType: "customer",
        createdAt: { gt: ticket.safetyScannedAt },
      },
      select: { id: true },
    });
    if (!newer) {
      return {
        injectionFlagged: ticket.injectionFlagged,
        findings: Array.isArray(ticket.injectionReasons)
          ? (ticket.injectionReasons as TInjectionFinding[])
          : [],
        scannedAt: ticket.safetyScannedAt.toISOString(),
      };
    }
  }
  return scanTicketSafety(tx, ticket.tenantId, ticket.id);
}
