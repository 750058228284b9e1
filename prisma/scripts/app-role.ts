// Creates (or checks) a login role for the server to connect as on PostgreSQL: a member of keel_app, the
// role row-level security is written for, and neither superuser nor exempt from row-level security.
// Prints the DATABASE_APP_URL to give the server. Run as the owner (DATABASE_URL), after `pnpm db:migrate`.
// Usage: pnpm db:app-role [name]   (default keel_web; set a password yourself outside local trust setups)
import { openDatabase } from "../src/db";
import { APP_ROLE } from "../src/tenant";
import { runScript } from "./cli";

runScript("db:app-role", async () => {
  const name = process.argv.slice(2).find((arg) => !arg.startsWith("-")) ?? "keel_web";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a plain role name.`);
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("Set DATABASE_URL to the PostgreSQL server (as its owner); PGlite needs no login role.");
  const db = await openDatabase({ url });
  try {
    const exists = await db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${name}`;
    if (Number(exists[0]?.n ?? 0) === 0) {
      // Role names cannot be bound parameters; the name was checked above.
      await db.prisma
        .$executeRawUnsafe(
          `CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE ${APP_ROLE}`,
        )
        .catch((error: unknown) => {
          // Two runs racing: the other one created it.
          if (!/already exists/.test(String(error))) throw error;
        });
    }
    const app = new URL(url);
    app.username = name;
    app.password = "";
    console.log(app.toString());
  } finally {
    await db.close();
  }
});
