import type { AuditAppendInput, Prisma } from "@keel/db";
import { appendAuditEvent, newId } from "@keel/db";
import type { TActor } from "../actor";
import { redactForAudit } from "./redact";

type Outcome = "success" | "denied" | "not_found" | "error";

/**
 * Audit events are a typed union: each action names its target kind and the metadata it may carry.
 * Metadata holds identifiers and counts, never message bodies or secrets.
 */
export type TAuditEvent =
  | {
      action: "ticket.summarize";
      targetType: "ticket";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata?: { engine: string; sentences: number; citedMessageIds: string[]; traceId?: string };
    }
  | { action: "ticket.view"; targetType: "ticket"; targetId: string; outcome: Outcome; reason?: string }
  | {
      action: "ticket.reply";
      targetType: "ticket";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata?: { messageId: string; length: number };
    }
  | {
      action: "extension_token.create";
      targetType: "extension_token";
      targetId: string;
      outcome: Outcome;
      metadata: { label: string; expiresAt: string };
    }
  | {
      action: "extension_token.revoke";
      targetType: "extension_token";
      targetId: string;
      outcome: Outcome;
      reason?: string;
    }
  | {
      action: "api_key.create";
      targetType: "api_key";
      targetId: string;
      outcome: Outcome;
      /** Never the secret (nor its prefix): the key id names the key. */
      metadata: { name: string; scopes: string[]; expiresAt: string | null };
    }
  | { action: "api_key.revoke"; targetType: "api_key"; targetId: string; outcome: Outcome; reason?: string }
  | {
      action: "connector_credential.set";
      /** targetId: the connector (zendesk, freshdesk, ...), unique per tenant. */
      targetType: "connector_credential";
      targetId: string;
      outcome: Outcome;
      /** Never the secret, its hint or its ciphertext. */
      metadata: { connector: string; baseUrl: string; keyId: string; replaced: boolean };
    }
  | {
      action: "connector_credential.delete";
      targetType: "connector_credential";
      targetId: string;
      outcome: Outcome;
      reason?: string;
    }
  | {
      action: "action.requested" | "action.denied" | "action.executed" | "action.voided" | "approval.decided";
      targetType: string;
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata?: { actionId?: string; requestId?: string; ruleIds?: string[] };
    }
  | {
      action: "escalation.created" | "escalation.taken";
      targetType: "ticket" | "escalation";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata?: { trigger: string; escalationId: string; ticketId: string };
    }
  | {
      action: "reply.draft";
      targetType: "ticket";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      /** The draft's trace, engine, cited articles as id@version, and confidence. */
      metadata?: { traceId: string; engine: string; articles: string[]; confidence: number };
    }
  | {
      action: "reply.feedback";
      targetType: "copilot_trace";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      /** The verdict; for an edit, the share of words changed and the length (never the text). */
      metadata?: { verdict: string; ticketId: string | null; changed?: number; length?: number };
    }
  | {
      action: "trace.replay";
      targetType: "copilot_trace";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      /** The replay's own trace and what changed. */
      metadata?: { traceId: string; changes: string[] };
    }
  | {
      action: "kb.suggest";
      targetType: "ticket";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      /** Cited articles as id@version, the tiers searched, and the step's trace. */
      metadata?: { articles: string[]; tiers: string[]; traceId?: string };
    }
  | {
      action: "knowledge.article_saved";
      targetType: "knowledge_article";
      targetId: string;
      outcome: Outcome;
      metadata: { version: number; tier: string; created: boolean };
    }
  | {
      action: "knowledge.imported";
      targetType: "knowledge_base";
      targetId: string;
      outcome: Outcome;
      metadata: { format: "markdown" | "jsonl"; created: number; updated: number };
    }
  | {
      action: "knowledge.tier_updated";
      targetType: "knowledge_tier";
      targetId: string;
      outcome: Outcome;
      metadata: { roles: string[]; retentionDays: number | null };
    }
  | { action: "auth.sign_in_failed"; targetType: "user"; targetId: string; outcome: "denied"; reason: string }
  | {
      /**
       * A refused attempt to reach across the tenant boundary or to use a credential that is no longer
       * valid. These feed the console's security counters (cross-tenant and unauthorized attempts).
       */
      action: "security.refused";
      targetType: "procedure" | "page" | "route" | "extension_token" | "api_key";
      targetId: string;
      outcome: "denied" | "not_found";
      reason: string;
      metadata: {
        kind:
          | "cross_tenant"
          | "tenant_spoof"
          | "revoked_credential"
          | "expired_credential"
          | "csrf"
          | "cors"
          | "scope";
        /** The identifier that was asked for, when the attempt named one. */
        resourceId?: string;
      };
    }
  | {
      action: "auth.permission_denied";
      targetType: "procedure";
      targetId: string;
      outcome: "denied";
      reason: string;
    }
  | {
      action: "policy.draft_saved";
      targetType: "policy_document";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata: { kind: "policy" | "charter"; version: number; sha256: string; lines: number };
    }
  | {
      action: "policy.published";
      targetType: "policy_document";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata: {
        kind: "policy" | "charter";
        version: number;
        archivedVersion: number | null;
        sha256: string | null;
      };
    }
  | {
      action: "permissions.updated";
      targetType: "permission_matrix";
      targetId: string;
      outcome: Outcome;
      reason?: string;
      metadata: {
        version: number;
        previousVersion: number | null;
        changes: Array<{ role: string; action: string; from: string; to: string }>;
      };
    }
  | {
      action: "audit.exported";
      targetType: "audit_log";
      /** The tenant whose log was exported. */
      targetId: string;
      outcome: Outcome;
      metadata: { format: "jsonl" | "csv"; from: string | null; to: string | null };
    };

