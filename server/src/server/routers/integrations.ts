import { contract } from "@keel/shared";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys";
import {
  deleteConnectorCredential,
  listConnectorCredentials,
  setConnectorCredential,
} from "../services/connector-credentials";
import { permissionProcedure, router } from "../trpc/init";

const c = contract;

/** Per-tenant API keys for server-to-server calls (admins). */
export const apiKeyRouter = router({
  create: permissionProcedure("apiKey.manage")
    .input(c["apiKey.create"].input)
    .output(c["apiKey.create"].output)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor, input)),

  list: permissionProcedure("apiKey.manage")
    .input(c["apiKey.list"].input)
    .output(c["apiKey.list"].output)
    .query(async ({ ctx }) => ({ keys: await listApiKeys(ctx.db, ctx.actor) })),

  revoke: permissionProcedure("apiKey.manage")
    .input(c["apiKey.revoke"].input)
    .output(c["apiKey.revoke"].output)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input.keyId)),
});

/** Helpdesk connector credentials, encrypted at rest; no procedure returns a secret (admins). */
export const connectorRouter = router({
  setCredential: permissionProcedure("connector.manage")
    .input(c["connector.setCredential"].input)
    .output(c["connector.setCredential"].output)
    .mutation(({ ctx, input }) => setConnectorCredential(ctx.db, ctx.actor, input)),

  listCredentials: permissionProcedure("connector.manage")
    .input(c["connector.listCredentials"].input)
    .output(c["connector.listCredentials"].output)
    .query(async ({ ctx }) => ({ connectors: await listConnectorCredentials(ctx.db, ctx.actor) })),

  deleteCredential: permissionProcedure("connector.manage")
    .input(c["connector.deleteCredential"].input)
    .output(c["connector.deleteCredential"].output)
    .mutation(({ ctx, input }) => deleteConnectorCredential(ctx.db, ctx.actor, input.connector)),
});
