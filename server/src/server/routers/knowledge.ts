import { contract } from "@keel/shared";
import {
  getArticle,
  getTierPolicies,
  importArticles,
  listArticles,
  saveArticle,
  searchKnowledge,
  setTierPolicy,
  suggestArticles,
} from "../services/knowledge";
import { actionProcedure, permissionProcedure, router } from "../trpc/init";

const c = contract;

export const knowledgeRouter = router({
  /** The kb.suggest copilot step: articles matching a ticket, with why. */
  suggest: actionProcedure("kb.suggest")
    .input(c["knowledge.suggest"].input)
    .output(c["knowledge.suggest"].output)
    .query(({ ctx, input }) => suggestArticles(ctx.db, ctx.actor, input.ticketId, input.limit)),
  search: actionProcedure("kb.suggest")
    .input(c["knowledge.search"].input)
    .output(c["knowledge.search"].output)
    .query(({ ctx, input }) => searchKnowledge(ctx.db, ctx.actor, input.query, input.limit)),
  list: permissionProcedure("knowledge.manage")
    .input(c["knowledge.list"].input)
    .output(c["knowledge.list"].output)
    .query(({ ctx, input }) => listArticles(ctx.db, ctx.actor, input)),
  get: permissionProcedure("knowledge.manage")
    .input(c["knowledge.get"].input)
    .output(c["knowledge.get"].output)
    .query(({ ctx, input }) => getArticle(ctx.db, ctx.actor, input.articleId)),
  save: permissionProcedure("knowledge.manage")
    .input(c["knowledge.save"].input)
    .output(c["knowledge.save"].output)
    .mutation(({ ctx, input }) => saveArticle(ctx.db, ctx.actor, input)),
  import: permissionProcedure("knowledge.manage")
    .input(c["knowledge.import"].input)
    .output(c["knowledge.import"].output)
    .mutation(({ ctx, input }) => importArticles(ctx.db, ctx.actor, input)),
  tiers: permissionProcedure("ticket.read")
    .input(c["knowledge.tiers"].input)
    .output(c["knowledge.tiers"].output)
    .query(({ ctx }) => getTierPolicies(ctx.db, ctx.actor)),
  setTier: permissionProcedure("knowledge.manage")
    .input(c["knowledge.setTier"].input)
    .output(c["knowledge.setTier"].output)
    .mutation(({ ctx, input }) => setTierPolicy(ctx.db, ctx.actor, input)),
});
