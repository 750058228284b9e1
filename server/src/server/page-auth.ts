import "server-only";
import { redirect } from "next/navigation";
import type { TActor } from "./actor";
import { resolveActor } from "./services/identity";
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
