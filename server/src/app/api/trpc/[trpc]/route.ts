import { getEnv } from "~/env";
import { identityFromSession } from "~/server/auth/session";
import { getDatabase } from "~/server/db";
import { extensionOriginsFor, selfOriginsOf } from "~/server/http/origins";
import { appRouterWithBench } from "~/server/routers/bench";
import { createTrpcHttpHandler } from "~/server/trpc/http";
import { createHttpContext } from "~/server/trpc/next-context";

export const dynamic = "force-dynamic";

// CORS (own origin + KEEL_EXTENSION_ORIGINS), then tRPC: see server/src/server/trpc/http.ts.
const handler = createTrpcHttpHandler({
  // KEEL_BENCH=1 adds the governed-path benchmark's baseline (bench.bareNote); never set in production.
  ...(getEnv().KEEL_BENCH === "1" ? { router: appRouterWithBench } : {}),
  database: getDatabase,
  createContext: createHttpContext,
  sessionIdentity: () => identityFromSession(),
  policy: (req) => {
    const env = getEnv();
    return {
      self: selfOriginsOf(req.headers, env.NEXTAUTH_URL),
      extensions: extensionOriginsFor(env.KEEL_EXTENSION_ORIGINS, env.NODE_ENV),
    };
  },
});

export { handler as GET, handler as OPTIONS, handler as POST };
