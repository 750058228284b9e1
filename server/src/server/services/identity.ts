import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@keel/db";
import { hashPassword, newId, verifyPassword, withCapability, withTenant } from "@keel/db";
import { can, type TConnectExtensionInput, type TConnectExtensionOutput, ZRole } from "@keel/shared";
import type { TActor, TIdentity } from "../actor";
import { AppError, notFound } from "../errors";
import { auditActorOf, recordAudit } from "./audit";

const TOKEN_PREFIX = "keel_ext_";
/** lastUsedAt is refreshed at most this often, so reads do not each cost a write. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** sha256 of a token secret: what the database stores instead of the secret. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

// A fixed hash to compare against when the user does not exist, so both paths cost one scrypt.
let dummyHash: Promise<string> | undefined;

/**
 * A user by e-mail. Users are global (one person may belong to several tenants) and carry no tenant
 * data; the query runs as the application role all the same.
 */
export function findUserByEmail(db: Database, email: string) {
  return withCapability(db, {}, (tx) => tx.user.findUnique({ where: { email: email.trim().toLowerCase() } }));
}

/** Checks an e-mail and password; returns the user or null, taking the same time either way. */
export async function verifyCredentials(db: Database, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword("keel-no-such-user");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

type MemberRow = {
  role: string;
  email: string;
  name: string;
  tenantId: string;
  slug: string;
  tenantName: string;
  rolloutMode: TActor["tenant"]["rolloutMode"];
};

/**
 * A user's memberships (all, or the one in `tenantId`), ordered by tenant slug. Asked before any tenant
 * is bound, so through the identity function of migration 0003 (one round trip, nothing else visible).
 */
async function memberRows(db: Database, userId: string, tenantId: string | null): Promise<MemberRow[]> {
  return db.prisma.$queryRaw<MemberRow[]>`SELECT * FROM keel_member_actor(${userId}, ${tenantId}::text)`;
}

/** The tenants a user belongs to, ordered by slug (the default tenant is the first). */
export async function membershipsOf(db: Database, userId: string) {
  const rows = await memberRows(db, userId, null);
  return rows.flatMap((r) => {
    const role = ZRole.safeParse(r.role);
    if (!role.success) return [];
    return [
      { role: role.data, tenantId: r.tenantId, tenant: { id: r.tenantId, slug: r.slug, name: r.tenantName } },
    ];
  });
}

/**
 * Signs a user in from the extension and issues a token bound to that user and one of their tenants.
 * The secret is returned once; only its hash is stored.
 */
export async function connectExtension(
  db: Database,
  input: TConnectExtensionInput,
  ttlDays: number,
): Promise<TConnectExtensionOutput> {
  const user = await verifyCredentials(db, input.email, input.password);
  if (!user) throw new AppError("UNAUTHORIZED", "E-mail or password is incorrect.");

  const memberships = await membershipsOf(db, user.id);
  if (memberships.length === 0)
    throw new AppError("FORBIDDEN", "This account is not a member of any workspace.");
  let membership = memberships[0];
  if (input.tenantSlug) {
    membership = memberships.find((m) => m.tenant.slug === input.tenantSlug);
    if (!membership)
      throw new AppError("FORBIDDEN", `You are not a member of workspace "${input.tenantSlug}".`);
  } else if (memberships.length > 1) {
    const slugs = memberships.map((m) => m.tenant.slug).join(", ");
    throw new AppError("BAD_REQUEST", `This account belongs to several tenants. Choose one: ${slugs}.`);
  }
  if (!membership) throw new AppError("FORBIDDEN", "This account is not a member of any workspace.");

  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const tokenId = newId("ext");
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  const label = input.label ?? "Browser extension";
  const tenant = membership.tenant;
  await withTenant(db, tenant.id, async (tx) => {
    await tx.extensionToken.create({
      data: {
        id: tokenId,
        tenantId: tenant.id,
        userId: user.id,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        label,
        scopes: ["copilot"],
        expiresAt,
      },
    });
    await recordAudit(
      tx,
      { userId: user.id, email: user.email, via: "session", tenantId: tenant.id },
      {
        action: "extension_token.create",
        targetType: "extension_token",
        targetId: tokenId,
        outcome: "success",
        metadata: { label, expiresAt: expiresAt.toISOString() },
      },
    );
  });
  return {
    token: secret,
    tokenId,
    expiresAt: expiresAt.toISOString(),
    user: { id: user.id, email: user.email, name: user.name },
    tenant,
    role: membership.role,
  };
}

type TokenRow = {
  id: string;
  userId: string;
  tenantId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  scopes: string[];
  role: string | null;
  email: string;
  name: string;
  slug: string;
  tenantName: string;
  rolloutMode: TActor["tenant"]["rolloutMode"];
};

/**
 * Resolves a bearer secret to an identity; null when unknown, revoked or expired. The same query binds
 * the token's user to its tenant through the membership (the actor), since every token-authenticated
 * call needs both: one round trip on the hot path instead of two.
 */
export async function identityFromToken(db: Database, secret: string): Promise<TIdentity | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const now = Date.now();
  const rows = await db.prisma.$queryRaw<TokenRow[]>`
    SELECT * FROM keel_token_actor(${hashToken(secret)}, ${new Date(now)}, ${new Date(now - LAST_USED_GRANULARITY_MS)})`;
  const token = rows[0];
  if (!token || token.revokedAt || token.expiresAt.getTime() <= now) return null;
  const role = ZRole.safeParse(token.role);
  return {
    via: "extension_token",
    userId: token.userId,
    tokenId: token.id,
    tokenTenantId: token.tenantId,
    tokenExpiresAt: token.expiresAt,
    // No membership in the token's tenant any more: the token authenticates, but binds to nothing.
    actor: role.success
      ? {
          userId: token.userId,
          email: token.email,
          name: token.name,
          role: role.data,
          tenant: {
            id: token.tenantId,
            slug: token.slug,
            name: token.tenantName,
            rolloutMode: token.rolloutMode,
          },
          via: "extension_token",
          tokenId: token.id,
          tokenExpiresAt: token.expiresAt,
          tokenScopes: token.scopes,
        }
      : null,
  };
}

