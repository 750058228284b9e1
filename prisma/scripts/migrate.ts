// Applies pending migrations to the database chosen by the environment (DATABASE_URL or PGlite).
// Usage: pnpm db:migrate
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "../src/db";
import { applyMigrations } from "../src/migrations";
import { runScript, since } from "./cli";

runScript("db:migrate", async () => {
  const start = performance.now();
  console.log(`Database: ${describeDatabaseLocation(resolveDatabaseLocation())}`);
  const db = await openDatabase();
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length === 0)
      console.log(`✔ No pending migrations: the ${db.target} database is up to date.`);
    else console.log(`✔ Applied ${applied.length} migration(s) to ${db.target}: ${applied.join(", ")}`);
    console.log(`  Done in ${since(start)}.`);
  } finally {
    await db.close();
  }
});
