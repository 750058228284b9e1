import * as z from "zod";
import { ZActionId, ZRiskBand } from "./actions";
import { adminContract } from "./contract-admin";
import { copilotContract } from "./contract-copilot";
import { integrationContract } from "./contract-integrations";
import { knowledgeContract } from "./contract-knowledge";
import { ZRole } from "./roles";

/*
 * The API contract shared by the server (which implements each procedure with exactly these
 * schemas) and its clients (the extension, e2e tests). See docs/decisions/003-shared-api-contract.md.
 */

const ZId = z.string().min(1).max(64);
const ZIsoDate = z.string().datetime({ offset: true });

export const ZTenantInfo = z.object({ id: ZId, slug: z.string(), name: z.string() });
export const ZUserInfo = z.object({ id: ZId, email: z.string(), name: z.string() });

// ---- auth ----------------------------------------------------------------------------------------

export const ZConnectExtensionInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
  password: z.string().min(1, "Enter your password").max(200),
  /** Only needed when the user belongs to more than one tenant; must be one of their memberships. */
  tenantSlug: z.string().trim().min(1).max(64).optional(),
  /** Shown in the console's token list, e.g. "Chrome on laptop". */
  label: z.string().trim().min(1).max(80).optional(),
});
export type TConnectExtensionInput = z.infer<typeof ZConnectExtensionInput>;

export const ZConnectExtensionOutput = z.object({
  token: z.string(),
  tokenId: ZId,
  expiresAt: ZIsoDate,
  user: ZUserInfo,
  tenant: ZTenantInfo,
  role: ZRole,
});
export type TConnectExtensionOutput = z.infer<typeof ZConnectExtensionOutput>;

export const ZWhoAmI = z.object({
  user: ZUserInfo,
  tenant: ZTenantInfo,
  role: ZRole,
  via: z.enum(["session", "extension_token"]),
  tokenExpiresAt: ZIsoDate.nullable(),
});
export type TWhoAmI = z.infer<typeof ZWhoAmI>;

export const ZRevokeTokenInput = z.object({
  /** Omit to revoke the token making the call (extension sign-out). */
  tokenId: ZId.optional(),
});
export const ZRevokeTokenOutput = z.object({ tokenId: ZId, revokedAt: ZIsoDate });

export const ZExtensionTokenRow = z.object({
  id: ZId,
  label: z.string(),
  prefix: z.string(),
  userEmail: z.string(),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate,
  lastUsedAt: ZIsoDate.nullable(),
  revokedAt: ZIsoDate.nullable(),
});
export const ZListTokensOutput = z.object({ tokens: z.array(ZExtensionTokenRow) });

// ---- tickets -------------------------------------------------------------------------------------

export const ZSummarizeInput = z.object({ ticketId: ZId });
export type TSummarizeInput = z.infer<typeof ZSummarizeInput>;

export const ZCitedMessage = z.object({
  messageId: ZId,
  /** 1-based position of the message in the conversation, for "[2]"-style references. */
  position: z.number().int().positive(),
  authorType: z.enum(["customer", "agent", "system"]),
  authorName: z.string(),
  createdAt: ZIsoDate,
  excerpt: z.string(),
});
export type TCitedMessage = z.infer<typeof ZCitedMessage>;

export const ZSummarySentence = z.object({
  text: z.string(),
  /** Ids of the messages this sentence was taken from. */
  citations: z.array(ZId).min(1),
});

export const ZTicketSummary = z.object({
  ticket: z.object({
    id: ZId,
    number: z.number().int(),
    subject: z.string(),
    status: z.string(),
    priority: z.string(),
    customerName: z.string(),
    messageCount: z.number().int(),
  }),
  sentences: z.array(ZSummarySentence),
  citations: z.array(ZCitedMessage),
  engine: z.object({ id: z.string(), version: z.string() }),
  generatedAt: ZIsoDate,
});
export type TTicketSummary = z.infer<typeof ZTicketSummary>;

// ---- audit ---------------------------------------------------------------------------------------

export const ZAuditOutcome = z.enum(["success", "denied", "not_found", "error"]);
export const ZAuditEventRow = z.object({
  id: ZId,
  createdAt: ZIsoDate,
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: ZAuditOutcome,
  reason: z.string().nullable(),
});
export type TAuditEventRow = z.infer<typeof ZAuditEventRow>;
export const ZListAuditInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: ZId.optional(),
  action: z.string().max(64).optional(),
  outcome: ZAuditOutcome.optional(),
});
export const ZListAuditOutput = z.object({ events: z.array(ZAuditEventRow), nextCursor: ZId.nullable() });

