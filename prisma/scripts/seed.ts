// Applies pending migrations, then inserts the demo data (idempotent: a second run inserts nothing).
// Usage: pnpm db:seed
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "../src/db";
import { applyMigrations } from "../src/migrations";
import { seedDemoData } from "../src/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../src/seed-data";
import { runScript, since } from "./cli";

runScript("db:seed", async () => {
  const start = performance.now();
  console.log(`Database: ${describeDatabaseLocation(resolveDatabaseLocation())}`);
  const db = await openDatabase();
  try {
    const { applied } = await applyMigrations(db);
    console.log(
      applied.length ? `✔ Applied migration(s): ${applied.join(", ")}` : "✔ Migrations up to date.",
    );

    const { inserted } = await seedDemoData(db.prisma);
    const p = db.prisma;
    const [tenants, users, memberships, customers, tickets, messages, articles, orders, accounts] =
      await Promise.all([
        p.tenant.count(),
        p.user.count(),
        p.membership.count(),
        p.customer.count(),
        p.ticket.count(),
        p.message.count(),
        p.knowledgeArticle.count(),
        p.order.count(),
        p.customerAccount.count(),
      ]);
    const totals = { tenants, users, memberships, customers, tickets, messages, articles, orders, accounts };
    const insertedAny = Object.values(inserted).some((n) => n > 0);
    console.log(insertedAny ? "✔ Demo data inserted." : "✔ Demo data already present: nothing changed.");
    for (const [table, total] of Object.entries(totals)) {
      const added = inserted[table as keyof typeof inserted];
      console.log(`  ${table.padEnd(12)} ${String(total).padStart(5)}${added ? `  (+${added})` : ""}`);
    }
    const emails = DEMO_USERS.map((u) => u.email.split("@")[0]);
    console.log(
      `  Sign in as ${[...new Set(emails)].join("|")}@northwind.test or @cloudly.test, password ${DEMO_PASSWORD}`,
    );
    console.log(`  Done in ${since(start)}.`);
  } finally {
    await db.close();
  }
});