/**
 * Binds an identity to a tenant through a membership that exists right now. A token is bound to its
 * own tenant; a session to the tenant chosen at sign-in, or the user's first membership.
 */
export async function resolveActor(db: Database, identity: TIdentity): Promise<TActor | null> {
  // A token resolved its actor in the query that checked it (same request, same membership).
  if (identity.via === "extension_token" && identity.actor !== undefined) return identity.actor;
  const tenantId = identity.via === "extension_token" ? identity.tokenTenantId : identity.sessionTenantId;
  // One round trip: this runs on every authenticated request.
  const rows = await memberRows(db, identity.userId, tenantId);
  const row = rows[0];
  const role = ZRole.safeParse(row?.role);
  if (!row || !role.success) return null;
  return {
    userId: identity.userId,
    email: row.email,
    name: row.name,
    role: role.data,
    tenant: { id: row.tenantId, slug: row.slug, name: row.tenantName, rolloutMode: row.rolloutMode },
    via: identity.via,
    tokenId: identity.via === "extension_token" ? identity.tokenId : null,
    tokenExpiresAt: identity.via === "extension_token" ? identity.tokenExpiresAt : null,
    // A token whose scopes were not read with it gets none (fail closed).
    ...(identity.via === "extension_token" ? { tokenScopes: [] } : {}),
  };
}

/**
 * Revokes an extension token: the caller's own token when no id is given (sign-out), otherwise one of
 * the caller's tokens, or any token of the tenant for those allowed to manage them.
 */
export async function revokeExtensionToken(
  db: Database,
  actor: TActor,
  tokenId: string | undefined,
): Promise<{ tokenId: string; revokedAt: string }> {
  const targetId = tokenId ?? actor.tokenId;
  if (!targetId)
    throw new AppError("BAD_REQUEST", "Name the token to revoke (this call was not made with one).");
  const manageTenant = can(actor.role, "extensionToken.manageTenant").allowed;
  const who = auditActorOf(actor);
  const revokedAt = await withTenant(db, actor.tenant.id, async (tx) => {
    const token = await tx.extensionToken.findFirst({
      where: { id: targetId, tenantId: actor.tenant.id, ...(manageTenant ? {} : { userId: actor.userId }) },
    });
    if (!token) {
      await recordAudit(tx, who, {
        action: "extension_token.revoke",
        targetType: "extension_token",
        targetId,
        outcome: "not_found",
        reason: "no such token for this caller in the tenant",
      });
      return null;
    }
    const at = token.revokedAt ?? new Date();
    if (!token.revokedAt)
      await tx.extensionToken.update({ where: { id: token.id }, data: { revokedAt: at } });
    await recordAudit(tx, who, {
      action: "extension_token.revoke",
      targetType: "extension_token",
      targetId: token.id,
      outcome: "success",
    });
    return at;
  });
  if (!revokedAt) throw notFound("Token");
  return { tokenId: targetId, revokedAt: revokedAt.toISOString() };
}

/** Extension tokens the caller may see: their own, or the whole tenant's for token managers. */
export async function listExtensionTokens(db: Database, actor: TActor) {
  const manageTenant = can(actor.role, "extensionToken.manageTenant").allowed;
  const tokens = await withTenant(db, actor.tenant.id, (tx) =>
    tx.extensionToken.findMany({
      where: { tenantId: actor.tenant.id, ...(manageTenant ? {} : { userId: actor.userId }) },
      include: { user: { select: { email: true } } },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  );
  return tokens.map((t) => ({
    id: t.id,
    label: t.label,
    prefix: t.prefix,
    userEmail: t.user.email,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

/** Records a permission refusal in the actor's tenant audit log. */
export async function auditPermissionDenied(db: Database, actor: TActor, procedure: string, reason: string) {
  await withTenant(db, actor.tenant.id, (tx) =>
    recordAudit(tx, auditActorOf(actor), {
      action: "auth.permission_denied",
      targetType: "procedure",
      targetId: procedure,
      outcome: "denied",
      reason,
    }),
  );
}
