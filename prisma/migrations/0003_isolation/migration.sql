-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorCredential" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectorCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorCredential_tenantId_connector_key" ON "ConnectorCredential"("tenantId", "connector");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorCredential" ADD CONSTRAINT "ConnectorCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Row-level security ------------------------------------------------------------------------------
-- The application works as the role keel_app: no superuser, not the tables' owner, and every tenant-owned
-- table forces row-level security (FORCE applies it to the owner too). The tenant is set per transaction
-- with set_config('app.tenant_id', ..., true) by the tenant-bound client (prisma/src/tenant.ts), which
-- also switches to keel_app for the transaction. Without the setting, no row of any tenant is visible.
-- Migrations, the seed and admin tooling run as the owner (a superuser, or a role with BYPASSRLS).

DO $$
BEGIN
  CREATE ROLE keel_app NOLOGIN;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO keel_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO keel_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO keel_app;

-- The audit log is append-only for the application: it may add and read events, never change or remove them.
REVOKE UPDATE, DELETE ON "AuditEvent" FROM keel_app;

-- The migration history is read-only for the application (the health check reads it).
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM keel_app;
  END IF;
END
$$;

-- Tables owned by one tenant: a row is visible and writable only inside its tenant's transaction.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'Customer', 'Ticket', 'Message', 'KnowledgeArticle', 'AuditEvent', 'AuditChainHead', 'Order',
    'CustomerAccount', 'RefundLedgerEntry', 'PermissionMatrixVersion', 'PolicyDocument', 'ActionRequest',
    'Approval', 'Escalation', 'ConnectorCredential'
  ]
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("tenantId" = current_setting(''app.tenant_id'', true))',
      t
    );
  END LOOP;
END
$$;

-- Identity tables are read before the tenant is known, each by exactly one capability:
-- a membership by its (authenticated) user, a token or key by the hash of the secret presented.
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Membership"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY own_memberships ON "Membership" FOR SELECT
  USING ("userId" = current_setting('app.user_id', true));

ALTER TABLE "ExtensionToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExtensionToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ExtensionToken"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY presented_secret ON "ExtensionToken" FOR SELECT
  USING ("tokenHash" = current_setting('app.secret_hash', true));

ALTER TABLE "ApiKey" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiKey" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ApiKey"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY presented_secret ON "ApiKey" FOR SELECT
  USING ("keyHash" = current_setting('app.secret_hash', true));

-- A tenant row is visible inside its own transaction, to its members (choosing a workspace at sign-in),
-- and to the holder of one of its credentials.
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tenant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Tenant"
  USING ("id" = current_setting('app.tenant_id', true));
CREATE POLICY member_tenants ON "Tenant" FOR SELECT
  USING ("id" IN (SELECT m."tenantId" FROM "Membership" m WHERE m."userId" = current_setting('app.user_id', true)));
CREATE POLICY credential_tenant ON "Tenant" FOR SELECT
  USING (
    "id" IN (SELECT k."tenantId" FROM "ExtensionToken" k WHERE k."tokenHash" = current_setting('app.secret_hash', true))
    OR "id" IN (SELECT a."tenantId" FROM "ApiKey" a WHERE a."keyHash" = current_setting('app.secret_hash', true))
  );

-- The holder of a token reads the membership it is bound to (the token check binds the actor in one query).
CREATE POLICY credential_membership ON "Membership" FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM "ExtensionToken" k
    WHERE k."tokenHash" = current_setting('app.secret_hash', true)
      AND k."userId" = "Membership"."userId" AND k."tenantId" = "Membership"."tenantId"
  ));

-- ---- Identity lookups -----------------------------------------------------------------------------------
-- Before the tenant is known, the application may ask exactly these questions, each answered by a
-- SECURITY DEFINER function (run as the owner, which is exempt from row-level security) in one round trip:
-- "whose is this token?", "is this user a member of that tenant?", "which tenants is this user in?".

CREATE FUNCTION keel_token_actor(p_token_hash text, p_now timestamp(3), p_touch_before timestamp(3))
RETURNS TABLE (
  "id" text, "userId" text, "tenantId" text, "expiresAt" timestamp(3), "revokedAt" timestamp(3),
  "scopes" text[], "role" text, "email" text, "name" text, "slug" text, "tenantName" text, "rolloutMode" text
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
#variable_conflict use_column
BEGIN
  -- Last use is kept to the minute: a valid token used again within it costs no write.
  UPDATE "ExtensionToken" AS x SET "lastUsedAt" = p_now
  WHERE x."tokenHash" = p_token_hash AND x."revokedAt" IS NULL AND x."expiresAt" > p_now
    AND (x."lastUsedAt" IS NULL OR x."lastUsedAt" < p_touch_before);
  RETURN QUERY
    SELECT k."id", k."userId", k."tenantId", k."expiresAt", k."revokedAt", k."scopes", m."role"::text,
      u."email", u."name", t."slug", t."name", t."rolloutMode"::text
    FROM "ExtensionToken" k
    JOIN "User" u ON u."id" = k."userId"
    JOIN "Tenant" t ON t."id" = k."tenantId"
    LEFT JOIN "Membership" m ON m."userId" = k."userId" AND m."tenantId" = k."tenantId"
    WHERE k."tokenHash" = p_token_hash;
END
$fn$;

CREATE FUNCTION keel_member_actor(p_user_id text, p_tenant_id text)
RETURNS TABLE (
  "role" text, "email" text, "name" text, "tenantId" text, "slug" text, "tenantName" text, "rolloutMode" text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT m."role"::text, u."email", u."name", t."id", t."slug", t."name", t."rolloutMode"::text
  FROM "Membership" m
  JOIN "User" u ON u."id" = m."userId"
  JOIN "Tenant" t ON t."id" = m."tenantId"
  WHERE m."userId" = p_user_id AND (p_tenant_id IS NULL OR m."tenantId" = p_tenant_id)
  ORDER BY t."slug" ASC
$fn$;

REVOKE ALL ON FUNCTION keel_token_actor(text, timestamp(3), timestamp(3)) FROM PUBLIC;
REVOKE ALL ON FUNCTION keel_member_actor(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keel_token_actor(text, timestamp(3), timestamp(3)) TO keel_app;
GRANT EXECUTE ON FUNCTION keel_member_actor(text, text) TO keel_app;
