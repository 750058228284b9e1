import { ACTION_IDS, actionMode, contract } from "@keel/shared";
import { getEffectiveMatrix } from "../services/permissions";
import { summarizeTicket, ticketContext } from "../services/tickets";
import { actionProcedure, permissionProcedure, router } from "../trpc/init";

const c = contract;

export const ticketRouter = router({
  summarize: actionProcedure("ticket.summarize")
    .input(c["ticket.summarize"].input)
    .output(c["ticket.summarize"].output)
    .query(({ ctx, input }) => summarizeTicket(ctx.db, ctx.actor, input.ticketId, ctx.requestId)),
  context: permissionProcedure("ticket.read")
    .input(c["ticket.context"].input)
    .output(c["ticket.context"].output)
    .query(async ({ ctx, input }) => {
      const { matrix } = await getEffectiveMatrix(ctx.db, ctx.actor.tenant.id);
      const modes = Object.fromEntries(ACTION_IDS.map((id) => [id, actionMode(ctx.actor.role, id, matrix)]));
      return ticketContext(ctx.db, ctx.actor, input.ticketId, modes);
    }),
});
