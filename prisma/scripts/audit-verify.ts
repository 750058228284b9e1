// Verifies the tamper-evident audit log: every tenant's hash chain, or one tenant's, or an exported
// JSONL file (offline, without the database). Exits 1 when a chain is broken.
// Usage: pnpm audit:verify [--tenant <slug>] | pnpm audit:verify --file <export.jsonl> [--head <seq>:<hash>]
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { AuditChainProblem, AuditChainReport } from "../src/audit-chain";
import { verifyAuditChain } from "../src/audit-chain";
import { verifyAuditExport } from "../src/audit-export";
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "../src/db";
import { runScript } from "./cli";
import { requireMigrated } from "./require-migrated";

const USAGE =
  "Usage: pnpm audit:verify [--tenant <slug>]\n       pnpm audit:verify --file <export.jsonl> [--head <seq>:<hash>]";

/** "ALTERED at #5: event #5 (aud_…) was changed after it was written: …" */
function describeProblem(problem: AuditChainProblem): string {
  const through = "throughSeq" in problem ? problem.throughSeq : undefined;
  const where = through ? `#${problem.seq}–#${through}` : `#${problem.seq}`;
  const kind = problem.kind.replace("_", " ").toUpperCase();
  return `${kind} at ${where}: ${problem.detail}`;
}

function describeReport(label: string, report: AuditChainReport): string {
  const counts = `${report.events} events, ${report.verified} verified, ${report.preChain} pre-chain`;
  const sealed =
    report.preChain > 0 && report.preChainSealed !== null
      ? report.preChainSealed
        ? " (pre-chain sealed)"
        : " (pre-chain not sealed)"
      : "";
  return report.firstProblem
    ? `✖ ${label}: ${counts} — ${describeProblem(report.firstProblem)}`
    : `✔ ${label}: ${counts}${sealed} — OK`;
}

async function verifyFile(path: string, head: string | undefined): Promise<boolean> {
  let expectedHead: { seq: number; hash: string } | undefined;
  if (head) {
    const match = /^(\d+):([0-9a-f]{64}|genesis)$/.exec(head);
    if (!match) throw new Error(`--head must be <seq>:<hash>, got "${head}"`);
    expectedHead = { seq: Number(match[1]), hash: match[2] ?? "" };
  }
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  const result = await verifyAuditExport(lines, { expectedHead });
  const range = result.firstSeq === null ? "no events" : `#${result.firstSeq}–#${result.lastSeq}`;
  const counts = `${result.events} events (${range}), ${result.verified} verified, ${result.preChain} pre-chain`;
  const start = result.fromGenesis ? "" : " (a range: its first link is trusted)";
  if (result.malformed) {
    console.log(
      `✖ ${file}: line ${result.malformed.line} is not an exported event: ${result.malformed.error}`,
    );
  } else if (result.firstProblem) {
    const read = `${result.events} events read, ${result.verified} verified, ${result.preChain} pre-chain`;
    console.log(`✖ ${file}: ${read} — ${describeProblem(result.firstProblem)}`);
  } else {
    console.log(`✔ ${file}: ${counts}${start} — OK`);
    console.log(`  Last hash: ${result.lastHash ?? "none"} (compare with the chain head you recorded)`);
  }
  return result.ok;
}

runScript("audit:verify", async () => {
  const { values } = parseArgs({
    options: {
      tenant: { type: "string" },
      file: { type: "string" },
      head: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.file) {
    if (!(await verifyFile(values.file, values.head))) throw new Error("the exported file does not verify");
    return;
  }

  console.log(`Database: ${describeDatabaseLocation(resolveDatabaseLocation())}`);
  const db = await openDatabase();
  try {
    await requireMigrated(db);
    const tenants = await db.prisma.tenant.findMany({
      where: values.tenant ? { slug: values.tenant } : {},
      select: { id: true, slug: true },
      orderBy: { slug: "asc" },
    });
    if (values.tenant && tenants.length === 0) throw new Error(`no tenant with slug "${values.tenant}"`);
    if (tenants.length === 0) console.log("No tenants.");
    const width = Math.max(0, ...tenants.map((t) => t.slug.length));
    let broken = 0;
    for (const tenant of tenants) {
      const report = await verifyAuditChain(db.prisma, tenant.id);
      if (!report.ok) broken += 1;
      console.log(describeReport(tenant.slug.padEnd(width), report));
    }
    // runScript prints this and exits 1.
    if (broken > 0) throw new Error(`${broken} of ${tenants.length} audit chain(s) broken`);
  } finally {
    await db.close();
  }
});
