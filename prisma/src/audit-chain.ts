/*
 * The tamper-evident audit log: every tenant's events form a hash chain. Each event stores its
 * position (seq), the previous event's hash, and a sha256 over the previous hash and a canonical
 * encoding of its own content. Changing, deleting or inserting any event breaks the chain at that
 * point, which verifyAuditChain() finds and names.
 */
import { createHash } from "node:crypto";
import type { AuditOutcome, Prisma, PrismaClient } from "./generated/prisma/client";

export const GENESIS_HASH = "genesis";
/** Events written before the chain existed (migration 0002) carry this instead of a hash. */
export const PRE_CHAIN = "pre-chain";

export type AuditEventContent = {
  id: string;
  tenantId: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  metadata: Prisma.InputJsonValue;
  requestId: string | null;
  createdAt: Date;
};

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of one event given the previous event's hash. */
export function computeAuditHash(prevHash: string, seq: number, event: AuditEventContent): string {
  const body = canonicalJson({
    seq,
    id: event.id,
    tenantId: event.tenantId,
    actorType: event.actorType,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: event.outcome,
    reason: event.reason,
    metadata: event.metadata,
    requestId: event.requestId,
    createdAt: event.createdAt.toISOString(),
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/**
 * Appends an event to its tenant's chain inside the caller's transaction. The chain head's row lock
 * serialises concurrent appends for one tenant; other tenants are not blocked.
 */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  event: Omit<AuditEventContent, "createdAt"> & { createdAt?: Date },
): Promise<{ seq: number; hash: string }> {
  await tx.$executeRaw`INSERT INTO "AuditChainHead" ("tenantId", "seq", "hash") VALUES (${event.tenantId}, 0, ${GENESIS_HASH}) ON CONFLICT ("tenantId") DO NOTHING`;
  const heads = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    SELECT "seq", "hash" FROM "AuditChainHead" WHERE "tenantId" = ${event.tenantId} FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error(`audit chain head missing for tenant ${event.tenantId}`);
  const seq = Number(head.seq) + 1;
  // Millisecond precision: what TIMESTAMP(3) stores, so the hash recomputes from the row.
  const createdAt = new Date(Math.floor((event.createdAt ?? new Date()).getTime()));
  const content: AuditEventContent = { ...event, createdAt };
  const hash = computeAuditHash(head.hash, seq, content);
  await tx.auditEvent.create({
    data: {
      id: content.id,
      tenantId: content.tenantId,
      seq,
      prevHash: head.hash,
      hash,
      actorType: content.actorType,
      actorId: content.actorId,
      actorLabel: content.actorLabel,
      action: content.action,
      targetType: content.targetType,
      targetId: content.targetId,
      outcome: content.outcome,
      reason: content.reason,
      metadata: content.metadata,
      requestId: content.requestId,
      createdAt,
    },
  });
  await tx.auditChainHead.update({ where: { tenantId: content.tenantId }, data: { seq, hash } });
  return { seq, hash };
}

export type AuditChainProblem =
  | { kind: "altered"; seq: number; eventId: string; detail: string }
  | { kind: "removed"; seq: number; detail: string }
  | { kind: "inserted"; seq: number; eventId: string; detail: string }
  | { kind: "head_mismatch"; seq: number; detail: string };

export type AuditChainReport = {
  tenantId: string;
  events: number;
  preChain: number;
  verified: number;
  ok: boolean;
  /** The first break in the chain, if any. */
  firstProblem: AuditChainProblem | null;
};

/**
 * Walks a tenant's chain in seq order and reports the first event that was altered, removed or
 * inserted. Streams in pages so a long log does not load into memory at once.
 */
export async function verifyAuditChain(prisma: PrismaClient, tenantId: string): Promise<AuditChainReport> {
  const pageSize = 1000;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let chainStarted = false;
  let events = 0;
  let preChain = 0;
  let verified = 0;
  let cursorSeq = 0;
  const fail = (problem: AuditChainProblem): AuditChainReport => ({
    tenantId,
    events,
    preChain,
    verified,
    ok: false,
    firstProblem: problem,
  });

  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { tenantId, seq: { gt: cursorSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      events += 1;
      cursorSeq = row.seq;
      if (row.hash === PRE_CHAIN && !chainStarted) {
        if (row.seq !== expectedSeq) {
          return fail({
            kind: "removed",
            seq: expectedSeq,
            detail: `pre-chain event ${expectedSeq} is missing`,
          });
        }
        preChain += 1;
        expectedSeq += 1;
        continue;
      }
      chainStarted = true;
      if (row.seq > expectedSeq) {
        return fail({
          kind: "removed",
          seq: expectedSeq,
          detail: `event #${expectedSeq} is missing (the next event present is #${row.seq})`,
        });
      }
      if (row.prevHash !== prevHash) {
        return fail({
          kind: "inserted",
          seq: row.seq,
          eventId: row.id,
          detail: `event #${row.seq} (${row.id}) does not follow the previous event's hash`,
        });
      }
      const recomputed = computeAuditHash(row.prevHash, row.seq, {
        ...row,
        metadata: row.metadata as Prisma.InputJsonValue,
      });
      if (recomputed !== row.hash) {
        return fail({
          kind: "altered",
          seq: row.seq,
          eventId: row.id,
          detail: `event #${row.seq} (${row.id}) was changed after it was written`,
        });
      }
      prevHash = row.hash;
      expectedSeq += 1;
      verified += 1;
    }
  }

  const head = await prisma.auditChainHead.findUnique({ where: { tenantId } });
  if (head && (head.seq !== expectedSeq - 1 || (verified > 0 && head.hash !== prevHash))) {
    return fail({
      kind: head.seq > expectedSeq - 1 ? "removed" : "head_mismatch",
      seq: expectedSeq,
      detail: `the chain ends at #${expectedSeq - 1} but its head says #${head.seq}: events at the end were removed or the head was changed`,
    });
  }
  return { tenantId, events, preChain, verified, ok: true, firstProblem: null };
}
