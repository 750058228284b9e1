import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuditChainReport,
  type AuditEventContent,
  appendAuditEvent,
  computeAuditHash,
  PRE_CHAIN,
  verifyAuditChain,
} from "./audit-chain";
import type { Database } from "./db";
import { newId } from "./ids";
import { applyMigrations, defaultMigrationsDir } from "./migrations";
import { createTestDatabase, testDatabaseTarget } from "./testing";

const target = testDatabaseTarget();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await db?.close();
});

async function newTenant(): Promise<string> {
  const id = newId("tnt");
  await db.prisma.tenant.create({
    data: { id, slug: id.replace("_", "-"), name: "Audit test", industry: "test" },
  });
  return id;
}

function event(tenantId: string, n: number): Omit<AuditEventContent, "createdAt"> {
  return {
    id: newId("aud"),
    tenantId,
    actorType: "user:session",
    actorId: "usr_aaaaaaaaaaaaaaaaaaaa",
    actorLabel: "supervisor@northwind.test",
    action: n % 2 ? "ticket.view" : "approval.decided",
    targetType: "ticket",
    targetId: `tkt_${String(n % 10).repeat(20)}`,
    outcome: "success",
    reason: n % 3 ? null : `Approved after "call" #${n}, see notes`,
    // Values whose encoding could drift between JS and jsonb: key order, floats, unicode, nesting.
    metadata: {
      z: n,
      amount: 49.99,
      ratio: 0.1 + 0.2,
      big: 1e21,
      note: "Ünïcødé ✓ \u2028",
      list: [{ b: 2, a: 1 }],
    },
    requestId: null,
  };
}

async function append(tenantId: string, count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1)
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, event(tenantId, n)));
}

async function rows(tenantId: string) {
  return db.prisma.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
}

async function idAt(tenantId: string, seq: number): Promise<string> {
  const row = await db.prisma.auditEvent.findFirst({ where: { tenantId, seq } });
  if (!row) throw new Error(`no event #${seq}`);
  return row.id;
}

/** A tenant with five chained events. */
async function chainOfFive(): Promise<string> {
  const tenantId = await newTenant();
  await append(tenantId, 5);
  return tenantId;
}

const verify = (tenantId: string): Promise<AuditChainReport> => verifyAuditChain(db.prisma, tenantId);

describe(`the audit chain on ${target}`, () => {
  it("verifies an untouched chain and stores seq, prevHash and hash", async () => {
    const tenantId = await chainOfFive();
    const report = await verify(tenantId);
    expect(report).toMatchObject({
      ok: true,
      events: 5,
      verified: 5,
      preChain: 0,
      headSeq: 5,
      firstProblem: null,
    });
    const stored = await rows(tenantId);
    expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored[1]?.prevHash).toBe(stored[0]?.hash);
  });

  it("hashes what is stored even when metadata holds Dates and undefined members", async () => {
    const tenantId = await newTenant();
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        ...event(tenantId, 1),
        metadata: { at: new Date("2026-11-20T17:00:00.000Z"), gone: undefined, n: Number.NaN } as never,
      }),
    );
    expect((await verify(tenantId)).ok).toBe(true);
  });

  it("reports an empty tenant as OK", async () => {
    expect(await verify(await newTenant())).toMatchObject({ ok: true, events: 0, headSeq: null });
  });
});

