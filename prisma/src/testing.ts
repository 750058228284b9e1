import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Database, errorMessage, findWorkspaceRoot, openDatabase } from "./db";
import { applyMigrations } from "./migrations";
import { seedDemoData } from "./seed";

/*
 * Test databases, one per test file. KEEL_TEST_DB=postgres creates a uniquely named database on the
 * server in DATABASE_URL; anything else gives an in-memory PGlite.
 *
 * Speed: a fresh PGlite spends most of its ~1.5 s start-up in initdb, and seeding hashes eight
 * passwords with scrypt. So the first PGlite test database is migrated and seeded once, dumped to
 * node_modules/.cache/keel-db, and later ones load that snapshot (a few hundred ms). The snapshot
 * name is a hash of the migrations and of this package's source, so any change rebuilds it.
 * KEEL_TEST_DB_CACHE=off turns the snapshot off.
 */

export interface CreateTestDatabaseOptions {
  /** Apply the migrations (default true). Without them the database is empty and is not seeded. */
  migrate?: boolean;
  /** Insert the demo data (default true). */
  seed?: boolean;
}

/** The target KEEL_TEST_DB selects: "postgres" only when asked for, PGlite otherwise. */
export function testDatabaseTarget(): "postgres" | "pglite" {
  return process.env.KEEL_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** A fresh database for one test file; `close()` also throws it away. */
export async function createTestDatabase({
  migrate = true,
  seed = true,
}: CreateTestDatabaseOptions = {}): Promise<Database> {
  const prepare = async (db: Database) => {
    if (!migrate) return;
    await applyMigrations(db);
    if (seed) await seedDemoData(db.prisma);
  };
  return testDatabaseTarget() === "postgres"
    ? createPostgresTestDatabase(prepare)
    : createPgliteTestDatabase(prepare, migrate ? (seed ? "seeded" : "migrated") : null);
}

async function createPostgresTestDatabase(prepare: (db: Database) => Promise<void>): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error("KEEL_TEST_DB=postgres needs DATABASE_URL pointing at a PostgreSQL server.");
  const name = `keel_t_${randomBytes(6).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  let db: Database | undefined;
  try {
    db = await openDatabase({ url: url.toString() });
    await prepare(db);
  } catch (error) {
    await db?.close().catch(() => undefined);
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    throw error;
  }
  return alsoOnClose(db, () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Makes db.close() also run `after`. Mutates db: it must stay the object openDatabase returned. */
function alsoOnClose(db: Database, after: () => Promise<void>): Database {
  const close = db.close.bind(db);
  let closed: Promise<void> | undefined;
  db.close = () => {
    closed ??= close().then(after);
    return closed;
  };
  return db;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type SnapshotKind = "migrated" | "seeded";

async function createPgliteTestDatabase(
  prepare: (db: Database) => Promise<void>,
  kind: SnapshotKind | null,
): Promise<Database> {
  const snapshot = kind && process.env.KEEL_TEST_DB_CACHE !== "off" ? snapshotPath(kind) : null;

  if (snapshot && existsSync(snapshot)) {
    try {
      const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(snapshot)]) });
      return await ownPglite(pglite);
    } catch (error) {
      // A damaged or incompatible snapshot: drop it and build the database the slow way.
      console.warn(`Ignoring the test database snapshot ${snapshot}: ${errorMessage(error)}`);
      rmSync(snapshot, { force: true });
    }
  }

  const pglite = new PGlite();
  const db = await ownPglite(pglite);
  try {
    await prepare(db);
    if (snapshot) await saveSnapshot(pglite, snapshot);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** Opens a Database on pglite whose close() also closes pglite. */
async function ownPglite(pglite: PGlite): Promise<Database> {
  const db = await openDatabase({ pglite });
  return alsoOnClose(db, async () => {
    if (!pglite.closed) await pglite.close();
  });
}

function snapshotPath(kind: SnapshotKind): string | null {
  let root: string;
  try {
    root = findWorkspaceRoot();
  } catch {
    return null;
  }
  const hash = createHash("sha256");
  hash.update(`kind:${kind}\n`);
  // Everything that shapes the database content: migrations, seed code and data, id and password code.
  for (const dir of [join(root, "prisma", "migrations"), join(root, "prisma", "src")]) {
    for (const file of listFiles(dir)) {
      if (file.includes(join("src", "generated")) || /\.(test|integration-test)\.ts$/.test(file)) continue;
      hash.update(`${file.slice(root.length)}\n`);
      hash.update(readFileSync(file));
    }
  }
  const pglitePackage = join(root, "prisma", "node_modules", "@electric-sql", "pglite", "package.json");
  if (existsSync(pglitePackage)) hash.update(readFileSync(pglitePackage));
  return join(
    root,
    "node_modules",
    ".cache",
    "keel-db",
    `pglite-${kind}-${hash.digest("hex").slice(0, 16)}.tar`,
  );
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function saveSnapshot(pglite: PGlite, path: string): Promise<void> {
  try {
    const dump = await pglite.dumpDataDir("none");
    const dir = join(path, "..");
    mkdirSync(dir, { recursive: true });
    // Older snapshots of the same kind are stale once the sources changed.
    const kindPrefix = path.slice(dir.length + 1).replace(/-[0-9a-f]{16}\.tar$/, "-");
    for (const old of readdirSync(dir)) {
      if (old.startsWith(kindPrefix) && join(dir, old) !== path) rmSync(join(dir, old), { force: true });
    }
    // Write then rename, so a parallel test worker never reads a half-written file.
    const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temp, new Uint8Array(await dump.arrayBuffer()));
    renameSync(temp, path);
  } catch (error) {
    // The snapshot is only an optimisation.
    console.warn(`Could not save the test database snapshot: ${errorMessage(error)}`);
  }
}
