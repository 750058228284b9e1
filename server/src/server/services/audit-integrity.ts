import { type AuditChainReport, type Database, verifyAuditChain, withTenant } from "@keel/db";
import { can } from "@keel/shared";
import type { TActor } from "../actor";
import { AppError } from "../errors";

function requireAuditRead(actor: TActor): void {
  const decision = can(actor.role, "audit.read");
  if (!decision.allowed)
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not read the audit log.`);
}

/** Verifies the actor's tenant's audit hash chain (auditors, supervisors and admins). */
export async function verifyTenantAuditChain(db: Database, actor: TActor): Promise<AuditChainReport> {
  requireAuditRead(actor);
  // Each page is read in its own short tenant-bound transaction.
  return verifyAuditChain((read) => withTenant(db, actor.tenant.id, read), actor.tenant.id);
}

/** The chain position (seq) of the given events of the actor's tenant, by event id. */
export async function auditSeqsOf(
  db: Database,
  actor: TActor,
  eventIds: string[],
): Promise<Map<string, number>> {
  requireAuditRead(actor);
  if (eventIds.length === 0) return new Map();
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.auditEvent.findMany({
      where: { tenantId: actor.tenant.id, id: { in: eventIds } },
      select: { id: true, seq: true },
    }),
  );
  return new Map(rows.map((row) => [row.id, row.seq]));
}
