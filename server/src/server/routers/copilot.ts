import { contract } from "@keel/shared";
import { draftReplyFor, recordDraftFeedback, replayTraceFor } from "../services/copilot";
import { getTrace, listTraces } from "../services/copilot-traces";
import { actionProcedure, permissionProcedure, router } from "../trpc/init";

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

/** Copilot traces for people who read audit data (console): redacted as stored, tenant-scoped. */
export const traceRouter = router({
  list: permissionProcedure("audit.read")
    .input(c["trace.list"].input)
    .output(c["trace.list"].output)
    .query(({ ctx, input }) => listTraces(ctx.db, ctx.actor, input)),
  get: permissionProcedure("audit.read")
    .input(c["trace.get"].input)
    .output(c["trace.get"].output)
    .query(({ ctx, input }) => getTrace(ctx.db, ctx.actor, input.traceId)),
  replay: permissionProcedure("audit.read")
    .input(c["trace.replay"].input)
    .output(c["trace.replay"].output)
    .mutation(({ ctx, input }) => replayTraceFor(ctx.db, ctx.actor, input.traceId)),
});