// ---- governed actions, approvals, escalations ------------------------------------------------------

export const ACTION_REQUEST_STATUSES = [
  "pending_approval",
  "approved",
  "rejected",
  "expired",
  "void",
  "executing",
  "executed",
  "failed",
  "denied",
] as const;
export const ZActionRequestStatus = z.enum(ACTION_REQUEST_STATUSES);

/** Why the server decided what it did: every governed decision carries this. */
export const ZGovernanceDecision = z.object({
  /** The role's mode for the action in the tenant's permission matrix. */
  mode: z.enum(["deny", "read", "draft", "execute_with_approval", "execute"]),
  /** What happens: run now, wait for approvals, or refused. */
  effect: z.enum(["execute", "require_approval", "deny"]),
  approvalsRequired: z.number().int().min(0),
  policyVersion: z.number().int().nullable(),
  permissionsVersion: z.number().int().nullable(),
  rolloutMode: z.enum(["assistive", "controlled", "scale"]),
  /** Ids of the policy rules (or built-in rules) that decided. */
  ruleIds: z.array(z.string()),
  reasons: z.array(z.string()),
});
export type TGovernanceDecision = z.infer<typeof ZGovernanceDecision>;

export const ZRequestActionInput = z.object({
  actionId: ZActionId,
  /** Validated against the action's own input schema on the server. */
  params: z.record(z.string(), z.unknown()),
  /** The human clicked to confirm (required for writes in assistive mode). */
  confirmed: z.boolean().default(false),
  /** Retrying with the same key never creates or runs a second request. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export type TRequestActionInput = z.input<typeof ZRequestActionInput>;

export const ZActionRequestView = z.object({
  id: ZId,
  actionId: ZActionId,
  risk: ZRiskBand,
  status: ZActionRequestStatus,
  params: z.record(z.string(), z.unknown()),
  ticketId: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string(),
  /** The target in human terms ("Order NW-48213 · 389.00 USD · delivered"), for approvers. */
  targetLabel: z.string().optional(),
  requestedBy: z.object({ id: ZId, name: z.string(), email: z.string() }),
  decision: ZGovernanceDecision,
  approvals: z.array(
    z.object({
      approverName: z.string(),
      decision: z.enum(["approve", "reject"]),
      reason: z.string(),
      createdAt: ZIsoDate,
    }),
  ),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate.nullable(),
  executedAt: ZIsoDate.nullable(),
});
export type TActionRequestView = z.infer<typeof ZActionRequestView>;