export type TAuditActor = Pick<TActor, "userId" | "email" | "via"> & { tenantId: string };

export function auditActorOf(actor: TActor): TAuditActor {
  return { userId: actor.userId, email: actor.email, via: actor.via, tenantId: actor.tenant.id };
}

/**
 * Appends one audit event. Call it with the transaction that does the read or change it records,
 * as its last statement (the tenant's chain head stays locked until commit). Metadata and reason are
 * redacted here, so personal data and secrets never reach the append-only log.
 */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: TAuditActor,
  event: TAuditEvent,
  requestId?: string,
): Promise<void> {
  await appendAuditEvent(tx, auditEventOf(actor, event, requestId));
}

/**
 * The stored form of a user's audit event (id, actor, redacted reason and metadata): what recordAudit
 * appends, and what a one-statement batch appends with auditAppendSql (services/action-store.ts).
 */
export function auditEventOf(actor: TAuditActor, event: TAuditEvent, requestId?: string): AuditAppendInput {
  return {
    id: newId("aud"),
    tenantId: actor.tenantId,
    actorType: actor.via === "extension_token" ? "user:extension" : "user:session",
    actorId: actor.userId,
    actorLabel: actor.email,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: event.outcome,
    reason: "reason" in event && event.reason != null ? redactForAudit(event.reason) : null,
    metadata: redactForAudit(
      "metadata" in event && event.metadata ? event.metadata : {},
    ) as Prisma.InputJsonObject,
    requestId: requestId ?? null,
  };
}

/** An API key acting for its tenant (server-to-server calls): the key itself is the audited actor. */
export type TApiKeyAuditActor = { keyId: string; prefix: string; tenantId: string };

/**
 * Appends one audit event whose actor is an API key (actorType "api_key"), with the same rules as
 * recordAudit: in the transaction it records, as its last statement, redacted.
 */
export async function recordApiKeyAudit(
  tx: Prisma.TransactionClient,
  key: TApiKeyAuditActor,
  event: TAuditEvent,
  requestId?: string,
): Promise<void> {
  await appendAuditEvent(tx, {
    id: newId("aud"),
    tenantId: key.tenantId,
    actorType: "api_key",
    actorId: key.keyId,
    actorLabel: `API key ${key.prefix}…`,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: event.outcome,
    reason: "reason" in event && event.reason != null ? redactForAudit(event.reason) : null,
    metadata: redactForAudit(
      "metadata" in event && event.metadata ? event.metadata : {},
    ) as Prisma.InputJsonObject,
    requestId: requestId ?? null,
  });
}
