// Deletes all data. PGlite: removes the data folder. PostgreSQL: drops and recreates the public
// schema, only with --force (it is somebody's real database).
// Usage: pnpm db:reset [--force]
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describeDatabaseLocation, pgliteDirLockHolder, resolveDatabaseLocation } from "../src/db";
import { runScript } from "./cli";

runScript("db:reset", async () => {
  const location = resolveDatabaseLocation();
  const where = describeDatabaseLocation(location);

  if (location.target === "postgresql") {
    if (!process.argv.includes("--force")) {
      throw new Error(
        `Refusing to wipe ${where} without --force. Run \`pnpm db:reset --force\` if you really mean it.`,
      );
    }
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      await client.query("DROP SCHEMA IF EXISTS public CASCADE");
      await client.query("CREATE SCHEMA public");
      // Restore PostgreSQL's defaults for a new database's public schema.
      await client.query("GRANT USAGE ON SCHEMA public TO PUBLIC");
    } finally {
      await client.end();
    }
    console.log(`✔ Dropped and recreated the public schema of ${where}.`);
  } else if ("dir" in location) {
    const dir = location.dir;
    const holder = pgliteDirLockHolder(dir);
    if (holder !== null) {
      throw new Error(`${dir} is in use by process ${holder} (the Keel server?). Stop it before resetting.`);
    }
    if (!existsSync(dir)) {
      console.log(`✔ Nothing to delete: ${dir} does not exist.`);
    } else {
      // Guard against a mistyped PGLITE_DIR: only delete a folder that holds a PostgreSQL cluster.
      if (readdirSync(dir).length > 0 && !existsSync(join(dir, "PG_VERSION"))) {
        throw new Error(`${dir} does not look like a PGlite data folder (no PG_VERSION); not deleting it.`);
      }
      rmSync(dir, { recursive: true, force: true });
      console.log(`✔ Deleted the PGlite data folder ${dir}.`);
    }
  }
  console.log("  Run `pnpm db:seed` (or `pnpm db:migrate`) to set it up again.");
});
