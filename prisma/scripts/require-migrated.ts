import type { Database } from "../src/db";
import { getMigrationStatus } from "../src/migrations";

/** Fails with a clear message when the database is behind the migrations the client was built for. */
export async function requireMigrated(db: Database): Promise<void> {
  const status = await getMigrationStatus(db.prisma);
  if (!status.upToDate)
    throw new Error(
      `the database has pending migrations (${status.pending.join(", ")}): run pnpm db:migrate first`,
    );
}
