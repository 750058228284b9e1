import type { TExtError } from "./result";

/*
 * auth.connectExtension needs `tenantSlug` only for users who belong to several tenants, and the
 * server says so in its error message. The options page shows the tenant field only then.
 */

const MENTIONS_TENANT = /\btenants?\b/i;
const ASKS_TO_CHOOSE = /\b(several|multiple|more than one|choose|pick|select|specify|which)\b/i;

export function asksForTenant(error: TExtError): boolean {
  if (error.code !== "BAD_REQUEST" && error.code !== "CONFLICT") return false;
  return MENTIONS_TENANT.test(error.message) && ASKS_TO_CHOOSE.test(error.message);
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Tenant slugs the message lists after its last colon ("… choose one of: acme, globex"), offered as
 * suggestions. Returns [] when the message lists none.
 */
export function tenantSlugsInMessage(message: string): string[] {
  const colon = message.lastIndexOf(":");
  if (colon < 0) return [];
  const slugs = message
    .slice(colon + 1)
    .split(/,|\bor\b|\band\b/)
    .map((part) => part.trim().replace(/^["'`(]+|["'`).]+$/g, ""))
    .filter((part) => SLUG.test(part));
  return [...new Set(slugs)];
}
