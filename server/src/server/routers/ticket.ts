import { contract } from "@keel/shared";
import { summarizeTicket } from "../services/tickets";
import { actionProcedure, router } from "../trpc/init";

const c = contract;

export const ticketRouter = router({
  summarize: actionProcedure("ticket.summarize")
    .input(c["ticket.summarize"].input)
    .output(c["ticket.summarize"].output)
    .query(({ ctx, input }) => summarizeTicket(ctx.db, ctx.actor, input.ticketId, ctx.requestId)),
});
