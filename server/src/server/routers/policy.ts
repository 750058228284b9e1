import { contract } from "@keel/shared";
import {
  diffVersions,
  getPolicyVersion,
  listPolicyVersions,
  publishVersion,
  saveDraft,
  validateDocument,
} from "../services/policies";
import { permissionProcedure, router } from "../trpc/init";

const c = contract;

export const policyRouter = router({
  list: permissionProcedure("policy.read")
    .input(c["policy.list"].input)
    .output(c["policy.list"].output)
    .query(({ ctx, input }) => listPolicyVersions(ctx.db, ctx.actor, input.kind)),

  get: permissionProcedure("policy.read")
    .input(c["policy.get"].input)
    .output(c["policy.get"].output)
    .query(({ ctx, input }) => getPolicyVersion(ctx.db, ctx.actor, input.kind, input.version)),

  saveDraft: permissionProcedure("policy.manage")
    .input(c["policy.saveDraft"].input)
    .output(c["policy.saveDraft"].output)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.actor, input, ctx.requestId)),

  validate: permissionProcedure("policy.manage")
    .input(c["policy.validate"].input)
    .output(c["policy.validate"].output)
    .mutation(({ input }) => validateDocument(input.kind, input.source)),

  publish: permissionProcedure("policy.manage")
    .input(c["policy.publish"].input)
    .output(c["policy.publish"].output)
    .mutation(({ ctx, input }) => publishVersion(ctx.db, ctx.actor, input, ctx.requestId)),

  diff: permissionProcedure("policy.read")
    .input(c["policy.diff"].input)
    .output(c["policy.diff"].output)
    .query(({ ctx, input }) => diffVersions(ctx.db, ctx.actor, input)),
});
