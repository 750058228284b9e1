import "server-only";
import { type Database, openDatabase } from "@keel/db";

/*
 * One database per server process. PGlite is single-connection and in-process, so a module-level
 * promise (kept on globalThis to survive dev hot reloads) makes every request share it.
 */
const holder = globalThis as unknown as { __keelDb?: Promise<Database> };

/** The process-wide database (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise). */
export function getDatabase(): Promise<Database> {
  if (!holder.__keelDb) {
    holder.__keelDb = openDatabase().catch((error: unknown) => {
      // Let the next request try again (e.g. PostgreSQL was still starting).
      holder.__keelDb = undefined;
      throw error;
    });
  }
  return holder.__keelDb;
}
