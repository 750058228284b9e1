import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./db";
import { runIsolationChecks } from "./isolation";
import { withCapability, withTenant } from "./tenant";
import { createTestDatabase, testDatabaseTarget } from "./testing";

const target = testDatabaseTarget();

let db: Database;
let tenantA: string;
let tenantB: string;
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
  const tenants = await db.prisma.tenant.findMany({ orderBy: { slug: "asc" } });
  tenantA = tenants[0]?.id ?? "";
  tenantB = tenants[1]?.id ?? "";
});
afterAll(async () => {
  await db?.close();
});

describe(`tenant isolation on ${target}`, () => {
  it("passes every check of the isolation report on the seeded database", async () => {
    const checks = await runIsolationChecks(db);
    expect(checks.length).toBeGreaterThanOrEqual(9);
    for (const check of checks) expect(check, check.detail).toMatchObject({ ok: true });
  });

  it("flags a tenant table whose row-level security is no longer forced", async () => {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Ticket" NO FORCE ROW LEVEL SECURITY`);
    try {
      const checks = await runIsolationChecks(db);
      const rls = checks.find((c) => c.name.startsWith("row-level security"));
      expect(rls?.ok).toBe(false);
      expect(rls?.detail).toContain("Ticket");
    } finally {
      await db.prisma.$executeRawUnsafe(`ALTER TABLE "Ticket" FORCE ROW LEVEL SECURITY`);
    }
  });

  it("a tenant-bound transaction sees its own tenant only, even without a where on tenantId", async () => {
    const [mine, total] = await Promise.all([
      db.prisma.ticket.count({ where: { tenantId: tenantA } }),
      db.prisma.ticket.count(),
    ]);
    expect(total).toBeGreaterThan(mine);
    const seen = await withTenant(db, tenantA, (tx) => tx.ticket.findMany({ select: { tenantId: true } }));
    expect(seen).toHaveLength(mine);
    expect(new Set(seen.map((t) => t.tenantId))).toEqual(new Set([tenantA]));
    // A lookup of another tenant's row by id finds nothing.
    const foreign = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenantB } });
    expect(
      await withTenant(db, tenantA, (tx) => tx.ticket.findUnique({ where: { id: foreign.id } })),
    ).toBeNull();
  });

  it("an identity capability sees no tenant data at all", async () => {
    const counts = await withCapability(db, {}, async (tx) => ({
      tickets: await tx.ticket.count(),
      tenants: await tx.tenant.count(),
      memberships: await tx.membership.count(),
    }));
    expect(counts).toEqual({ tickets: 0, tenants: 0, memberships: 0 });
  });

  it("a user capability sees that user's memberships and workspaces only", async () => {
    const member = await db.prisma.membership.findFirstOrThrow({ where: { tenantId: tenantA } });
    const seen = await withCapability(db, { userId: member.userId }, async (tx) => ({
      memberships: await tx.membership.findMany({ select: { userId: true } }),
      tenants: await tx.tenant.findMany({ select: { id: true } }),
      tickets: await tx.ticket.count(),
    }));
    expect(seen.memberships.length).toBeGreaterThan(0);
    expect(seen.memberships.every((m) => m.userId === member.userId)).toBe(true);
    expect(seen.tenants.map((t) => t.id)).toContain(tenantA);
    expect(seen.tickets).toBe(0);
  });

  it("refuses a bulk update whose filter holds undefined (Prisma would read it as no filter), changing nothing", async () => {
    const before = await db.prisma.ticket.findMany({
      where: { tenantId: tenantA },
      select: { id: true, queue: true },
    });
    const ids: string[] | undefined = undefined;
    await expect(
      withTenant(db, tenantA, (tx) =>
        tx.ticket.updateMany({ where: { id: { in: ids } }, data: { queue: "oops" } }),
      ),
    ).rejects.toThrow(/where\.id\.in is undefined/);
    await expect(withTenant(db, tenantA, (tx) => tx.ticket.deleteMany({ where: {} }))).rejects.toThrow(
      /explicit filter/,
    );
    const after = await db.prisma.ticket.findMany({
      where: { tenantId: tenantA },
      select: { id: true, queue: true },
    });
    expect(after).toEqual(before);
  });

  it("refuses a tenant-bound transaction without a tenant", async () => {
    await expect(withTenant(db, "", async () => 1)).rejects.toThrow(/needs a tenant id/);
  });
});