describe(`tampering is detected and located on ${target}`, () => {
  const changes: Record<string, string> = {
    actor: `"actorId" = 'usr_mallorymallorymallor', "actorLabel" = 'mallory@evil.test'`,
    outcome: `"outcome" = 'denied'`,
    metadata: `"metadata" = jsonb_set("metadata", '{amount}', '4999')`,
    createdAt: `"createdAt" = "createdAt" - interval '1 hour'`,
    reason: `"reason" = 'nothing to see'`,
    action: `"action" = 'ticket.summarize'`,
  };
  const cases = Object.keys(changes).flatMap((field) =>
    [1, 3, 5].map((seq) => ({ field, seq, position: seq === 1 ? "first" : seq === 3 ? "middle" : "last" })),
  );

  it.each(cases)("a changed $field on the $position event (#$seq)", async ({ field, seq }) => {
    const tenantId = await chainOfFive();
    const id = await idAt(tenantId, seq);
    await db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET ${changes[field]} WHERE "id" = $1`, id);
    const report = await verify(tenantId);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: "altered", seq, eventId: id });
  });

  it("a changed event whose hash was recomputed (the successor still links to the original)", async () => {
    const tenantId = await chainOfFive();
    const row = (await rows(tenantId))[2];
    if (!row) throw new Error("no row");
    const forged = { ...row, reason: "rewritten" };
    await db.prisma.auditEvent.update({
      where: { id: row.id },
      data: { reason: forged.reason, hash: computeAuditHash(row.prevHash, row.seq, forged) },
    });
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "altered", seq: 3, eventId: row.id });
  });

  it("the last event rewritten with a recomputed hash disagrees with the head", async () => {
    const tenantId = await chainOfFive();
    const row = (await rows(tenantId))[4];
    if (!row) throw new Error("no row");
    const forged = { ...row, outcome: "denied" as const };
    await db.prisma.auditEvent.update({
      where: { id: row.id },
      data: { outcome: "denied", hash: computeAuditHash(row.prevHash, row.seq, forged) },
    });
    expect((await verify(tenantId)).firstProblem).toMatchObject({
      kind: "head_mismatch",
      seq: 5,
      eventId: row.id,
    });
  });

  it.each([
    { seq: 1, position: "first" },
    { seq: 3, position: "middle" },
    { seq: 5, position: "last" },
  ])("a deleted $position event (#$seq)", async ({ seq }) => {
    const tenantId = await chainOfFive();
    await db.prisma.auditEvent.delete({ where: { id: await idAt(tenantId, seq) } });
    const report = await verify(tenantId);
    expect(report.firstProblem).toMatchObject({ kind: "removed", seq });
    expect(report.events).toBe(4);
  });

  it("a deleted event with the later ones renumbered to close the gap", async () => {
    const tenantId = await chainOfFive();
    await db.prisma.auditEvent.delete({ where: { id: await idAt(tenantId, 3) } });
    await db.prisma
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = "seq" - 1 WHERE "tenantId" = ${tenantId} AND "seq" > 3`;
    await db.prisma.auditChainHead.update({ where: { tenantId }, data: { seq: 4 } });
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "removed", seq: 3 });
  });

  async function forge(tenantId: string, seq: number, prevHash: string) {
    const content = { ...event(tenantId, 99), createdAt: new Date() };
    const hash = computeAuditHash(prevHash, seq, content);
    await db.prisma.auditEvent.create({ data: { ...content, seq, prevHash, hash } });
    return content.id;
  }

  it("a forged event appended after the last one, with a plausible seq and hash", async () => {
    const tenantId = await chainOfFive();
    const last = (await rows(tenantId))[4];
    const forgedId = await forge(tenantId, 6, last?.hash ?? "");
    expect((await verify(tenantId)).firstProblem).toMatchObject({
      kind: "inserted",
      seq: 6,
      eventId: forgedId,
    });
  });

  it("a forged event inserted in the middle, later events renumbered and the head moved on", async () => {
    const tenantId = await chainOfFive();
    const before = (await rows(tenantId))[1];
    await db.prisma
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = "seq" + 1000 WHERE "tenantId" = ${tenantId} AND "seq" >= 3`;
    await db.prisma
      .$executeRaw`UPDATE "AuditEvent" SET "seq" = "seq" - 999 WHERE "tenantId" = ${tenantId} AND "seq" >= 1000`;
    await db.prisma.auditChainHead.update({ where: { tenantId }, data: { seq: 6 } });
    const forgedId = await forge(tenantId, 3, before?.hash ?? "");
    expect((await verify(tenantId)).firstProblem).toMatchObject({
      kind: "inserted",
      seq: 3,
      eventId: forgedId,
    });
  });

  it.each([0, -7])("a forged event with seq %i", async (seq) => {
    const tenantId = await chainOfFive();
    const forgedId = await forge(tenantId, seq, "genesis");
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "inserted", seq, eventId: forgedId });
  });

  it("two events swapped (reordered)", async () => {
    const tenantId = await chainOfFive();
    const [second, fourth] = [await idAt(tenantId, 2), await idAt(tenantId, 4)];
    await db.prisma.auditEvent.update({ where: { id: second }, data: { seq: -100 } });
    await db.prisma.auditEvent.update({ where: { id: fourth }, data: { seq: 2 } });
    await db.prisma.auditEvent.update({ where: { id: second }, data: { seq: 4 } });
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "altered", seq: 2, eventId: fourth });
  });

  it.each([
    { what: "hash changed", data: { hash: "0".repeat(64) }, kind: "head_mismatch" },
    { what: "seq wound back", data: { seq: 4 }, kind: "head_mismatch" },
    { what: "seq moved forward", data: { seq: 6 }, kind: "head_mismatch" },
  ])("the chain head with its $what", async ({ data, kind }) => {
    const tenantId = await chainOfFive();
    await db.prisma.auditChainHead.update({ where: { tenantId }, data });
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind });
  });

  it("the chain head deleted", async () => {
    const tenantId = await chainOfFive();
    await db.prisma.auditChainHead.delete({ where: { tenantId } });
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "head_mismatch", seq: 5 });
    // Appends fail closed rather than start a second chain at #1.
    await expect(db.prisma.$transaction((tx) => appendAuditEvent(tx, event(tenantId, 6)))).rejects.toThrow();
  });

  it("every event relabelled pre-chain to escape verification", async () => {
    const tenantId = await chainOfFive();
    await db.prisma
      .$executeRaw`UPDATE "AuditEvent" SET "hash" = ${PRE_CHAIN}, "prevHash" = ${PRE_CHAIN} WHERE "tenantId" = ${tenantId}`;
    expect((await verify(tenantId)).firstProblem).toMatchObject({ kind: "head_mismatch" });
  });

  it("leaves other tenants' chains alone", async () => {
    const [a, b] = [await chainOfFive(), await chainOfFive()];
    await db.prisma.auditEvent.delete({ where: { id: await idAt(a, 2) } });
    expect((await verify(a)).ok).toBe(false);
    expect((await verify(b)).ok).toBe(true);
  });
});

describe(`concurrent appends on ${target}`, () => {
  it("50 concurrent appends for one tenant give seq 1..50 and a valid chain", async () => {
    const tenantId = await newTenant();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.prisma.$transaction((tx) => appendAuditEvent(tx, event(tenantId, i + 1)), {
          maxWait: 30_000,
          timeout: 30_000,
        }),
      ),
    );
    const stored = await rows(tenantId);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // createdAt is taken under the lock, so time order is seq order.
    const times = stored.map((r) => r.createdAt.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(await verify(tenantId)).toMatchObject({ ok: true, verified: 50, headSeq: 50 });
  });

  it("concurrent first appends of two new tenants both succeed, each chain gap-free", async () => {
    const [a, b] = [await newTenant(), await newTenant()];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.prisma.$transaction((tx) => appendAuditEvent(tx, event(i % 2 ? a : b, i)), {
          maxWait: 30_000,
          timeout: 30_000,
        }),
      ),
    );
    for (const tenantId of [a, b]) expect(await verify(tenantId)).toMatchObject({ ok: true, verified: 20 });
  });

  it("a rolled-back append leaves no gap", async () => {
    const tenantId = await newTenant();
    await append(tenantId, 2);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, event(tenantId, 3));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await append(tenantId, 1);
    expect((await rows(tenantId)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await verify(tenantId)).ok).toBe(true);
  });

  // PGlite has a single connection, so transactions cannot overlap there at all.
  it.skipIf(target !== "postgres")("an open append blocks its own tenant only", async () => {
    const [a, b] = [await newTenant(), await newTenant()];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let appended: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => {
      appended = resolve;
    });
    const first = db.prisma.$transaction(
      async (tx) => {
        await appendAuditEvent(tx, event(a, 1));
        appended();
        await held;
      },
      { timeout: 30_000 },
    );
    await lockTaken;

    // Another tenant appends while tenant a's head is locked.
    const other = db.prisma.$transaction((tx) => appendAuditEvent(tx, event(b, 1)));
    const outcome = await Promise.race([other.then(() => "done"), sleep(5_000).then(() => "blocked")]);
    expect(outcome).toBe("done");

    // The same tenant waits for the lock.
    let secondDone = false;
    const second = db.prisma
      .$transaction((tx) => appendAuditEvent(tx, event(a, 2)), { timeout: 30_000 })
      .then((r) => {
        secondDone = true;
        return r;
      });
    await sleep(300);
    expect(secondDone).toBe(false);
    release();
    await first;
    expect((await second).seq).toBe(2);
    expect(await verify(a)).toMatchObject({ ok: true, verified: 2 });
  });
});

describe(`upgrading a database with audit events from before the chain on ${target}`, () => {
  let old: Database;
  let dir: string;
  const A = "tnt_upgradeaaaaaaaaaaaa";
  const B = "tnt_upgradebbbbbbbbbbbb";
  const C = "tnt_upgradecccccccccccc";

  beforeAll(async () => {
    old = await createTestDatabase({ migrate: false });
    dir = mkdtempSync(join(tmpdir(), "keel-migrations-0001-"));
    cpSync(join(defaultMigrationsDir(), "0001_init"), join(dir, "0001_init"), { recursive: true });
    cpSync(join(defaultMigrationsDir(), "migration_lock.toml"), join(dir, "migration_lock.toml"));
    expect((await applyMigrations(old, { migrationsDir: dir })).applied).toEqual(["0001_init"]);

    // Written by the walking skeleton, before AuditEvent had seq/prevHash/hash.
    for (const [id, slug] of [
      [A, "upgrade-a"],
      [B, "upgrade-b"],
      [C, "upgrade-c"],
    ] as const) {
      await old.prisma.$executeRawUnsafe(
        `INSERT INTO "Tenant" ("id", "slug", "name", "industry") VALUES ($1, $2, $2, 'test')`,
        id,
        slug,
      );
    }
    const legacy = [
      [A, "aud_upgradea1aaaaaaaaaaa", "2026-01-01T10:00:00.000Z"],
      [A, "aud_upgradea3aaaaaaaaaaa", "2026-01-01T12:00:00.000Z"],
      [A, "aud_upgradea2aaaaaaaaaaa", "2026-01-01T11:00:00.000Z"],
      [B, "aud_upgradeb1bbbbbbbbbbb", "2026-01-02T10:00:00.000Z"],
      [B, "aud_upgradeb2bbbbbbbbbbb", "2026-01-02T11:00:00.000Z"],
    ];
    for (const [tenantId, id, at] of legacy) {
      await old.prisma.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("id", "tenantId", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "outcome", "reason", "metadata", "createdAt")
         VALUES ($1, $2, 'user:session', 'usr_legacy', 'agent@northwind.test', 'ticket.view', 'ticket', 'tkt_legacy', 'success', NULL, '{"engine":"extractive","b":1,"a":2}', $3::timestamp)`,
        id,
        tenantId,
        at,
      );
    }
    await applyMigrations(old);
  });
  afterAll(async () => {
    await old?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("numbers the old events in time order and verifies them as pre-chain", async () => {
    const a = await old.prisma.auditEvent.findMany({ where: { tenantId: A }, orderBy: { seq: "asc" } });
    expect(a.map((r) => [r.seq, r.id])).toEqual([
      [1, "aud_upgradea1aaaaaaaaaaa"],
      [2, "aud_upgradea2aaaaaaaaaaa"],
      [3, "aud_upgradea3aaaaaaaaaaa"],
    ]);
    expect(await verifyAuditChain(old.prisma, A)).toMatchObject({
      ok: true,
      events: 3,
      preChain: 3,
      verified: 0,
      headSeq: 3,
      preChainSealed: null,
    });
    expect(await verifyAuditChain(old.prisma, B)).toMatchObject({ ok: true, events: 2, preChain: 2 });
    expect(await verifyAuditChain(old.prisma, C)).toMatchObject({ ok: true, events: 0, headSeq: 0 });
  });

  it("continues the chain after them, sealing them in", async () => {
    await old.prisma.$transaction((tx) => appendAuditEvent(tx, event(A, 4)));
    await old.prisma.$transaction((tx) => appendAuditEvent(tx, event(C, 1)));
    expect(await verifyAuditChain(old.prisma, A)).toMatchObject({
      ok: true,
      events: 4,
      preChain: 3,
      verified: 1,
      preChainSealed: true,
    });
    expect(await verifyAuditChain(old.prisma, C)).toMatchObject({ ok: true, verified: 1, preChain: 0 });
    const fourth = await old.prisma.auditEvent.findFirst({ where: { tenantId: A, seq: 4 } });
    expect(fourth?.prevHash).not.toBe("genesis");
  });

  it("detects a pre-chain event changed after the seal", async () => {
    await old.prisma
      .$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'mallory@evil.test' WHERE "id" = 'aud_upgradea2aaaaaaaaaaa'`;
    expect((await verifyAuditChain(old.prisma, A)).firstProblem).toMatchObject({
      kind: "altered",
      seq: 1,
      throughSeq: 3,
    });
  });

  it("detects a pre-chain event removed (even before any chained event)", async () => {
    await old.prisma.auditEvent.delete({ where: { id: "aud_upgradeb1bbbbbbbbbbb" } });
    expect((await verifyAuditChain(old.prisma, B)).firstProblem).toMatchObject({ kind: "removed", seq: 1 });
  });
});
