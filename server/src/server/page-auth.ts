import "server-only";
import { can, type TPermission } from "@keel/shared";
import { redirect } from "next/navigation";
import type { TActor } from "./actor";
import { auditPermissionDenied, resolveActor } from "./services/identity";
import { createRscContext } from "./trpc/next-context";

/**
 * The signed-in console user bound to their tenant, for server components. Redirects to sign-in
 * (coming back to `returnTo`) when there is no session or the membership is gone.
 */
export async function requirePageActor(
  returnTo: string,
): Promise<{ actor: TActor; ctx: Awaited<ReturnType<typeof createRscContext>> }> {
  const ctx = await createRscContext();
  const actor = ctx.identity ? await resolveActor(ctx.db, ctx.identity) : null;
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { actor, ctx };
}

/**
 * Like requirePageActor, and checks a permission the same way procedures do: a refusal is audited
 * and reported back (the page shows it) rather than rendering anything of the tenant's data.
 */
export async function requirePagePermission(returnTo: string, permission: TPermission) {
  const { actor, ctx } = await requirePageActor(returnTo);
  const decision = can(actor.role, permission);
  if (!decision.allowed) await auditPermissionDenied(ctx.db, actor, `page:${returnTo}`, decision.reason);
  return { actor, ctx, allowed: decision.allowed };
}
