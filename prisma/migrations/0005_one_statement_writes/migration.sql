-- The governed action path in three round trips (docs/decisions/014-one-statement-governed-writes.md).

-- The chain head remembers the hash before the last append and the last event's time, so one UPDATE
-- can move the head and hand the new event its link, seq and timestamp (see audit-chain.ts).
ALTER TABLE "AuditChainHead" ADD COLUMN "prevHash" TEXT,
ADD COLUMN "lastAt" TIMESTAMP(3);

-- Raises a Keel error (SQLSTATE KL001) from inside a statement: how a batch of writes refuses to go on.
CREATE FUNCTION keel_raise(message text) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'KL001';
END
$fn$;

-- Runs statements as keel_app with the tenant set, in the caller's transaction (one statement: one
-- implicit transaction, all or nothing): the writes in order, then an optional read whose rows come
-- back as a jsonb array. SECURITY INVOKER: row-level security applies to every statement exactly as
-- in withTenant(); the SQL is the application's own (values rendered as literals by @keel/db).
CREATE FUNCTION keel_run(p_tenant text, p_writes text[], p_read text) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
  result jsonb;
BEGIN
  IF p_tenant IS NULL OR p_tenant = '' THEN
    RAISE EXCEPTION USING MESSAGE = 'keel_run needs a tenant', ERRCODE = 'KL001';
  END IF;
  PERFORM set_config('role', 'keel_app', true), set_config('app.tenant_id', p_tenant, true);
  FOREACH statement IN ARRAY coalesce(p_writes, ARRAY[]::text[]) LOOP
    EXECUTE statement;
  END LOOP;
  IF p_read IS NOT NULL THEN
    EXECUTE format('SELECT coalesce(jsonb_agg(r), ''[]''::jsonb) FROM (%s) r', p_read) INTO result;
  END IF;
  RETURN result;
END
$fn$;

-- Everything a governed decision reads besides the caller, for one tenant, in one round trip: the
-- tenant's rollout mode, the permission matrix and policy versions in force, the ticket and its
-- customer's facts (no row when the tenant does not exist). A function with static SQL so each
-- connection plans it once: planned afresh, the row-level security policies (Tenant's above all)
-- cost more than ten times the query itself (measured: 2.3 ms against 0.15 ms of server CPU).
CREATE FUNCTION keel_governed_snapshot(p_tenant text, p_ticket text)
RETURNS TABLE (
  "rolloutMode" text, "matrixVersion" integer, "policyVersion" integer, "id" text, "number" integer,
  "subject" text, "status" text, "queue" text, "tags" text[], "version" integer, "customerId" text,
  "identityVerifiedAt" timestamp(3), "tier" text
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
      k."customerId", c."identityVerifiedAt", c."tier"::text
    FROM "Tenant" t
    LEFT JOIN "Ticket" k ON k."id" = p_ticket AND k."tenantId" = t."id"
    LEFT JOIN "Customer" c ON c."id" = k."customerId" AND c."tenantId" = t."id"
    WHERE t."id" = p_tenant;
END
$fn$;

-- Appends one event to its tenant's hash chain in one statement (audit-chain.ts builds the arguments):
-- moves the head (seq + 1, the old hash kept as prevHash, the new hash = sha256 over the previous hash,
-- a newline and the event's canonical body with its seq and createdAt spliced in) and inserts the event
-- from the head's new values. The head's row lock serialises appends per tenant until commit.
-- createdAt is p_created_at when given, else the statement's time but never earlier than the previous
-- event's (so it follows seq). Returns no row when the head is missing or still has unsealed
-- pre-chain events; with p_strict it raises KL001 'audit chain head not ready' instead.
-- Static SQL in plpgsql: planned once per connection (this runs on every audited call).
CREATE FUNCTION keel_append_audit(
  p_tenant text, p_id text, p_actor_type text, p_actor_id text, p_actor_label text, p_action text,
  p_target_type text, p_target_id text, p_outcome text, p_reason text, p_metadata jsonb,
  p_request_id text, p_created_at timestamp(3), p_before text, p_between text, p_after text,
  p_strict boolean
) RETURNS TABLE ("seq" integer, "hash" text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_seq integer;
  v_prev text;
  v_hash text;
  v_at timestamp(3);
BEGIN
  UPDATE "AuditChainHead" h SET
    "seq" = h."seq" + 1,
    "prevHash" = h."hash",
    "lastAt" = coalesce(p_created_at, greatest(
      date_trunc('milliseconds', statement_timestamp() AT TIME ZONE 'UTC')::timestamp(3),
      coalesce(h."lastAt", '-infinity'::timestamp))),
    "hash" = encode(sha256(convert_to(h."hash" || chr(10) || p_before || to_char(coalesce(p_created_at, greatest(
      date_trunc('milliseconds', statement_timestamp() AT TIME ZONE 'UTC')::timestamp(3),
      coalesce(h."lastAt", '-infinity'::timestamp))), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      || p_between || (h."seq" + 1)::text || p_after, 'UTF8')), 'hex')
  WHERE h."tenantId" = p_tenant AND NOT (h."hash" = 'genesis' AND h."seq" > 0)
  RETURNING h."seq", h."prevHash", h."hash", h."lastAt" INTO v_seq, v_prev, v_hash, v_at;
  IF v_seq IS NULL THEN
    IF p_strict THEN
      RAISE EXCEPTION USING MESSAGE = 'audit chain head not ready', ERRCODE = 'KL001';
    END IF;
    RETURN;
  END IF;
  INSERT INTO "AuditEvent" ("id", "tenantId", "seq", "prevHash", "hash", "actorType", "actorId", "actorLabel",
    "action", "targetType", "targetId", "outcome", "reason", "metadata", "requestId", "createdAt")
  VALUES (p_id, p_tenant, v_seq, v_prev, v_hash, p_actor_type, p_actor_id, p_actor_label, p_action,
    p_target_type, p_target_id, p_outcome::"AuditOutcome", p_reason, p_metadata, p_request_id, v_at);
  RETURN QUERY SELECT v_seq, v_hash;
END
$fn$;

REVOKE ALL ON FUNCTION keel_append_audit(text, text, text, text, text, text, text, text, text, text, jsonb,
  text, timestamp(3), text, text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keel_append_audit(text, text, text, text, text, text, text, text, text, text, jsonb,
  text, timestamp(3), text, text, text, boolean) TO keel_app;
REVOKE ALL ON FUNCTION keel_governed_snapshot(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keel_governed_snapshot(text, text) TO keel_app;
REVOKE ALL ON FUNCTION keel_raise(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION keel_run(text, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keel_raise(text) TO keel_app;
GRANT EXECUTE ON FUNCTION keel_run(text, text[], text) TO keel_app;
