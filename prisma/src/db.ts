import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client";
import { guarded } from "./guards";
import { pgliteMigrationFactory } from "./pglite-adapter";

export type DatabaseTarget = "pglite" | "postgresql";

/** An open database: the Prisma client, which engine is behind it, and how to release it. */
export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Disconnects Prisma and closes an embedded PGlite this module opened. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; defaults to DATABASE_URL. */
  url?: string;
  /** Folder for the embedded PGlite data; defaults to PGLITE_DIR, then `<workspace root>/.data/pglite`. */
  pgliteDir?: string;
  /** An already open PGlite instance to use (its owner closes it; `close()` leaves it open). */
  pglite?: PGlite;
}

/** Where a database would be opened, without opening it (for messages and scripts). */
export type DatabaseLocation =
  | { target: "postgresql"; url: string }
  | { target: "pglite"; dir: string }
  | { target: "pglite"; instance: PGlite };

/** A driver-adapter factory for the schema engine, and how to clean up after the engine is done. */
export interface MigrationConnection {
  factory: SqlMigrationAwareDriverAdapterFactory;
  release(): Promise<void>;
}

// The schema engine needs a driver-adapter factory of its own (it connects separately from the
// Prisma client); kept out of the public Database type so consumers only see the client.
const migrationConnections = new WeakMap<Database, () => MigrationConnection>();

/*
 * The schema engine takes Prisma's session-level advisory lock (the same id as the native engine's
 * `prisma migrate`) and neither unlocks it nor disposes its connections when freed. Left alone, a
 * pooled PostgreSQL connection keeps holding the lock, and the next migration run waits ~10 s for
 * the pool's idle timeout; on PGlite, whose single session is shared with the app, it is held forever.
 */
const PRISMA_MIGRATE_LOCK = 72707369;

/** Wraps a factory so that every connection the engine opened can be disposed afterwards. */
export function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory): MigrationConnection {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => track(factory.connect()),
      connectToShadowDb: () => track(factory.connectToShadowDb()),
    },
    async release() {
      // Closing a PostgreSQL session releases its advisory locks with it.
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

function pgliteMigrationConnection(pglite: PGlite): MigrationConnection {
  const shadows: PGlite[] = [];
  const openShadow = () => {
    const shadow = new PGlite();
    shadows.push(shadow);
    return shadow;
  };
  return {
    factory: pgliteMigrationFactory(pglite, openShadow),
    async release() {
      await Promise.allSettled(shadows.splice(0).map((shadow) => shadow.close()));
      if (pglite.closed) return;
      // Session advisory locks stack; unlock until PostgreSQL says this session holds no more.
      for (let i = 0; i < 100; i += 1) {
        const result = await pglite.query<{ released: boolean }>(
          `SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK}) AS released`,
        );
        if (!result.rows[0]?.released) break;
      }
    },
  };
}

/** The workspace root: the nearest folder at or above `from` (default: cwd) holding pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  // Paths come from the working directory, not import.meta.url: Next.js bundles this package, and
  // inside .next the module URL no longer points into the repository.
  let dir = resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Could not find the workspace root (a folder with pnpm-workspace.yaml) above ${resolve(/*turbopackIgnore: true*/ from)}. ` +
          "Run from inside the Keel repository, or set DATABASE_URL / PGLITE_DIR explicitly.",
      );
    }
    dir = parent;
  }
}

/** Decides which database openDatabase would use for these options and the environment. */
export function resolveDatabaseLocation(options: OpenDatabaseOptions = {}): DatabaseLocation {
  if (options.pglite) return { target: "pglite", instance: options.pglite };
  // An explicit url (even "") wins over the environment: `url: ""` forces PGlite.
  const url = options.url !== undefined ? options.url : process.env.DATABASE_URL;
  if (url) return { target: "postgresql", url };
  const configured = options.pgliteDir || process.env.PGLITE_DIR;
  // A relative PGLITE_DIR is taken from the workspace root, so the server (cwd server/) and the db
  // scripts (cwd prisma/) agree on the same folder.
  if (configured && isAbsolute(configured)) return { target: "pglite", dir: configured };
  const dir = configured
    ? resolve(findWorkspaceRoot(), configured)
    : join(findWorkspaceRoot(), ".data", "pglite");
  return { target: "pglite", dir };
}

/** A human-readable description of a location, never including credentials. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  if (location.target === "postgresql") {
    try {
      // Host and database only: the URL may carry a password.
      const url = new URL(location.url);
      return `PostgreSQL at ${url.host}${url.pathname}`;
    } catch {
      return "PostgreSQL (DATABASE_URL)";
    }
  }
  return "dir" in location ? `embedded PGlite in ${location.dir}` : "embedded PGlite (in-memory instance)";
}

/** Opens PostgreSQL when DATABASE_URL (or options.url) is set, otherwise an embedded PGlite kept on disk. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const location = resolveDatabaseLocation(options);
  if (location.target === "postgresql") return openPostgres(location.url);

  let pglite: PGlite;
  let unlock = () => {};
  if ("instance" in location) {
    pglite = location.instance;
  } else {
    mkdirSync(location.dir, { recursive: true });
    unlock = lockPgliteDir(location.dir);
    try {
      pglite = new PGlite({ dataDir: location.dir });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  // Only a PGlite this function created is closed with the Database; a passed-in one belongs to its owner.
  const owned = !("instance" in location);
  try {
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw new Error(`Could not open the embedded PGlite database: ${errorMessage(error)}`, { cause: error });
  }
  const prisma = guarded(new PrismaClient({ adapter: new PrismaPGlite(pglite) }));
  let closed: Promise<void> | undefined;
  const db: Database = {
    prisma,
    target: "pglite",
    close() {
      closed ??= (async () => {
        try {
          await prisma.$disconnect();
          if (owned && !pglite.closed) await pglite.close();
        } finally {
          unlock();
        }
      })();
      return closed;
    },
  };
  migrationConnections.set(db, () => pgliteMigrationConnection(pglite));
  return db;
}

/*
 * PGlite is PostgreSQL running inside one process, without PostgreSQL's own guard against two
 * servers on one data folder: a second process opening the same folder (say `pnpm db:seed` while
 * the server runs) silently corrupts it. A lock file next to the folder turns that into an error.
 */
function lockFileOf(dir: string): string {
  return `${dir.replace(/[\\/]+$/, "")}.lock`;
}

/** When a process started (Linux: ticks since boot from /proc), to tell a reused pid from the original. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); fields are counted after the parenthesised command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(pid: number, started: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid is alive, but after a crash it may have been handed to an unrelated process.
  const now = processStart(pid);
  return !started || !now || now === started;
}

/** The id of the live process holding the PGlite folder's lock, or null when it is free. */
export function pgliteDirLockHolder(dir: string): number | null {
  try {
    const [pidText, started] = readFileSync(lockFileOf(dir), "utf8").trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? "", 10);
    return Number.isInteger(pid) && pid > 0 && isRunning(pid, started) ? pid : null;
  } catch {
    return null;
  }
}

function lockPgliteDir(dir: string): () => void {
  const lockFile = lockFileOf(dir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(lockFile, `${process.pid} ${processStart(process.pid) ?? ""}\n`, { flag: "wx" });
      let held = true;
      return () => {
        if (held) rmSync(lockFile, { force: true });
        held = false;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = pgliteDirLockHolder(dir);
    if (holder !== null) {
      const who = holder === process.pid ? "this process (opened twice)" : `process ${holder}`;
      throw new Error(
        `The PGlite data folder ${dir} is in use by ${who}. An embedded database can only be opened by ` +
          "one process at a time: stop the other one (e.g. the Keel server) first, or use PostgreSQL " +
          `(DATABASE_URL). If no such process is running, delete ${lockFile}.`,
      );
    }
    // Left behind by a process that died without closing the database.
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not lock the PGlite data folder ${dir} (${lockFile}).`);
}

