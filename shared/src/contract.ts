import * as z from "zod";
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

// ---- the procedure table -------------------------------------------------------------------------

export const ZEmpty = z.object({}).strict().optional();

export const contract = {
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
} as const satisfies Record<string, { kind: "query" | "mutation"; input: z.ZodType; output: z.ZodType }>;

export type TContract = typeof contract;
export type TProcedureName = keyof TContract;
export type TProcedureInput<P extends TProcedureName> = z.input<TContract[P]["input"]>;
export type TProcedureOutput<P extends TProcedureName> = z.output<TContract[P]["output"]>;
