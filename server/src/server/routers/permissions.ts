import { contract } from "@keel/shared";
import { getPermissionsView, listMatrixHistory, updateMatrix } from "../services/permissions";
import { permissionProcedure, router } from "../trpc/init";

const c = contract;

export const permissionsRouter = router({
  get: permissionProcedure("permissions.read")
    .input(c["permissions.get"].input)
    .output(c["permissions.get"].output)
    .query(({ ctx }) => getPermissionsView(ctx.db, ctx.actor)),

  update: permissionProcedure("permissions.manage")
    .input(c["permissions.update"].input)
    .output(c["permissions.update"].output)
    .mutation(({ ctx, input }) => updateMatrix(ctx.db, ctx.actor, input.matrix, input.note, ctx.requestId)),

  history: permissionProcedure("permissions.read")
    .input(c["permissions.history"].input)
    .output(c["permissions.history"].output)
    .query(({ ctx }) => listMatrixHistory(ctx.db, ctx.actor)),
});
