/*
 * tRPC, in layers (house style, see docs/ARCHITECTURE.md):
 *   1. context: database, request id, and the caller's identity (bearer token OR session cookie)
 *   2. init: error formatting (AppError and zod errors become clear 4xx answers)
 *   3. procedures: public -> authenticated -> tenant -> permission
 * The tenant always comes from a verified membership, never from input or headers.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "@keel/db";
import { can, canExecute, type TActionId, type TPermission } from "@keel/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import * as z from "zod";
import type { TActor, TIdentity } from "../actor";
import { AppError } from "../errors";
import { auditPermissionDenied, identityFromToken, resolveActor } from "../services/identity";

// ---- 1. context -----------------------------------------------------------------------------------

export type TContext = {
  db: Database;
  requestId: string;
  identity: TIdentity | null;
  /** Why a presented credential was refused; the call then fails as UNAUTHORIZED, never as anonymous. */
  authError: string | null;
};

export type TContextSources = {
  db: Database;
  headers: Headers;
  method: string;
  /** Reads the console's session cookie; only consulted when no bearer token is presented. */
  sessionIdentity: () => Promise<TIdentity | null>;
  /** The server's own origin, for the cross-site check on cookie-authenticated writes. */
  selfOrigin: string | null;
};

/** Builds the request context: a bearer token wins over a cookie and is never silently ignored. */
export async function createContext(sources: TContextSources): Promise<TContext> {
  const { db, headers } = sources;
  const requestId = randomUUID();
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const identity = match?.[1] ? await identityFromToken(db, match[1]) : null;
    return {
      db,
      requestId,
      identity,
      authError: identity ? null : "Your extension token is invalid, expired or revoked. Connect again.",
    };
  }
  const identity = await sources.sessionIdentity();
  if (identity && sources.method !== "GET" && sources.method !== "HEAD") {
    // Cookie-authenticated writes must come from our own pages (CSRF defence in depth: tRPC POSTs are
    // JSON, which already forces a CORS preflight for cross-site callers).
    const origin = headers.get("origin");
    if (origin && sources.selfOrigin && origin !== sources.selfOrigin) {
      return { db, requestId, identity: null, authError: "Cross-site request refused." };
    }
  }
  return { db, requestId, identity, authError: null };
}

// ---- 2. init ----------------------------------------------------------------------------------------

function describeZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? `${issue.path.join(".")}: ` : "";
    return `${path}${issue.message}`;
  });
  return `Invalid input. ${parts.join("; ")}`;
}

const t = initTRPC.context<TContext>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof z.ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError && error.code === "BAD_REQUEST" ? describeZodError(zodError) : shape.message,
      data: {
        ...shape.data,
        // Never ship server stack traces to clients.
        stack: undefined,
        issues:
          zodError && error.code === "BAD_REQUEST"
            ? zodError.issues.map((i) => ({ path: i.path.map(String), message: i.message }))
            : undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Maps service errors to API errors; anything unexpected becomes a 500 without internals. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

// ---- 3. procedures --------------------------------------------------------------------------------

export const publicProcedure = t.procedure.use(errorMapping);

/** Someone presented a valid credential (extension token or console session). */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.authError) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError });
  if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, identity: ctx.identity } });
});

/** The caller is bound to one tenant by a membership that exists now. */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const actor: TActor | null = await resolveActor(ctx.db, ctx.identity);
  if (!actor) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Your account no longer has access to this workspace.",
    });
  }
  return next({ ctx: { ...ctx, actor } });
});

/** The caller's role holds a permission; a refusal is audited in the caller's tenant. */
export function permissionProcedure(permission: TPermission) {
  return tenantProcedure.use(async ({ ctx, next, path }) => {
    const decision = can(ctx.actor.role, permission);
    if (!decision.allowed) {
      await auditPermissionDenied(ctx.db, ctx.actor, path, decision.reason);
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ctx.actor.role}) may not do this.` });
    }
    return next();
  });
}

/** The caller's role may run a catalog action itself (mode "execute"); refusals are audited. */
export function actionProcedure(action: TActionId) {
  return tenantProcedure.use(async ({ ctx, next, path }) => {
    const decision = canExecute(ctx.actor.role, action);
    if (!decision.allowed) {
      await auditPermissionDenied(ctx.db, ctx.actor, path, decision.reason);
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Your role (${ctx.actor.role}) may not run ${action}.`,
      });
    }
    return next();
  });
}
