// Exports one tenant's audit log in seq order, as JSONL (verifiable offline with
// `pnpm audit:verify --file`) or CSV. To stdout unless --out is given; pnpm prints its own banner on
// stdout, so redirect with `pnpm -s audit:export ... > file`.
// Usage: pnpm audit:export --tenant <slug> [--format jsonl|csv] [--out file] [--from ISO] [--to ISO]
import { createWriteStream, rmSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat, exportAuditEvents } from "../src/audit-export";
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "../src/db";
import { runScript } from "./cli";
import { requireMigrated } from "./require-migrated";

const USAGE =
  "Usage: pnpm -s audit:export --tenant <slug> [--format jsonl|csv] [--out file] [--from ISO] [--to ISO]\n" +
  "  --from is inclusive, --to exclusive; both are ISO 8601 dates or instants (2026-11-01, 2026-11-20T17:00:00Z).";

function parseInstant(name: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new Error(`--${name} must be an ISO 8601 date or instant, got "${value}"`);
  return date;
}

runScript("audit:export", async () => {
  const { values } = parseArgs({
    options: {
      tenant: { type: "string" },
      format: { type: "string", default: "jsonl" },
      out: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    return;
  }
  if (!values.tenant) throw new Error(`--tenant is required.\n${USAGE}`);
  const format = values.format as AuditExportFormat;
  if (!AUDIT_EXPORT_FORMATS.includes(format))
    throw new Error(`--format must be one of ${AUDIT_EXPORT_FORMATS.join(", ")}, got "${values.format}"`);
  const from = parseInstant("from", values.from);
  const to = parseInstant("to", values.to);
  if (from && to && from >= to) throw new Error("--from must be before --to");

  // Progress goes to stderr: stdout may be the export itself.
  console.error(`Database: ${describeDatabaseLocation(resolveDatabaseLocation())}`);
  const db = await openDatabase();
  try {
    await requireMigrated(db);
    const tenant = await db.prisma.tenant.findUnique({
      where: { slug: values.tenant },
      select: { id: true },
    });
    if (!tenant) throw new Error(`no tenant with slug "${values.tenant}"`);
    const exported = exportAuditEvents(db.prisma, { tenantId: tenant.id, format, from, to });
    // The user's directory, not the package's: pnpm runs scripts from the workspace root.
    const outPath = values.out ? resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : null;
    try {
      await pipeline(Readable.from(exported.chunks), outPath ? createWriteStream(outPath) : process.stdout, {
        end: outPath !== null,
      });
    } catch (error) {
      // No half-written file that looks like a complete export.
      if (outPath) rmSync(outPath, { force: true });
      throw error;
    }
    const { events, firstSeq, lastSeq } = exported.summary();
    const range = firstSeq === null ? "" : ` (#${firstSeq}–#${lastSeq})`;
    console.error(
      `✔ Exported ${events} event(s)${range} of ${values.tenant} as ${format}${outPath ? ` to ${outPath}` : ""}.`,
    );
  } finally {
    await db.close();
  }
});
