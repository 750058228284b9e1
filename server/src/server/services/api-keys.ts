/*
 * Per-tenant API keys for server-to-server calls (docs/decisions/010). A key's secret
 * (`keel_key_` + 32 random bytes, base64url) is returned once at creation; only its sha256 is stored.
 * A key carries scopes from a fixed list (shared/src/contract-integrations.ts), may expire, and is
 * refused from the call after its revocation. Managing keys is for admins (`apiKey.manage`).
 */
import { randomBytes } from "node:crypto";
import { type Database, newId, withCapability, withTenant } from "@keel/db";
import {
  API_KEY_SECRET_PREFIX,
  can,
  hasApiKeyScope,
  type TApiKeyRow,
  type TApiKeyScope,
  type TCreateApiKeyOutput,
  type ZCreateApiKeyInput,
} from "@keel/shared";
import type * as z from "zod";
import type { TActor } from "../actor";
import { AppError, notFound } from "../errors";
import { auditActorOf, recordApiKeyAudit, recordAudit } from "./audit";
import { hashToken } from "./identity";
import { allowSecurityAudit } from "./security-events";

/** Characters of the secret kept as its recognisable prefix (`keel_key_` and 6 more). */
export const API_KEY_PREFIX_CHARS = 15;
/** lastUsedAt is refreshed at most this often, so calls do not each cost a write. */
export const API_KEY_LAST_USED_GRANULARITY_MS = 60_000;
const MAX_SECRET_LENGTH = 200;

function requireManage(actor: TActor): void {
  const decision = can(actor.role, "apiKey.manage");
  if (!decision.allowed)
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not manage API keys.`);
}

type TKeyRecord = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdById: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function toRow(key: TKeyRecord, createdBy: string | null): TApiKeyRow {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdBy,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a key for the actor's tenant; the answer carries the secret, which is never shown again. */
export async function createApiKey(
  db: Database,
  actor: TActor,
  input: z.output<typeof ZCreateApiKeyInput>,
): Promise<TCreateApiKeyOutput> {
  requireManage(actor);
  const secret = `${API_KEY_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  const id = newId("key");
  const expiresAt =
    input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const created = await withTenant(db, actor.tenant.id, async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        id,
        tenantId: actor.tenant.id,
        name: input.name,
        prefix: secret.slice(0, API_KEY_PREFIX_CHARS),
        keyHash: hashToken(secret),
        scopes: input.scopes,
        createdById: actor.userId,
        expiresAt,
      },
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "api_key.create",
      targetType: "api_key",
      targetId: id,
      outcome: "success",
      metadata: { name: input.name, scopes: input.scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { key: toRow(created, actor.email), secret };
}

/** The tenant's keys, newest first: never a secret or its hash. */
export async function listApiKeys(db: Database, actor: TActor): Promise<TApiKeyRow[]> {
  requireManage(actor);
  return withTenant(db, actor.tenant.id, async (tx) => {
    const keys = await tx.apiKey.findMany({
      where: { tenantId: actor.tenant.id },
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        createdById: true,
        createdAt: true,
        expiresAt: true,
        lastUsedAt: true,
        revokedAt: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    });
    const creatorIds = [...new Set(keys.flatMap((k) => (k.createdById ? [k.createdById] : [])))];
    // Creators through the tenant's memberships: someone who left the tenant shows as null.
    const members = creatorIds.length
      ? await tx.membership.findMany({
          where: { tenantId: actor.tenant.id, userId: { in: creatorIds } },
          select: { userId: true, user: { select: { email: true } } },
        })
      : [];
    const emailOf = new Map(members.map((m) => [m.userId, m.user.email]));
    return keys.map((k) => toRow(k, (k.createdById && emailOf.get(k.createdById)) || null));
  });
}

/** Revokes a key of the actor's tenant; the next call with it is refused. Revoking twice is a no-op. */
export async function revokeApiKey(
  db: Database,
  actor: TActor,
  keyId: string,
): Promise<{ keyId: string; revokedAt: string }> {
  requireManage(actor);
  const who = auditActorOf(actor);
  const revokedAt = await withTenant(db, actor.tenant.id, async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: keyId, tenantId: actor.tenant.id },
      select: { id: true, revokedAt: true },
    });
    if (!key) {
      await recordAudit(tx, who, {
        action: "api_key.revoke",
        targetType: "api_key",
        targetId: keyId,
        outcome: "not_found",
        reason: "no such API key in the tenant",
      });
      return null;
    }
    const at = key.revokedAt ?? new Date();
    if (!key.revokedAt) await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: at } });
    await recordAudit(tx, who, {
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: key.id,
      outcome: "success",
    });
    return at;
  });
  if (!revokedAt) throw notFound("API key");
  return { keyId, revokedAt: revokedAt.toISOString() };
}

