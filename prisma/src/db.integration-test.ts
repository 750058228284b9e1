import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, pgliteDirLockHolder } from "./db";
import { applyMigrations, getMigrationStatus, listMigrationFolders } from "./migrations";
import { createTestDatabase, testDatabaseTarget } from "./testing";

describe.skipIf(testDatabaseTarget() === "postgres")("openDatabase on PGlite", () => {
  it("keeps data in its folder across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keel-pglite-"));
    try {
      const first = await openDatabase({ pgliteDir: dir, url: "" });
      expect(first.target).toBe("pglite");
      expect((await applyMigrations(first)).applied).toEqual(listMigrationFolders());
      await first.prisma.tenant.create({
        data: { id: "ten_restart", slug: "restart", name: "R", industry: "x" },
      });
      await first.close();
      await first.close(); // closing twice is harmless

      const second = await openDatabase({ pgliteDir: dir, url: "" });
      expect((await getMigrationStatus(second.prisma)).upToDate).toBe(true);
      expect((await applyMigrations(second)).applied).toEqual([]);
      expect(await second.prisma.tenant.findUnique({ where: { slug: "restart" } })).toMatchObject({
        name: "R",
      });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(testDatabaseTarget() === "postgres")("the PGlite folder lock", () => {
  it("refuses a second opening of the same folder until the first is closed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keel-pglite-"));
    try {
      const first = await openDatabase({ pgliteDir: dir, url: "" });
      expect(pgliteDirLockHolder(dir)).toBe(process.pid);
      await expect(openDatabase({ pgliteDir: dir, url: "" })).rejects.toThrow(/is in use by this process/);
      await first.close();
      expect(pgliteDirLockHolder(dir)).toBeNull();
      expect(existsSync(`${dir}.lock`)).toBe(false);

      // A lock left by a process that no longer exists does not block.
      writeFileSync(`${dir}.lock`, "2147483646\n");
      const again = await openDatabase({ pgliteDir: dir, url: "" });
      await again.close();

      // Nor does one whose pid now belongs to another process (here: this one, started at another time).
      writeFileSync(`${dir}.lock`, `${process.pid} 1\n`);
      const reused = await openDatabase({ pgliteDir: dir, url: "" });
      await reused.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.lock`, { force: true });
    }
  });
});

describe.skipIf(testDatabaseTarget() !== "postgres")("openDatabase on PostgreSQL", () => {
  it("connects through DATABASE_URL", async () => {
    const db = await openDatabase();
    expect(db.target).toBe("postgresql");
    const [row] = await db.prisma.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`;
    expect(row?.one).toBe(1);
    await db.close();
  });

  it("fails with a clear message when the server is unreachable", async () => {
    await expect(openDatabase({ url: "postgresql://postgres@127.0.0.1:1/nowhere" })).rejects.toThrow(
      /Could not connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere/,
    );
  });
});

describe(`createTestDatabase on ${testDatabaseTarget()}`, () => {
  it("gives independent databases, and close() throws them away", async () => {
    const [a, b] = await Promise.all([
      createTestDatabase({ seed: false }),
      createTestDatabase({ seed: false }),
    ]);
    try {
      await a.prisma.tenant.create({
        data: { id: "ten_only_in_a", slug: "only-a", name: "A", industry: "x" },
      });
      expect(await a.prisma.tenant.count()).toBe(1);
      expect(await b.prisma.tenant.count()).toBe(0);
      if (testDatabaseTarget() === "postgres") {
        const [row] = await a.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
        expect(row?.name).toMatch(/^keel_t_[0-9a-f]{12}$/);
        await a.close();
        const check = await b.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_database WHERE datname = ${row?.name ?? ""}`;
        expect(check[0]?.n).toBe(0);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
