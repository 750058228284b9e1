import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_HEAD_NOT_READY, auditAppendSql, verifyAuditChain } from "./audit-chain";
import type { Database } from "./db";
import { Prisma } from "./generated/prisma/client";
import { newId } from "./ids";
import { isKeelRaise, renderSql, runTenantBatch } from "./tenant-batch";
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

const event = (tenantId: string, action: string) => ({
  id: newId("aud"),
  tenantId,
  actorType: "system",
  actorId: null,
  actorLabel: "batch test",
  action,
  targetType: null,
  targetId: null,
  outcome: "success" as const,
  reason: null,
  metadata: { note: "it's a \\ test ✓", nested: { z: 1, a: [true, null, -2.5] } },
  requestId: null,
});

describe(`one-statement tenant batches on ${target}`, () => {
  it("renders values as literals that read back exactly", async () => {
    const values = ["plain", "it's", "back\\slash and 'quote'", "ünïcødé ✓ 🚀", "", "line\nbreak"];
    for (const value of values) {
      const rows = await db.prisma.$queryRawUnsafe<{ v: string }[]>(
        renderSql(Prisma.sql`SELECT ${value}::text AS v`),
      );
      expect(rows[0]?.v).toBe(value);
    }
    const rows = await db.prisma.$queryRawUnsafe<{ n: number; b: boolean; a: string[]; d: Date; z: null }[]>(
      renderSql(
        Prisma.sql`SELECT ${-42}::int AS n, ${true} AS b, ${["x", "y'z"]}::text[] AS a,
          ${new Date("2026-01-02T03:04:05.678Z")}::timestamp(3) AS d, ${null}::text AS z`,
      ),
    );
    expect(rows[0]).toMatchObject({ n: -42, b: true, a: ["x", "y'z"], z: null });
    expect(rows[0]?.d.toISOString()).toBe("2026-01-02T03:04:05.678Z");
    expect(() => renderSql(Prisma.sql`SELECT ${"nul\0"}`)).toThrow(/NUL/);
    expect(() => renderSql(Prisma.sql`SELECT ${Number.NaN}`)).toThrow();
    expect(() => renderSql(Prisma.sql`SELECT ${{ a: 1 }}`)).toThrow(/serialise/);
  });

  it("reads only the tenant's rows (row-level security applies inside the batch)", async () => {
    const rows = await runTenantBatch<{ tenantId: string }>(
      db,
      tenantA,
      [],
      Prisma.sql`SELECT "tenantId" FROM "Ticket"`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([tenantA]));
    // Another tenant's row, even named by id, is not there.
    const foreign = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenantB } });
    const found = await runTenantBatch(
      db,
      tenantA,
      [],
      Prisma.sql`SELECT "id" FROM "Ticket" WHERE "id" = ${foreign.id}`,
    );
    expect(found).toEqual([]);
  });

  it("refuses to write another tenant's rows and changes nothing", async () => {
    const foreign = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenantB } });
    await runTenantBatch(db, tenantA, [
      Prisma.sql`UPDATE "Ticket" SET "subject" = 'hijacked' WHERE "id" = ${foreign.id}`,
    ]);
    const after = await db.prisma.ticket.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(after.subject).toBe(foreign.subject);
    await expect(
      runTenantBatch(db, tenantA, [
        Prisma.sql`INSERT INTO "AuditChainHead" ("tenantId", "seq", "hash") VALUES (${tenantB}, 0, 'x')
          ON CONFLICT ("tenantId") DO NOTHING`,
      ]),
    ).rejects.toThrow(/row-level security/);
  });

  it("is all or nothing: a failing statement rolls back the writes before it", async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenantA } });
    await expect(
      runTenantBatch(db, tenantA, [
        Prisma.sql`UPDATE "Ticket" SET "version" = "version" + 1 WHERE "id" = ${ticket.id}`,
        Prisma.sql`SELECT keel_raise('stop here')`,
      ]),
    ).rejects.toSatisfy((error: unknown) => isKeelRaise(error, "stop here"));
    const after = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.version).toBe(ticket.version);
  });

  it("refuses a batch without a tenant", async () => {
    await expect(runTenantBatch(db, "", [])).rejects.toThrow(/tenant/);
  });

  it("appends audit events whose SQL-computed hashes verify, and a strict append refuses a missing head", async () => {
    // A tenant with no chain head yet: the strict append raises and writes nothing.
    const fresh = await db.prisma.tenant.create({
      data: { id: newId("ten"), slug: `batch-${Date.now()}`, name: "Batch test", industry: "test" },
    });
    await expect(
      runTenantBatch(db, fresh.id, [auditAppendSql(event(fresh.id, "test.strict"), { strict: true })]),
    ).rejects.toSatisfy((error: unknown) => isKeelRaise(error, AUDIT_HEAD_NOT_READY));
    expect(await db.prisma.auditEvent.count({ where: { tenantId: fresh.id } })).toBe(0);

    // With a head, three batched appends chain and verify (the JS verifier recomputes every hash).
    await db.prisma.auditChainHead.create({ data: { tenantId: fresh.id, seq: 0, hash: "genesis" } });
    for (const n of [1, 2, 3]) {
      await runTenantBatch(db, fresh.id, [
        auditAppendSql(event(fresh.id, `test.batch.${n}`), { strict: true }),
      ]);
    }
    const report = await verifyAuditChain(db.prisma, fresh.id);
    expect(report).toMatchObject({ ok: true, events: 3, verified: 3, headSeq: 3 });
    const rows = await db.prisma.auditEvent.findMany({
      where: { tenantId: fresh.id },
      orderBy: { seq: "asc" },
    });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    // createdAt never goes backwards along the chain.
    for (let i = 1; i < rows.length; i += 1) {
      expect(rows[i]?.createdAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]?.createdAt.getTime() ?? 0);
    }
  });
});
