/*
 * Re-runs a stored copilot trace against the current prompts, policies, knowledge and engine, stores
 * the result as a new trace (replayOfId) and shows what changed.
 *
 *   pnpm copilot:replay <traceId>            (PGlite by default; DATABASE_URL for PostgreSQL)
 *
 * Exits 0 when the replay ran (whether or not anything changed), 2 when the trace does not exist.
 */
import { describeDatabaseLocation, openDatabase, resolveDatabaseLocation } from "@keel/db";
import { AppError } from "../src/server/errors";
import { replayTrace } from "../src/server/services/copilot";

const traceId = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!traceId) {
  console.error("Usage: pnpm copilot:replay <traceId>");
  process.exit(2);
}

const db = await openDatabase();
try {
  console.log(`Database: ${describeDatabaseLocation(resolveDatabaseLocation())}`);
  // Admin tooling: find the trace's tenant, then replay inside that tenant only.
  const found = await db.prisma.copilotTrace.findUnique({
    where: { id: traceId },
    select: { tenantId: true },
  });
  if (!found) {
    console.error(`No trace ${traceId}.`);
    process.exitCode = 2;
  } else {
    const r = await replayTrace(db, found.tenantId, traceId);
    const row = (label: string, a: string, b: string) =>
      console.log(`  ${label.padEnd(12)} ${a.padEnd(34)} ${a === b ? "=" : "→"} ${b}`);
    console.log(`\nReplay of ${r.original.traceId} stored as ${r.replay.traceId}\n`);
    console.log(`  ${"".padEnd(12)} ${"original".padEnd(34)}   now`);
    row("prompt", r.original.prompt, r.replay.prompt);
    row("model", r.original.model, r.replay.model);
    const version = (v: number | null) => (v === null ? "built-in" : `v${v}`);
    row("policy", version(r.original.policyVersion), version(r.replay.policyVersion));
    row("charter", version(r.original.charterVersion), version(r.replay.charterVersion));
    row("confidence", String(r.original.confidence ?? "?"), String(r.replay.confidence ?? "?"));
    row("latency ms", String(r.original.latencyMs), String(r.replay.latencyMs));
    console.log(`  retrieved    ${r.original.retrieved.join(", ") || "(none)"}`);
    console.log(`          now  ${r.replay.retrieved.join(", ") || "(none)"}`);
    console.log(`\n${r.changes.length ? `Changed: ${r.changes.join("; ")}` : "Nothing changed."}\n`);
    for (const d of r.diff) console.log(`${d.op} ${d.line}`);
  }
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
