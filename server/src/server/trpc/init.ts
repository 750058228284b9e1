/*
 * tRPC, in layers (house style, see docs/ARCHITECTURE.md):
 *   1. context: database, request id, and the caller's identity (bearer token OR session cookie)
 *   2. init: error formatting (AppError and zod errors become clear 4xx answers)
 *   3. procedures: public -> authenticated -> tenant -> permission
 * The tenant always comes from a verified membership, never from input or headers.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "@keel/db";
import { can, canExecute, type TActionId, type TPermission, tokenAllows } from "@keel/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import * as z from "zod";
import type { TActor, TIdentity } from "../actor";
import { AppError } from "../errors";
import { cookieWriteRefusal } from "../http/origins";
import { auditActorOf } from "../services/audit";
import { auditPermissionDenied, identityFromToken, resolveActor } from "../services/identity";
import { auditCsrfRefusal, auditRefusedToken, recordSecurityRefusal } from "../services/security-events";
import { findTenantSpoof, TENANT_SPOOF_MESSAGE } from "./tenant-spoof";

// ---- 1. context -----------------------------------------------------------------------------------

export type TContext = {
  db: Database;
  requestId: string;
  identity: TIdentity | null;
  /** Why a presented credential was refused; the call then fails as UNAUTHORIZED, never as anonymous. */
  authError: string | null;
  /** The request's headers (tenant-spoof check); never a source of identity or tenant. */
  headers: Headers;
};

export type TContextSources = {
  db: Database;
  headers: Headers;
  method: string;
  /** Reads the console's session cookie; only consulted when no bearer token is presented. */
  sessionIdentity: () => Promise<TIdentity | null>;
  /** The server's own origin(s), for the cross-site check on cookie-authenticated writes. */
  selfOrigin: string | readonly string[] | null;
};

/** Security audit writes must never turn a refusal into a 500, nor a refusal into a success. */
async function auditSafely(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    console.error("[security] could not record a refused request:", error);
  }
}

/** Builds the request context: a bearer token wins over a cookie and is never silently ignored. */
export async function createContext(sources: TContextSources): Promise<TContext> {
  const { db, headers } = sources;
  const requestId = randomUUID();
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const identity = match?.[1] ? await identityFromToken(db, match[1]) : null;
    // A revoked or expired token of ours is audited in its own tenant (rate-limited per token).
    if (!identity && match?.[1]) await auditSafely(auditRefusedToken(db, match[1], requestId));
    return {
      db,
      requestId,
      identity,
      authError: identity ? null : "Your extension token is invalid, expired or revoked. Connect again.",
      headers,
    };
  }
  const identity = await sources.sessionIdentity();
  if (identity) {
    // Cookie-authenticated writes must come from our own pages (Origin, else Sec-Fetch-Site) and carry
    // the x-keel-csrf header our clients send (docs/decisions/008). Bearer calls never reach this.
    const self = sources.selfOrigin === null ? [] : [sources.selfOrigin].flat();
    const refusal = cookieWriteRefusal(headers, sources.method, self);
    if (refusal) {
      await auditSafely(
        auditCsrfRefusal(
          db,
          identity,
          {
            reason: `cross-site write refused: ${refusal}`,
            origin: headers.get("origin"),
            method: sources.method,
          },
          requestId,
        ),
      );
      return { db, requestId, identity: null, authError: "Cross-site request refused.", headers };
    }
  }
  return { db, requestId, identity, authError: null, headers };
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
export const tenantProcedure = authedProcedure
  .use(async ({ ctx, next }) => {
    const actor: TActor | null = await resolveActor(ctx.db, ctx.identity);
    if (!actor) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Your account no longer has access to this workspace.",
      });
    }
    return next({ ctx: { ...ctx, actor } });
  })
  .use(async ({ ctx, next, path, getRawInput }) => {
    // A tenant named in the request (header or input) is a spoofing attempt: refused and audited.
    const spoof = findTenantSpoof({
      path,
      rawInput: await getRawInput(),
      headers: ctx.headers,
      tenant: ctx.actor.tenant,
    });
    if (spoof) {
      await recordSecurityRefusal(
        ctx.db,
        auditActorOf(ctx.actor),
        {
          kind: "tenant_spoof",
          targetType: "procedure",
          targetId: path,
          reason: `tenant named in the request (${spoof.where})`,
          resourceId: spoof.named ?? undefined,
        },
        ctx.requestId,
      );
      throw new TRPCError({ code: "FORBIDDEN", message: TENANT_SPOOF_MESSAGE });
    }
    return next();
  });

/** The caller's role holds a permission; a refusal is audited in the caller's tenant. */
export function permissionProcedure(permission: TPermission) {
  return tenantProcedure.use(async ({ ctx, next, path }) => {
    const decision = can(ctx.actor.role, permission);
    if (!decision.allowed) {
      await auditPermissionDenied(ctx.db, ctx.actor, path, decision.reason);
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ctx.actor.role}) may not do this.` });
    }
    // An extension token carries a subset of its holder's permissions.
    if (ctx.actor.via === "extension_token" && !tokenAllows(ctx.actor.tokenScopes ?? [], permission)) {
      const scopes = (ctx.actor.tokenScopes ?? []).join(", ") || "none";
      await auditPermissionDenied(
        ctx.db,
        ctx.actor,
        path,
        `token scopes (${scopes}) do not include ${permission}`,
      );
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Your extension token is not scoped for this. Use the web console.",
      });
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