export const ZListActionRequestsInput = z.object({
  ticketId: ZId.optional(),
  status: ZActionRequestStatus.optional(),
  /** Only requests the caller may approve (pending, not their own). */
  approvable: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZListActionRequestsOutput = z.object({ requests: z.array(ZActionRequestView) });

export const ZDecideApprovalInput = z.object({
  requestId: ZId,
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters)").max(1000),
});

export const ESCALATION_TRIGGERS = [
  "low_confidence",
  "policy_must_escalate",
  "policy_silent",
  "customer_requested_human",
  "high_risk_action",
  "identity_verification_needed",
  "agent_requested",
] as const;
export const ZEscalationTrigger = z.enum(ESCALATION_TRIGGERS);

export const ZEscalationBundle = z.object({
  customerRequest: z.string(),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  actionsTaken: z.array(z.object({ actionId: z.string(), status: z.string(), at: ZIsoDate })),
  confidence: z.number().min(0).max(1),
  citedSources: z.array(
    z.object({ kind: z.enum(["message", "article"]), id: z.string(), label: z.string() }),
  ),
  trigger: ZEscalationTrigger,
  triggerDetail: z.string(),
});
export type TEscalationBundle = z.infer<typeof ZEscalationBundle>;

export const ZEscalationAssessment = z.object({
  ticketId: ZId,
  escalate: z.boolean(),
  /** Every rule, in order, with whether it fired: the first that fired is the trigger. */
  rules: z.array(z.object({ trigger: ZEscalationTrigger, fired: z.boolean(), detail: z.string() })),
  trigger: ZEscalationTrigger.nullable(),
  confidence: z.number().min(0).max(1),
});

export const ZEscalationView = z.object({
  id: ZId,
  ticketId: ZId,
  trigger: ZEscalationTrigger,
  status: z.enum(["open", "taken", "resolved"]),
  bundle: ZEscalationBundle,
  createdAt: ZIsoDate,
  createdBy: z.string().nullable(),
  takenBy: z.string().nullable(),
});
export type TEscalationView = z.infer<typeof ZEscalationView>;

/** What the injection scan found in the customer's messages (ticket content is untrusted input). */
export const ZInjectionFinding = z.object({
  messageId: ZId,
  /** Stable signal id ("override", "persona", "hidden-html", ...). */
  rule: z.string(),
  /** For the agent: what the text tries to do. */
  message: z.string(),
  excerpt: z.string(),
});
export type TInjectionFinding = z.infer<typeof ZInjectionFinding>;
export const ZTicketSafety = z.object({
  /** Instructions aimed at the copilot were found: nothing runs here without a person's click. */
  injectionFlagged: z.boolean(),
  findings: z.array(ZInjectionFinding),
  scannedAt: ZIsoDate,
});
export type TTicketSafety = z.infer<typeof ZTicketSafety>;

export const ZTicketContext = z.object({
  ticket: z.object({
    id: ZId,
    number: z.number().int(),
    subject: z.string(),
    status: z.enum(["open", "pending", "solved", "closed"]),
    queue: z.string(),
    tags: z.array(z.string()),
  }),
  customer: z.object({ id: ZId, name: z.string(), tier: z.string(), identityVerified: z.boolean() }),
  orders: z.array(
    z.object({
      id: ZId,
      number: z.string(),
      status: z.string(),
      total: z.number(),
      refunded: z.number(),
      currency: z.string(),
    }),
  ),
  accounts: z.array(z.object({ id: ZId, name: z.string(), status: z.string() })),
  rolloutMode: z.enum(["assistive", "controlled", "scale"]),
  /** The caller's mode for every catalog action, so the sidebar only offers what may be requested. */
  modes: z.record(z.string(), z.enum(["deny", "read", "draft", "execute_with_approval", "execute"])),
  canApprove: z.boolean(),
  safety: ZTicketSafety,
});
export type TTicketContext = z.infer<typeof ZTicketContext>;

// ---- the procedure table -------------------------------------------------------------------------

export const ZEmpty = z.object({}).strict().optional();

export const contract = {
  ...adminContract,
  ...integrationContract,
  ...knowledgeContract,
  ...copilotContract,
  "auth.connectExtension": {
    kind: "mutation",
    input: ZConnectExtensionInput,
    output: ZConnectExtensionOutput,
  },
  "auth.whoami": { kind: "query", input: ZEmpty, output: ZWhoAmI },
  "auth.revokeExtensionToken": { kind: "mutation", input: ZRevokeTokenInput, output: ZRevokeTokenOutput },
  "auth.listExtensionTokens": { kind: "query", input: ZEmpty, output: ZListTokensOutput },
  "ticket.summarize": { kind: "query", input: ZSummarizeInput, output: ZTicketSummary },
  "audit.list": { kind: "query", input: ZListAuditInput, output: ZListAuditOutput },
  "ticket.context": { kind: "query", input: ZSummarizeInput, output: ZTicketContext },
  "action.request": { kind: "mutation", input: ZRequestActionInput, output: ZActionRequestView },
  "action.list": { kind: "query", input: ZListActionRequestsInput, output: ZListActionRequestsOutput },
  "action.get": { kind: "query", input: z.object({ requestId: ZId }), output: ZActionRequestView },
  "approval.decide": { kind: "mutation", input: ZDecideApprovalInput, output: ZActionRequestView },
  "escalation.assess": { kind: "query", input: z.object({ ticketId: ZId }), output: ZEscalationAssessment },
  "escalation.create": {
    kind: "mutation",
    input: z.object({ ticketId: ZId, note: z.string().trim().max(2000).optional() }),
    output: ZEscalationView,
  },
  "escalation.list": {
    kind: "query",
    input: z.object({ status: z.enum(["open", "taken", "resolved"]).optional(), ticketId: ZId.optional() }),
    output: z.object({ escalations: z.array(ZEscalationView) }),
  },
  "escalation.take": { kind: "mutation", input: z.object({ escalationId: ZId }), output: ZEscalationView },
} as const satisfies Record<string, { kind: "query" | "mutation"; input: z.ZodType; output: z.ZodType }>;

export type TContract = typeof contract;
export type TProcedureName = keyof TContract;
export type TProcedureInput<P extends TProcedureName> = z.input<TContract[P]["input"]>;
export type TProcedureOutput<P extends TProcedureName> = z.output<TContract[P]["output"]>;
