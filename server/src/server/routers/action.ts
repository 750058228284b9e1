import { contract } from "@keel/shared";
import { decideApproval, getActionRequest, listActionRequests, requestAction } from "../services/actions";
import { assessEscalation, createEscalation, listEscalations, takeEscalation } from "../services/escalation";
import { permissionProcedure, router, tenantProcedure } from "../trpc/init";

const c = contract;

export const actionRouter = router({
  // Mode, policy and rollout mode are decided inside the governed path, not by a procedure layer:
  // the decision depends on the parameters and the target.
  request: tenantProcedure
    .input(c["action.request"].input)
    .output(c["action.request"].output)
    .mutation(({ ctx, input }) => requestAction(ctx.db, ctx.actor, input)),
  list: permissionProcedure("ticket.read")
    .input(c["action.list"].input)
    .output(c["action.list"].output)
    .query(async ({ ctx, input }) => ({ requests: await listActionRequests(ctx.db, ctx.actor, input) })),
  get: permissionProcedure("ticket.read")
    .input(c["action.get"].input)
    .output(c["action.get"].output)
    .query(({ ctx, input }) => getActionRequest(ctx.db, ctx.actor, input.requestId)),
});

export const approvalRouter = router({
  decide: permissionProcedure("approval.decide")
    .input(c["approval.decide"].input)
    .output(c["approval.decide"].output)
    .mutation(({ ctx, input }) => decideApproval(ctx.db, ctx.actor, input)),
});

export const escalationRouter = router({
  assess: permissionProcedure("ticket.read")
    .input(c["escalation.assess"].input)
    .output(c["escalation.assess"].output)
    .query(({ ctx, input }) => assessEscalation(ctx.db, ctx.actor, input.ticketId)),
  create: permissionProcedure("ticket.read")
    .input(c["escalation.create"].input)
    .output(c["escalation.create"].output)
    .mutation(({ ctx, input }) => createEscalation(ctx.db, ctx.actor, input)),
  list: permissionProcedure("ticket.read")
    .input(c["escalation.list"].input)
    .output(c["escalation.list"].output)
    .query(async ({ ctx, input }) => ({ escalations: await listEscalations(ctx.db, ctx.actor, input) })),
  take: permissionProcedure("escalation.take")
    .input(c["escalation.take"].input)
    .output(c["escalation.take"].output)
    .mutation(({ ctx, input }) => takeEscalation(ctx.db, ctx.actor, input.escalationId)),
});
