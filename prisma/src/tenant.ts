/*
 * Tenant-bound data access: the only way application code reaches tenant data.
 *
 * Every call runs in a transaction that first switches to the database role keel_app (no superuser,
 * not the tables' owner, subject to the row-level security policies of migration 0003) and sets the
 * tenant for that transaction only. A bug that forgets a `where: { tenantId }` still cannot see or
 * change another tenant's rows: the database refuses them. The unscoped client (`Database.prisma`)
 * is for migrations, the seed and admin tooling; a lint rule keeps it out of the server's request path
 * (see biome.json and docs/decisions/009-row-level-security.md).
 */
import type { Database } from "./db";
import type { Prisma } from "./generated/prisma/client";

/** The database role the application works as (created by migration 0003). */
export const APP_ROLE = "keel_app";

export type TenantTx = Prisma.TransactionClient;

export type TransactionOptions = { maxWait?: number; timeout?: number };

/** One tenant's view of the database. */
export interface TenantDatabase {
  readonly tenantId: string;
  /** Runs `fn` in a transaction that sees and changes this tenant's rows only. */
  transaction<T>(fn: (tx: TenantTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * What an identity lookup may present before any tenant is known: the authenticated user (their own
 * memberships and workspaces) or the sha256 of a presented secret (that token or key, its tenant and
 * the membership it is bound to). Nothing else of any tenant is visible.
 */
export type Capability = { userId?: string; secretHash?: string };

// A tenant id is never empty: an empty setting would match nothing anyway, but say so loudly.
function assertTenantId(tenantId: string): void {
  if (typeof tenantId !== "string" || tenantId.length === 0) {
    throw new Error("A tenant-bound transaction needs a tenant id.");
  }
}

/** Runs `fn` as keel_app with the tenant set for this transaction only. */
export async function withTenant<T>(
  db: Pick<Database, "prisma">,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  assertTenantId(tenantId);
  return db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  }, options);
}

/** Runs `fn` as keel_app holding only an identity capability (no tenant set). */
export async function withCapability<T>(
  db: Pick<Database, "prisma">,
  capability: Capability,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('role', ${APP_ROLE}, true),
      set_config('app.user_id', ${capability.userId ?? ""}, true),
      set_config('app.secret_hash', ${capability.secretHash ?? ""}, true)`;
    return fn(tx);
  });
}

/** A tenant's view of `db`, for passing around a request. */
export function forTenant(db: Pick<Database, "prisma">, tenantId: string): TenantDatabase {
  assertTenantId(tenantId);
  return {
    tenantId,
    transaction: (fn, options) => withTenant(db, tenantId, fn, options),
  };
}
