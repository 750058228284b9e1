import { createCallerFactory, router } from "../trpc/init";
import { actionRouter, approvalRouter, escalationRouter } from "./action";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { replyRouter, traceRouter } from "./copilot";
import { apiKeyRouter, connectorRouter } from "./integrations";
import { knowledgeRouter } from "./knowledge";
import { permissionsRouter } from "./permissions";
import { policyRouter } from "./policy";
import { ticketRouter } from "./ticket";

export const appRouter = router({
  auth: authRouter,
  ticket: ticketRouter,
  audit: auditRouter,
  action: actionRouter,
  approval: approvalRouter,
  escalation: escalationRouter,
  policy: policyRouter,
  permissions: permissionsRouter,
  apiKey: apiKeyRouter,
  connector: connectorRouter,
  knowledge: knowledgeRouter,
  reply: replyRouter,
  trace: traceRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (console pages, tests): the same layers and checks as HTTP calls. */
export const createCaller = createCallerFactory(appRouter);
