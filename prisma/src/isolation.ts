/*
 * Tenant isolation checks, run against a live database: what an admin shows an auditor
 * (`pnpm isolation:report`) and what the integration suite asserts. Each check works as the application
 * role (keel_app) the way the server does, and reports what it saw.
 */
import type { Database } from "./db";
import type { Prisma } from "./generated/prisma/client";
import { APP_ROLE } from "./tenant";

export type IsolationCheck = { name: string; ok: boolean; detail: string };

type Tx = Prisma.TransactionClient;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Tables holding tenant data: every table with a tenantId column, and Tenant itself. */
export async function tenantTables(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ table: string }[]>`
    SELECT c.table_name AS "table" FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenantId' AND t.table_type = 'BASE TABLE'
    ORDER BY 1`;
  return ["Tenant", ...rows.map((r) => r.table)];
}

/** Runs `fn` as the application role with the given settings, always rolling back (checks change nothing). */
async function asApp<T>(
  db: Database,
  settings: { tenantId?: string; userId?: string; secretHash?: string },
  fn: (tx: Tx) => Promise<T>,
): Promise<{ value: T } | { error: string }> {
  const rollback = new Error("rollback");
  let value: T | undefined;
  try {
    await db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('role', ${APP_ROLE}, true),
        set_config('app.tenant_id', ${settings.tenantId ?? ""}, true),
        set_config('app.user_id', ${settings.userId ?? ""}, true),
        set_config('app.secret_hash', ${settings.secretHash ?? ""}, true)`;
      value = await fn(tx);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) {
      const message = error instanceof Error ? error.message : String(error);
      return { error: message.split("\n").filter(Boolean).at(-1) ?? message };
    }
  }
  return { value: value as T };
}

const countRows = async (tx: Tx, table: string, where = "TRUE") => {
  const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${quote(table)} WHERE ${where}`,
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * Runs every isolation check. `tenantA` and `tenantB` are two tenants with data (the first two by slug
 * when not given). Nothing is changed: every probe runs in a transaction that is rolled back.
 */
/** The SECURITY DEFINER functions of migration 0003: identity lookups before a tenant is known. */
const IDENTITY_DEFINERS = new Set(["keel_token_actor", "keel_member_actor"]);

export async function runIsolationChecks(
  db: Database,
  tenants?: { tenantA: string; tenantB: string },
): Promise<IsolationCheck[]> {
  const checks: IsolationCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const role = await db.prisma.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
    SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ${APP_ROLE}`;
  const r = role[0];
  add(
    `application role ${APP_ROLE} is neither superuser nor exempt from row-level security`,
    Boolean(r && !r.rolsuper && !r.rolbypassrls),
    r ? `superuser=${r.rolsuper}, bypassrls=${r.rolbypassrls}` : "role missing",
  );

  const tables = await tenantTables(db);
  const flags = await db.prisma.$queryRaw<
    { table: string; enabled: boolean; forced: boolean; policies: number }[]
  >`
    SELECT c.relname AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
      (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'`;
  const byTable = new Map(flags.map((f) => [f.table, f]));
  const unprotected = tables.filter((t) => {
    const f = byTable.get(t);
    return !f?.enabled || !f.forced || Number(f.policies) === 0;
  });
  add(
    `row-level security is enabled and forced, with policies, on all ${tables.length} tenant tables`,
    unprotected.length === 0,
    unprotected.length ? `not protected: ${unprotected.join(", ")}` : tables.join(", "),
  );

  let pair = tenants;
  if (!pair) {
    const two = await db.prisma.tenant.findMany({ orderBy: { slug: "asc" }, take: 2, select: { id: true } });
    pair = { tenantA: two[0]?.id ?? "", tenantB: two[1]?.id ?? "" };
  }
  const { tenantA, tenantB } = pair;
  if (!tenantA || !tenantB) {
    add("two tenants with data to probe", false, "the database holds fewer than two tenants (seed it first)");
    return checks;
  }

  const totals = new Map<string, number>();
  for (const table of tables) totals.set(table, await countRows(db.prisma as unknown as Tx, table));

  // No tenant set: nothing of any tenant is visible.
  const blind = await asApp(db, {}, async (tx) => {
    const seen: string[] = [];
    for (const table of tables) {
      const n = await countRows(tx, table);
      if (n > 0) seen.push(`${table}: ${n}`);
    }
    return seen;
  });
  add(
    "without the tenant setting the application role sees zero rows of every tenant table",
    "value" in blind && blind.value.length === 0,
    "value" in blind
      ? blind.value.length
        ? `visible: ${blind.value.join(", ")}`
        : `0 rows in ${tables.length} tables (the database holds ${[...totals.values()].reduce((a, b) => a + b, 0)})`
      : blind.error,
  );

  // A wrong tenant (one that does not exist) sees nothing either.
  const wrong = await asApp(db, { tenantId: "ten_does_not_exist" }, async (tx) => {
    let n = 0;
    for (const table of tables) n += await countRows(tx, table);
    return n;
  });
  add(
    "with a wrong tenant setting the application role sees zero rows",
    "value" in wrong && wrong.value === 0,
    "value" in wrong ? `${wrong.value} rows visible` : wrong.error,
  );

  // Tenant A set: only A's rows, all of them.
  const scoped = await asApp(db, { tenantId: tenantA }, async (tx) => {
    const foreign: string[] = [];
    let own = 0;
    for (const table of tables) {
      const column = table === "Tenant" ? "id" : "tenantId";
      const other = await countRows(tx, table, `${quote(column)} <> '${tenantA.replace(/'/g, "''")}'`);
      if (other > 0) foreign.push(`${table}: ${other}`);
      own += await countRows(tx, table);
    }
    return { foreign, own };
  });
  add(
    "with tenant A set, no row of another tenant is visible",
    "value" in scoped && scoped.value.foreign.length === 0 && scoped.value.own > 0,
    "value" in scoped
      ? scoped.value.foreign.length
        ? `foreign rows visible: ${scoped.value.foreign.join(", ")}`
        : `${scoped.value.own} rows of tenant A visible, 0 of others`
      : scoped.error,
  );

  // Writes across the boundary: an update of B's tickets changes nothing; an insert into B is refused.
  const update = await asApp(
    db,
    { tenantId: tenantA },
    (tx) => tx.$executeRaw`UPDATE "Ticket" SET "subject" = 'x' WHERE "tenantId" = ${tenantB}`,
  );
  add(
    "with tenant A set, an update aimed at tenant B's rows changes none",
    "value" in update && update.value === 0,
    "value" in update ? `${update.value} rows changed` : update.error,
  );
  const insert = await asApp(
    db,
    { tenantId: tenantA },
    (tx) =>
      tx.$executeRaw`INSERT INTO "AuditChainHead" ("tenantId", "seq", "hash") VALUES (${tenantB}, 0, 'x')
      ON CONFLICT DO NOTHING`,
  );
  add(
    "with tenant A set, a row written for tenant B is refused",
    "error" in insert && /row-level security|violates/i.test(insert.error),
    "error" in insert ? insert.error : `accepted (${insert.value} rows)`,
  );

  // The audit log is append-only for the application.
  const tamper = await asApp(
    db,
    { tenantId: tenantA },
    (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE "tenantId" = ${tenantA}`,
  );
  add(
    "the application role cannot change or delete audit events",
    "error" in tamper && /permission denied/i.test(tamper.error),
    "error" in tamper ? tamper.error : `${tamper.value} events changed`,
  );

  // Identity lookups before a tenant is known go through definer functions nobody else may call; the
  // batch helpers (keel_run, keel_raise) run as the caller (row-level security applies) and are not
  // PUBLIC's either. Any other definer function is a hole in the policies.
  const functions = await db.prisma.$queryRaw<{ name: string; definer: boolean; publicExec: boolean }[]>`
    SELECT p.proname AS name, p.prosecdef AS definer,
      has_function_privilege('public', p.oid, 'EXECUTE') AS "publicExec"
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proname LIKE 'keel\\_%'`;
  const badFunctions = functions
    .filter((f) => f.publicExec || f.definer !== IDENTITY_DEFINERS.has(f.name))
    .map(
      (f) =>
        `${f.name}${f.publicExec ? " (PUBLIC may call it)" : f.definer ? " (unexpected definer)" : " (must be a definer)"}`,
    );
  add(
    "definer functions are the narrow identity lookups only, and no keel_ function is callable by PUBLIC",
    functions.length > 0 && badFunctions.length === 0,
    badFunctions.length ? `open: ${badFunctions.join(", ")}` : functions.map((f) => f.name).join(", "),
  );
  return checks;
}