// ---- authentication ------------------------------------------------------------------------------------

export type TApiKeyPrincipal = {
  key: { id: string; name: string; prefix: string; scopes: string[] };
  tenant: { id: string; slug: string; name: string };
};

export type TApiKeyRefusalReason = "unknown" | "revoked" | "expired" | "scope";

export type TApiKeyAuthResult =
  | ({ ok: true } & TApiKeyPrincipal)
  | {
      ok: false;
      reason: TApiKeyRefusalReason;
      /** 401 for a key that does not authenticate, 403 for a valid key without the scope. */
      status: 401 | 403;
      message: string;
    };

const refusal = (reason: TApiKeyRefusalReason, message: string): TApiKeyAuthResult => ({
  ok: false,
  reason,
  status: reason === "scope" ? 403 : 401,
  message,
});

/**
 * Checks a presented secret for an endpoint needing `requiredScope`. Reads only the key whose hash
 * matches (and its tenant), through the database's presented-secret capability. Refusals of a known key
 * (revoked, expired, missing scope) are audited as security.refused in the key's tenant, at most once per
 * key and kind a minute; unknown secrets belong to no tenant and are not audited.
 */
export async function authenticateApiKey(
  db: Database,
  secret: string,
  requiredScope: TApiKeyScope,
  options: { now?: Date; resource?: string; requestId?: string } = {},
): Promise<TApiKeyAuthResult> {
  const now = options.now ?? new Date();
  const unknown = refusal("unknown", "The API key is not valid.");
  if (!secret.startsWith(API_KEY_SECRET_PREFIX) || secret.length > MAX_SECRET_LENGTH) return unknown;
  const secretHash = hashToken(secret);
  const key = await withCapability(db, { secretHash }, (tx) =>
    tx.apiKey.findUnique({
      where: { keyHash: secretHash },
      select: {
        id: true,
        tenantId: true,
        name: true,
        prefix: true,
        scopes: true,
        expiresAt: true,
        lastUsedAt: true,
        revokedAt: true,
        tenant: { select: { id: true, slug: true, name: true } },
      },
    }),
  );
  if (!key) return unknown;

  let refused: TApiKeyAuthResult | null = null;
  let kind: "revoked_credential" | "expired_credential" | "scope" = "scope";
  if (key.revokedAt) {
    refused = refusal("revoked", "The API key has been revoked.");
    kind = "revoked_credential";
  } else if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) {
    refused = refusal("expired", "The API key has expired.");
    kind = "expired_credential";
  } else if (!hasApiKeyScope(key.scopes, requiredScope)) {
    refused = refusal("scope", `The API key lacks the scope "${requiredScope}".`);
  }
  if (refused) {
    if (allowSecurityAudit(`api_key:${key.id}:${kind}`, now.getTime())) {
      await withTenant(db, key.tenantId, (tx) =>
        recordApiKeyAudit(
          tx,
          { keyId: key.id, prefix: key.prefix, tenantId: key.tenantId },
          {
            action: "security.refused",
            targetType: "api_key",
            targetId: key.id,
            outcome: "denied",
            reason:
              kind === "scope"
                ? `an API key without the scope "${requiredScope}" was presented`
                : `${kind === "revoked_credential" ? "a revoked" : "an expired"} API key was presented`,
            metadata: options.resource ? { kind, resourceId: options.resource.slice(0, 200) } : { kind },
          },
          options.requestId,
        ),
      );
    }
    return refused;
  }

  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > API_KEY_LAST_USED_GRANULARITY_MS) {
    const cutoff = new Date(now.getTime() - API_KEY_LAST_USED_GRANULARITY_MS);
    await withTenant(db, key.tenantId, (tx) =>
      tx.apiKey.updateMany({
        where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
        data: { lastUsedAt: now },
      }),
    );
  }
  return {
    ok: true,
    key: { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes },
    tenant: key.tenant,
  };
}
