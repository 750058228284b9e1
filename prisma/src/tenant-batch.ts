/*
 * A tenant's statements in one round trip. `runTenantBatch` sends writes (and optionally one read)
 * to keel_run() (migration 0005), which switches to keel_app, sets the tenant and runs them in one
 * implicit transaction: row-level security applies exactly as in withTenant(), and either all of them
 * take effect or none. The governed action path uses it to make its change, its request row and its
 * audit event one round trip instead of eight (docs/decisions/014-one-statement-governed-writes.md).
 *
 * Statements are written with Prisma's `sql` tag as everywhere else; their values are rendered as
 * SQL literals (renderSql), because keel_run runs them with EXECUTE, which takes no parameters.
 */
import type { Database } from "./db";
import type { Prisma } from "./generated/prisma/client";

/** One value as a PostgreSQL literal (standard_conforming_strings on, as on every supported server). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") {
    if (value.includes("\0")) throw new Error("A text value cannot contain a NUL character.");
    // E'' only when needed: it is the one form where a backslash is an escape.
    const quoted = value.replaceAll("'", "''");
    return value.includes("\\") ? ` E'${quoted.replaceAll("\\", "\\\\")}'` : `'${quoted}'`;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot render ${value} as an SQL literal.`);
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "bigint") return value < 0n ? `(${value})` : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error("Cannot render an invalid date as an SQL literal.");
    // Timestamps are stored in UTC without a zone (Prisma's convention); PostgreSQL ignores the "Z"
    // when the literal becomes a timestamp without time zone.
    return `'${value.toISOString()}'`;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? "'{}'" : `ARRAY[${value.map(sqlLiteral).join(", ")}]`;
  }
  throw new Error(`Cannot render a ${typeof value} as an SQL literal; serialise it first.`);
}

/** A `Prisma.sql` statement with its values inlined as literals. */
export function renderSql(statement: Prisma.Sql): string {
  const { strings, values } = statement;
  let text = strings[0] ?? "";
  for (let i = 0; i < values.length; i += 1) text += sqlLiteral(values[i]) + (strings[i + 1] ?? "");
  return text;
}

/** The SQLSTATE keel_raise() uses: a batch refused on purpose (see isKeelRaise). */
export const KEEL_RAISE_SQLSTATE = "KL001";

/** Whether an error is a keel_raise() refusal (SQLSTATE KL001), optionally with exactly this message. */
export function isKeelRaise(error: unknown, message?: string): boolean {
  const cause = (
    error as {
      meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } };
    } | null
  )?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode !== KEEL_RAISE_SQLSTATE) return false;
  return message === undefined || cause.originalMessage === message;
}

/**
 * Runs `writes` in order and then `read` as keel_app for one tenant, in one statement (one round trip,
 * one implicit transaction). Returns the read's rows (an empty array without a read). Any failure,
 * including a keel_raise() in a statement, rolls everything back.
 */
export async function runTenantBatch<Row = Record<string, unknown>>(
  db: Pick<Database, "prisma">,
  tenantId: string,
  writes: Prisma.Sql[],
  read?: Prisma.Sql,
): Promise<Row[]> {
  if (typeof tenantId !== "string" || tenantId.length === 0) {
    throw new Error("A tenant batch needs a tenant id.");
  }
  const rendered = writes.map(renderSql);
  const rows = await db.prisma.$queryRaw<{ result: unknown }[]>`
    SELECT keel_run(${tenantId}, ${rendered}::text[], ${read ? renderSql(read) : null}) AS "result"`;
  const result = rows[0]?.result ?? null;
  if (result === null) return [];
  return (typeof result === "string" ? JSON.parse(result) : result) as Row[];
}
