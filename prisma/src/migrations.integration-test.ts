import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./db";
import { findWorkspaceRoot } from "./db";
import { applyMigrations, diffMigration, getMigrationStatus, listMigrationFolders } from "./migrations";
import { createTestDatabase, testDatabaseTarget } from "./testing";

const root = findWorkspaceRoot();
const migrationsDir = join(root, "prisma", "migrations");

describe(`migrations on ${testDatabaseTarget()}`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("reports everything pending on an empty database (no _prisma_migrations table yet)", async () => {
    const status = await getMigrationStatus(db.prisma);
    expect(status).toEqual({ applied: [], pending: listMigrationFolders(), upToDate: false });
    expect(status.pending).toContain("0001_init");
  });

  it("applies every migration once; a second run applies nothing", async () => {
    const first = await applyMigrations(db);
    expect(first.applied).toEqual(listMigrationFolders());
    const second = await applyMigrations(db);
    expect(second.applied).toEqual([]);
  });

  it("leaves neither Prisma's migration lock nor extra connections behind", async () => {
    const [row] = await db.prisma.$queryRaw<{ locks: number }[]>`
      SELECT count(*)::int AS locks FROM pg_locks
      WHERE locktype = 'advisory' AND objid = 72707369
        AND (database = (SELECT oid FROM pg_database WHERE datname = current_database()) OR database = 0)
        -- Held by a connection to this database (other test files migrate their own databases meanwhile).
        AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`;
    expect(row?.locks).toBe(0);
    // On PostgreSQL a stale lock would make this second run wait for the pool's 10 s idle timeout.
    const start = performance.now();
    expect((await applyMigrations(db)).applied).toEqual([]);
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it("records them in Prisma's own _prisma_migrations table, with the file's sha256", async () => {
    const rows = await db.prisma.$queryRaw<
      { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]
    >`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrationFolders());
    for (const row of rows) {
      const sql = readFileSync(join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("then reports the database up to date", async () => {
    const status = await getMigrationStatus(db.prisma);
    expect(status).toEqual({ applied: listMigrationFolders(), pending: [], upToDate: true });
  });

  it("reports a migration that exists on disk but not in the database as pending", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keel-migrations-"));
    try {
      cpSync(migrationsDir, dir, { recursive: true });
      cpSync(join(dir, "0001_init"), join(dir, "9999_later"), { recursive: true });
      const status = await getMigrationStatus(db.prisma, { migrationsDir: dir });
      expect(status).toEqual({ applied: listMigrationFolders(), pending: ["9999_later"], upToDate: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`a failing migration on ${testDatabaseTarget()}`, () => {
  it("is reported, not recorded as applied, and blocks later runs until resolved", async () => {
    const db = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(join(tmpdir(), "keel-migrations-"));
    try {
      cpSync(migrationsDir, dir, { recursive: true });
      cpSync(join(dir, "0001_init"), join(dir, "9999_broken"), { recursive: true });
      writeFileSync(
        join(dir, "9999_broken", "migration.sql"),
        'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n',
      );

      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(
        /Migration 9999_broken .* failed: .*NoSuchTable/,
      );
      expect(await getMigrationStatus(db.prisma, { migrationsDir: dir })).toEqual({
        applied: listMigrationFolders(),
        pending: ["9999_broken"],
        upToDate: false,
      });
      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/failed migrations/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  });
});

// Diffing always runs on a throwaway in-memory PGlite, whatever the test target: run it once.
describe.skipIf(testDatabaseTarget() === "postgres")("diffMigration", () => {
  it("finds no changes between the committed migrations and schema.prisma, and creates nothing", async () => {
    const before = readdirSync(migrationsDir);
    const result = await diffMigration("nothing");
    expect(result).toEqual({ created: null, sql: "" });
    expect(readdirSync(migrationsDir)).toEqual(before);
  });

  it("writes the next numbered migration for a schema change", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keel-diff-"));
    try {
      cpSync(migrationsDir, join(dir, "migrations"), { recursive: true });
      const schema = readFileSync(join(root, "prisma", "schema.prisma"), "utf8").replace(
        /\n {2}industry +String\n/,
        '\n  industry            String\n  timezone            String   @default("UTC")\n',
      );
      expect(schema).toContain("timezone");
      writeFileSync(join(dir, "schema.prisma"), schema);

      const result = await diffMigration("Add tenant timezone!", {
        migrationsDir: join(dir, "migrations"),
        schemaPath: join(dir, "schema.prisma"),
      });
      const next = String(listMigrationFolders().length + 1).padStart(4, "0");
      expect(result.created).toBe(`${next}_add_tenant_timezone`);
      expect(result.sql).toContain(
        'ALTER TABLE "Tenant" ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT \'UTC\'',
      );
      expect(existsSync(join(dir, "migrations", `${next}_add_tenant_timezone`, "migration.sql"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
