// Creates the next migration from the difference between prisma/migrations and schema.prisma.
// Usage: pnpm db:diff <name>
import { diffMigration } from "../src/migrations";
import { runScript, since } from "./cli";

runScript("db:diff", async () => {
  const name = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
  if (!name) throw new Error("Give the migration a name, e.g. `pnpm db:diff add_ticket_sla`.");
  const start = performance.now();
  const result = await diffMigration(name);
  if (!result.created) {
    console.log(`No changes: the migrations already match schema.prisma (${since(start)}).`);
    return;
  }
  console.log(`✔ Created prisma/migrations/${result.created}/migration.sql (${since(start)}).`);
  console.log("  Review it, then apply it with `pnpm db:migrate`.");
});
