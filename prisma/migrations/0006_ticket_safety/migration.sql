-- Ticket safety: the injection scan of the customer's messages (docs/decisions/015-injected-tickets-need-a-human.md).
-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "injectionFlagged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "injectionReasons" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "safetyScannedAt" TIMESTAMP(3);

-- The governed snapshot also reads whether the ticket's scan is current (scanned, and no customer
-- message since) and flagged: a flagged ticket runs nothing without a person's click; a ticket whose
-- scan is not current is scanned by the interactive path before anything is decided.
DROP FUNCTION keel_governed_snapshot(text, text);
CREATE FUNCTION keel_governed_snapshot(p_tenant text, p_ticket text)
RETURNS TABLE (
  "rolloutMode" text, "matrixVersion" integer, "policyVersion" integer, "id" text, "number" integer,
  "subject" text, "status" text, "queue" text, "tags" text[], "version" integer, "customerId" text,
  "identityVerifiedAt" timestamp(3), "tier" text, "safetyCurrent" boolean, "injectionFlagged" boolean
)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
  IF p_tenant IS NULL OR p_tenant = '' THEN
    RAISE EXCEPTION USING MESSAGE = 'keel_governed_snapshot needs a tenant', ERRCODE = 'KL001';
  END IF;
  PERFORM set_config('role', 'keel_app', true), set_config('app.tenant_id', p_tenant, true);
  RETURN QUERY
    SELECT t."rolloutMode"::text,
      (SELECT max(v."version") FROM "PermissionMatrixVersion" v WHERE v."tenantId" = t."id"),
      (SELECT p."version" FROM "PolicyDocument" p
        WHERE p."tenantId" = t."id" AND p."kind" = 'policy' AND p."status" = 'published'
        ORDER BY p."version" DESC LIMIT 1),
      k."id", k."number", k."subject", k."status"::text, k."queue", k."tags", k."version",
      k."customerId", c."identityVerifiedAt", c."tier"::text,
      k."safetyScannedAt" IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM "Message" m
        WHERE m."tenantId" = t."id" AND m."ticketId" = k."id" AND m."authorType" = 'customer'
          AND m."createdAt" > k."safetyScannedAt"),
      k."injectionFlagged"
    FROM "Tenant" t
    LEFT JOIN "Ticket" k ON k."id" = p_ticket AND k."tenantId" = t."id"
    LEFT JOIN "Customer" c ON c."id" = k."customerId" AND c."tenantId" = t."id"
    WHERE t."id" = p_tenant;
END
$fn$;

REVOKE ALL ON FUNCTION keel_governed_snapshot(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keel_governed_snapshot(text, text) TO keel_app;
