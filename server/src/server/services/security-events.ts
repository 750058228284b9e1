/*
 * Security events: refused spoofing attempts (a tenant named in the request, a revoked or expired
 * token, a cross-site write, a foreign origin) are audited as `security.refused` in the tenant of the
 * credential involved (docs/decisions/008). When no caller can be identified there is no tenant to
 * audit in: a structured warning is logged instead, without secrets.
 */
import { type Database, withCapability, withTenant } from "@keel/db";
import type { TActor, TIdentity } from "../actor";
import { auditActorOf, recordAudit, type TAuditActor, type TAuditEvent } from "./audit";
import { hashToken, resolveActor } from "./identity";

type TSecurityEvent = Extract<TAuditEvent, { action: "security.refused" }>;
export type TSecurityKind = TSecurityEvent["metadata"]["kind"];

/** At most one audited event per key (token, or user and kind) in this window. */
export const SECURITY_AUDIT_INTERVAL_MS = 60_000;
const MAX_TRACKED_KEYS = 10_000;
const lastAudited = new Map<string, number>();

/**
 * In-memory limiter so a looping client (or a hostile page looping a victim's browser) cannot flood
 * the audit log: true when this key may be audited now. Per process, which is enough for a flood guard.
 */
export function allowSecurityAudit(key: string, now = Date.now()): boolean {
  const last = lastAudited.get(key);
  if (last !== undefined && now - last < SECURITY_AUDIT_INTERVAL_MS) return false;
  if (lastAudited.size >= MAX_TRACKED_KEYS) {
    for (const [k, at] of lastAudited) if (now - at >= SECURITY_AUDIT_INTERVAL_MS) lastAudited.delete(k);
    if (lastAudited.size >= MAX_TRACKED_KEYS) lastAudited.clear();
  }
  lastAudited.set(key, now);
  return true;
}

/** Appends one `security.refused` event in the actor's tenant (a tenant-bound transaction of its own). */
export async function recordSecurityRefusal(
  db: Database,
  actor: TAuditActor,
  event: {
    kind: TSecurityKind;
    targetType: TSecurityEvent["targetType"];
    targetId: string;
    reason: string;
    resourceId?: string;
  },
  requestId?: string,
): Promise<void> {
  const metadata: TSecurityEvent["metadata"] = { kind: event.kind };
  if (event.resourceId) metadata.resourceId = event.resourceId.slice(0, 200);
  await withTenant(db, actor.tenantId, (tx) =>
    recordAudit(
      tx,
      actor,
      {
        action: "security.refused",
        targetType: event.targetType,
        targetId: event.targetId.slice(0, 200),
        outcome: "denied",
        reason: event.reason,
        metadata,
      },
      requestId,
    ),
  );
}

/** A refusal nobody can be held to: one JSON line on stderr. Never pass secrets or cookies here. */
export function logSecurityRefusal(fields: {
  kind: TSecurityKind;
  reason: string;
  origin?: string | null;
  method?: string;
  path?: string;
}): void {
  const clip = (value: string | null | undefined) => (value == null ? undefined : value.slice(0, 200));
  console.warn(
    JSON.stringify({
      level: "warn",
      event: "security.refused",
      kind: fields.kind,
      reason: clip(fields.reason),
      origin: clip(fields.origin),
      method: clip(fields.method),
      path: clip(fields.path),
      at: new Date().toISOString(),
    }),
  );
}

type TTokenOwner = {
  tokenId: string;
  tenantId: string;
  userId: string;
  email: string;
  state: "valid" | "revoked" | "expired";
};

async function tokenOwner(db: Database, secret: string, now: Date): Promise<TTokenOwner | null> {
  if (!secret || secret.length > 200) return null;
  const tokenHash = hashToken(secret);
  // The presented secret is the only capability: it reveals that one token and nothing else.
  const row = await withCapability(db, { secretHash: tokenHash }, (tx) =>
    tx.extensionToken.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        tenantId: true,
        userId: true,
        revokedAt: true,
        expiresAt: true,
        user: { select: { email: true } },
      },
    }),
  );
  if (!row) return null;
  const state = row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
  return { tokenId: row.id, tenantId: row.tenantId, userId: row.userId, email: row.user.email, state };
}

