// Prints the tenant isolation checks run against the database and their results, for an admin to show an
// auditor: the application role, row-level security on every tenant table, and probes as that role with
// the tenant setting absent, wrong, and set (reads and writes across the boundary). Changes nothing.
// Exits 1 when a check fails.
// Usage: pnpm isolation:report [--tenant-a <slug> --tenant-b <slug>]
import { parseArgs } from "node:util";
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "../src/db";
import { runIsolationChecks } from "../src/isolation";
import { runScript, since } from "./cli";
import { requireMigrated } from "./require-migrated";

runScript("isolation:report", async () => {
  const { values } = parseArgs({
    options: { "tenant-a": { type: "string" }, "tenant-b": { type: "string" } },
  });
  const start = performance.now();
  const where = describeDatabaseLocation(resolveDatabaseLocation());
  const db = await openDatabase();
  try {
    await requireMigrated(db);
    let tenants: { tenantA: string; tenantB: string } | undefined;
    if (values["tenant-a"] || values["tenant-b"]) {
      const bySlug = async (slug: string | undefined) => {
        const tenant = slug ? await db.prisma.tenant.findUnique({ where: { slug } }) : null;
        if (!tenant)
          throw new Error(`No tenant with slug "${slug ?? ""}". Give both --tenant-a and --tenant-b.`);
        return tenant.id;
      };
      tenants = { tenantA: await bySlug(values["tenant-a"]), tenantB: await bySlug(values["tenant-b"]) };
    }
    const checks = await runIsolationChecks(db, tenants);
    console.log(`Tenant isolation report for ${where} (${new Date().toISOString()})\n`);
    for (const [i, check] of checks.entries()) {
      console.log(`${check.ok ? "✔" : "✖"} ${String(i + 1).padStart(2)}. ${check.name}`);
      console.log(`       ${check.detail}`);
    }
    const failed = checks.filter((c) => !c.ok).length;
    console.log(
      `\n${checks.length - failed}/${checks.length} checks passed in ${since(start)}${failed ? ` — ${failed} FAILED` : ""}.`,
    );
    if (failed) process.exitCode = 1;
  } finally {
    await db.close();
  }
});
