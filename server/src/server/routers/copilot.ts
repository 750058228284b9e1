import { contract } from "@keel/shared";
import { draftReplyFor, recordDraftFeedback } from "../services/copilot";
import { actionProcedure, router } from "../trpc/init";

const c = contract;

export const replyRouter = router({
  /** The reply.draft copilot step: a draft in the agent's style, grounded and cited, with a trace. */
  draft: actionProcedure("reply.draft")
    .input(c["reply.draft"].input)
    .output(c["reply.draft"].output)
    .mutation(({ ctx, input }) => draftReplyFor(ctx.db, ctx.actor, input.ticketId, ctx.requestId)),
  /** The agent's verdict on a draft: accepted, edited or rejected. */
  feedback: actionProcedure("reply.draft")
    .input(c["reply.feedback"].input)
    .output(c["reply.feedback"].output)
    .mutation(({ ctx, input }) => recordDraftFeedback(ctx.db, ctx.actor, input)),
});
