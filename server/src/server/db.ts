import "server-only";
import { type Database, openDatabase } from "@keel/db";

/*
 * One database per server process. PGlite is single-connection and in-process, so a module-level
 * promise (kept on globalThis to survive dev hot reloads) makes every request share it.
 */
const holder = globalThis as unknown as { __keelDb?: Promise<Database> };

/**
 * The process-wide database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. On
 * PostgreSQL the server connects as DATABASE_APP_URL when given: a login role that is a member of
 * keel_app and neither superuser nor owner (`pnpm db:app-role` creates one), so row-level security
 * binds the connection itself; DATABASE_URL (the owner) is then only for migrations and tooling.
 */
export function getDatabase(): Promise<Database> {
  if (!holder.__keelDb) {
    const appUrl = process.env.DATABASE_APP_URL;
    holder.__keelDb = openDatabase(appUrl && process.env.DATABASE_URL ? { url: appUrl } : {}).catch(
      (error: unknown) => {
        // Let the next request try again (e.g. PostgreSQL was still starting).
        holder.__keelDb = undefined;
        throw error;
      },
    );
  }
  return holder.__keelDb;
}
