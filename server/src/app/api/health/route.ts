import { getMigrationStatus } from "@keel/db";
import { getEnv } from "~/env";
import { getDatabase } from "~/server/db";

export const dynamic = "force-dynamic";

/** Liveness and readiness: which database is in use and whether every migration is applied. */
export async function GET() {
  try {
    const db = await getDatabase();
    const migrations = await getMigrationStatus(db.prisma);
    const ok = migrations.upToDate;
    return Response.json(
      {
        status: ok ? "ok" : "degraded",
        database: { target: db.target, reachable: true },
        migrations: {
          upToDate: migrations.upToDate,
          applied: migrations.applied.length,
          pending: migrations.pending,
        },
      },
      { status: ok ? 200 : 503 },
    );
  } catch (error) {
    return Response.json(
      {
        status: "error",
        database: { target: getEnv().DATABASE_URL ? "postgresql" : "pglite", reachable: false },
        error: error instanceof Error ? error.message : "unknown error",
      },
      { status: 503 },
    );
  }
}
