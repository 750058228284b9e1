import { contract } from "@keel/shared";
import { getEnv } from "~/env";
import { connectExtension, listExtensionTokens, revokeExtensionToken } from "../services/identity";
import { permissionProcedure, publicProcedure, router, tenantProcedure } from "../trpc/init";

const c = contract;

export const authRouter = router({
  connectExtension: publicProcedure
    .input(c["auth.connectExtension"].input)
    .output(c["auth.connectExtension"].output)
    .mutation(({ ctx, input }) => connectExtension(ctx.db, input, getEnv().EXTENSION_TOKEN_TTL_DAYS)),

  whoami: tenantProcedure
    .input(c["auth.whoami"].input)
    .output(c["auth.whoami"].output)
    .query(({ ctx }) => ({
      user: { id: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name },
      tenant: ctx.actor.tenant,
      role: ctx.actor.role,
      via: ctx.actor.via,
      tokenExpiresAt: ctx.actor.tokenExpiresAt?.toISOString() ?? null,
    })),

  revokeExtensionToken: permissionProcedure("extensionToken.manageOwn")
    .input(c["auth.revokeExtensionToken"].input)
    .output(c["auth.revokeExtensionToken"].output)
    .mutation(({ ctx, input }) => revokeExtensionToken(ctx.db, ctx.actor, input.tokenId)),

  listExtensionTokens: permissionProcedure("extensionToken.manageOwn")
    .input(c["auth.listExtensionTokens"].input)
    .output(c["auth.listExtensionTokens"].output)
    .query(async ({ ctx }) => ({ tokens: await listExtensionTokens(ctx.db, ctx.actor) })),
});