export type TRefusedToken = {
  tokenId: string;
  tenantId: string;
  userId: string;
  email: string;
  kind: "revoked_credential" | "expired_credential";
};

/** Why a presented token was refused, when it is one of ours: revoked or expired. Null otherwise. */
export async function classifyRefusedToken(
  db: Database,
  secret: string,
  now = new Date(),
): Promise<TRefusedToken | null> {
  const owner = await tokenOwner(db, secret, now);
  if (!owner || owner.state === "valid") return null;
  const { state, ...who } = owner;
  return { ...who, kind: state === "revoked" ? "revoked_credential" : "expired_credential" };
}

/**
 * Audits a refused bearer token in the token's own tenant (actor: the token's user), at most once per
 * token per minute. Unknown secrets belong to no tenant and are not audited.
 */
export async function auditRefusedToken(db: Database, secret: string, requestId?: string): Promise<void> {
  const refused = await classifyRefusedToken(db, secret);
  if (!refused || !allowSecurityAudit(`token:${refused.tokenId}`)) return;
  await recordSecurityRefusal(
    db,
    { userId: refused.userId, email: refused.email, via: "extension_token", tenantId: refused.tenantId },
    {
      kind: refused.kind,
      targetType: "extension_token",
      targetId: refused.tokenId,
      reason:
        refused.kind === "revoked_credential"
          ? "a revoked extension token was presented"
          : "an expired extension token was presented",
    },
    requestId,
  );
}

/** The audit actor behind a session identity, or null when it binds to no tenant. */
async function actorOfIdentity(db: Database, identity: TIdentity | null): Promise<TAuditActor | null> {
  if (!identity) return null;
  const actor: TActor | null = await resolveActor(db, identity);
  return actor ? auditActorOf(actor) : null;
}

/**
 * Audits a browser-boundary refusal (CSRF or CORS) of an identifiable caller in their tenant, at most
 * once per user, tenant and kind per minute; logs it when the caller cannot be identified.
 */
export async function auditBrowserRefusal(
  db: Database,
  who: TAuditActor | null,
  event: { kind: "csrf" | "cors"; reason: string; path: string; origin: string | null; method: string },
  requestId?: string,
): Promise<void> {
  if (!who) {
    logSecurityRefusal(event);
    return;
  }
  if (!allowSecurityAudit(`${event.kind}:${who.tenantId}:${who.userId}:${who.via}`)) return;
  await recordSecurityRefusal(
    db,
    who,
    {
      kind: event.kind,
      targetType: "route",
      targetId: event.path,
      reason: event.reason,
      resourceId: event.origin ?? undefined,
    },
    requestId,
  );
}

/** Audits a cross-site cookie write refused by the CSRF check (identity: the session's). */
export async function auditCsrfRefusal(
  db: Database,
  identity: TIdentity | null,
  event: { reason: string; origin: string | null; method: string },
  requestId?: string,
): Promise<void> {
  await auditBrowserRefusal(
    db,
    await actorOfIdentity(db, identity),
    { kind: "csrf", path: "/api/trpc", ...event },
    requestId,
  );
}

/**
 * Audits a request refused for its Origin, in the tenant of the credential it carried: a valid bearer
 * token (looked up without touching lastUsedAt), else the session cookie.
 */
export async function auditCorsRefusal(
  db: Database,
  req: { headers: Headers; method: string; url: string },
  origin: string,
  sessionIdentity: () => Promise<TIdentity | null>,
): Promise<void> {
  const path = new URL(req.url).pathname;
  const event = { kind: "cors" as const, reason: "origin not allowed to call the API", path, origin };
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  let who: TAuditActor | null = null;
  if (bearer) {
    const owner = await tokenOwner(db, bearer, new Date());
    if (owner?.state === "valid")
      who = { userId: owner.userId, email: owner.email, via: "extension_token", tenantId: owner.tenantId };
  } else {
    who = await actorOfIdentity(db, await sessionIdentity());
  }
  await auditBrowserRefusal(db, who, { ...event, method: req.method });
}
