/*
 * The /api/trpc HTTP handler: CORS first (a foreign Origin is refused with 403 before any context or
 * procedure runs, and audited when the caller is identifiable), then tRPC's fetch adapter. The route
 * wires it to Next (session cookie, env); tests wire it to a test database.
 */
import type { Database } from "@keel/db";
import type { AnyRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TIdentity } from "../actor";
import { withCors } from "../http/cors";
import type { TOriginPolicy } from "../http/origins";
import { appRouter } from "../routers";
import { auditCorsRefusal } from "../services/security-events";
import type { TContext } from "./init";

export type TTrpcHttpDeps = {
  database: () => Promise<Database>;
  createContext: (req: Request) => Promise<TContext>;
  /** The session cookie's identity for this request (used to audit a refused cross-origin call). */
  sessionIdentity: (req: Request) => Promise<TIdentity | null>;
  policy: (req: Request) => TOriginPolicy;
  /** The router to serve; the app's own by default (the benchmark adds its baseline: routers/bench.ts). */
  router?: AnyRouter;
};

export function createTrpcHttpHandler(deps: TTrpcHttpDeps): (req: Request) => Promise<Response> {
  const trpc = (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: deps.router ?? appRouter,
      createContext: () => deps.createContext(req),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          console.error(`[trpc] ${path ?? "?"} failed:`, error.cause ?? error);
      },
    });
  return withCors(trpc, {
    policy: deps.policy,
    async onRefused({ origin, request }) {
      try {
        await auditCorsRefusal(await deps.database(), request, origin, () => deps.sessionIdentity(request));
      } catch (error) {
        console.error("[security] could not record a refused cross-origin request:", error);
      }
    },
  });
}