async function openPostgres(url: string): Promise<Database> {
  const prisma = guarded(new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }));
  try {
    // Fail here, with a clear message, rather than on the first real query.
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    const where = describeDatabaseLocation({ target: "postgresql", url });
    // Prisma wraps driver errors in a multi-line "Invalid `prisma.$queryRaw()` invocation" text.
    const message = errorMessage(error);
    const reason = /Message: `([^`]+)`/.exec(message)?.[1] ?? message.trim();
    throw new Error(`Could not connect to ${where}: ${reason}`, { cause: error });
  }
  let closed: Promise<void> | undefined;
  const db: Database = {
    prisma,
    target: "postgresql",
    close() {
      closed ??= prisma.$disconnect();
      return closed;
    },
  };
  migrationConnections.set(db, () => trackConnections(wholeScripts(new PrismaPg({ connectionString: url }))));
  return db;
}

/*
 * @prisma/adapter-pg runs a migration script by splitting it on every ";" and sending the pieces one by
 * one, which breaks dollar-quoted bodies (DO blocks, functions) and is not atomic. This sends the whole
 * script as one simple query instead: PostgreSQL parses it properly and runs it as one implicit
 * transaction, as the native engine does.
 */
function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const patch = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    // PrismaPgAdapter exposes its pg pool this way (not part of the SqlDriverAdapter interface).
    const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.() as
      | { query(sql: string): Promise<unknown> }
      | undefined;
    if (!driver) return adapter;
    const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => patch(factory.connect()),
    connectToShadowDb: () => patch(factory.connectToShadowDb()),
  };
}

/** The connection the schema engine should use for db (internal to this package). */
export function migrationConnection(db: Database): MigrationConnection {
  const make = migrationConnections.get(db);
  if (!make) throw new Error("This Database was not created by openDatabase(); cannot run migrations on it.");
  return make();
}

/** The message of an unknown thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}
