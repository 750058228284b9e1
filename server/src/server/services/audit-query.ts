import type { Database } from "@keel/db";
import { withTenant } from "@keel/db";
import type { TAuditEventRow } from "@keel/shared";
import type { TActor } from "../actor";

/** Reads the tenant's audit log, newest first, with keyset pagination on the event id. */
export async function listAuditEvents(
  db: Database,
  actor: TActor,
  input: { limit: number; cursor?: string; action?: string; outcome?: TAuditEventRow["outcome"] },
): Promise<{ events: TAuditEventRow[]; nextCursor: string | null }> {
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.auditEvent.findMany({
      where: {
        tenantId: actor.tenant.id,
        ...(input.action ? { action: input.action } : {}),
        ...(input.outcome ? { outcome: input.outcome } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    }),
  );
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      actorId: e.actorId,
      actorLabel: e.actorLabel,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome,
      reason: e.reason,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
