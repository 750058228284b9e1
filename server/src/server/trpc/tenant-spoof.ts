/*
 * The tenant comes from the caller's credential, never from the request (docs/ARCHITECTURE.md). A
 * request that names a tenant anyway (a tenant header naming another tenant, or a tenant key in the
 * input) is a spoofing attempt: refused and audited (tenantProcedure in init.ts).
 */

export const TENANT_HEADERS = ["x-keel-tenant", "x-tenant-id", "x-tenant"] as const;
export const TENANT_INPUT_KEYS = ["tenantId", "tenant", "tenantSlug"] as const;
/** Procedures whose input legitimately names a tenant (choosing one of the caller's memberships). */
export const TENANT_INPUT_ALLOWED = new Set(["auth.connectExtension"]);

export const TENANT_SPOOF_MESSAGE =
  "The workspace comes from your sign-in, not from the request. Remove the tenant from the request.";

export type TTenantSpoof = { where: string; named: string | null };

function describe(value: unknown): string | null {
  if (typeof value === "string") return value.slice(0, 100);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/**
 * What in this request names a tenant the caller did not sign in to, or null. A tenant header naming
 * the caller's own tenant (by id or slug) is harmless and passes; a tenant key in the input never does.
 */
export function findTenantSpoof(args: {
  path: string;
  rawInput: unknown;
  headers: Headers | null;
  tenant: { id: string; slug: string };
}): TTenantSpoof | null {
  for (const name of TENANT_HEADERS) {
    const value = args.headers?.get(name);
    if (value == null) continue;
    const named = value.trim();
    if (named !== args.tenant.id && named.toLowerCase() !== args.tenant.slug.toLowerCase())
      return { where: `header ${name}`, named: named.slice(0, 100) };
  }
  const input = args.rawInput;
  if (
    !TENANT_INPUT_ALLOWED.has(args.path) &&
    input !== null &&
    typeof input === "object" &&
    !Array.isArray(input)
  ) {
    for (const key of TENANT_INPUT_KEYS) {
      if (Object.hasOwn(input, key))
        return { where: `input key ${key}`, named: describe((input as Record<string, unknown>)[key]) };
    }
  }
  return null;
}
