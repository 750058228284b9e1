import * as z from "zod";

/*
 * Copilot steps beyond the summary: the reply draft in the agent's own style, with citations, and the
 * agent's feedback on it. Every step stores a trace (prompt, model, retrieved documents with versions,
 * redacted input and output). Spread into the main contract.
 */

const ZId = z.string().trim().min(1).max(64);
const ZIsoDate = z.string().datetime({ offset: true });

export const ZDraftCitation = z.object({
  /** The number the draft cites it by: [1], [2]. */
  n: z.number().int().min(1),
  articleId: z.string(),
  version: z.number().int(),
  title: z.string(),
});
export type TDraftCitation = z.infer<typeof ZDraftCitation>;

export const ZReplyDraft = z.object({
  /** The trace of this draft: feedback and replays refer to it. */
  traceId: ZId,
  ticketId: ZId,
  /** The draft in the agent's view (personal data restored). */
  text: z.string(),
  citations: z.array(ZDraftCitation),
  /** 0..1; below the workspace's escalation threshold the sidebar suggests handing off. */
  confidence: z.number().min(0).max(1),
  belowThreshold: z.boolean(),
  grounded: z.boolean(),
  style: z.object({
    greeting: z.string().nullable(),
    signOff: z.string().nullable(),
    contractions: z.boolean(),
    /** How many of the agent's past replies the style was learned from (0: Keel's defaults). */
    samples: z.number().int(),
  }),
  engine: z.object({ id: z.string(), version: z.string() }),
  prompt: z.object({ id: z.string(), version: z.number().int() }),
  generatedAt: ZIsoDate,
});
export type TReplyDraft = z.infer<typeof ZReplyDraft>;

export const REPLY_FEEDBACK = ["accept", "edit", "reject"] as const;

/** One stored copilot step, as the console lists it. */
export const ZTraceSummary = z.object({
  id: ZId,
  createdAt: ZIsoDate,
  step: z.string(),
  ticketId: z.string().nullable(),
  actorId: z.string().nullable(),
  prompt: z.string(),
  model: z.string(),
  latencyMs: z.number().int(),
  confidence: z.number().nullable(),
  replayOfId: z.string().nullable(),
});
export type TTraceSummary = z.infer<typeof ZTraceSummary>;

export const ZTraceDetail = ZTraceSummary.extend({
  policyVersion: z.number().int().nullable(),
  charterVersion: z.number().int().nullable(),
  settings: z.unknown(),
  retrieved: z.array(
    z.object({ articleId: z.string(), version: z.number().int(), score: z.number().nullable() }),
  ),
  toolCalls: z.unknown(),
  /** Redacted, as stored: personal data appears as placeholders. */
  input: z.unknown(),
  output: z.unknown(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  /** The audit events that name this trace (the step itself, feedback). */
  events: z.array(
    z.object({
      id: ZId,
      createdAt: ZIsoDate,
      action: z.string(),
      actorLabel: z.string().nullable(),
      outcome: z.string(),
      seq: z.number().int(),
    }),
  ),
  replays: z.array(z.object({ id: ZId, createdAt: ZIsoDate })),
});
export type TTraceDetail = z.infer<typeof ZTraceDetail>;

export const copilotContract = {
  "reply.draft": {
    kind: "mutation",
    input: z.strictObject({ ticketId: ZId }),
    output: ZReplyDraft,
  },
  "reply.feedback": {
    kind: "mutation",
    input: z.strictObject({
      traceId: ZId,
      verdict: z.enum(REPLY_FEEDBACK),
      /** The text the agent used, for "edit": only its length and distance from the draft are kept. */
      text: z.string().max(20_000).optional(),
    }),
    output: z.object({ recorded: z.literal(true) }),
  },
  "trace.list": {
    kind: "query",
    input: z.strictObject({
      limit: z.number().int().min(1).max(100).default(50),
      cursor: ZId.optional(),
      ticketId: ZId.optional(),
    }),
    output: z.object({ traces: z.array(ZTraceSummary), nextCursor: ZId.nullable() }),
  },
  "trace.get": {
    kind: "query",
    input: z.strictObject({ traceId: ZId }),
    output: ZTraceDetail,
  },
  /** Re-runs a draft trace against what is in force now; stored as a new trace (a replay of it). */
  "trace.replay": {
    kind: "mutation",
    input: z.strictObject({ traceId: ZId }),
    output: z.object({
      replayTraceId: ZId,
      /** What differs, in words; empty when nothing did. */
      changes: z.array(z.string()),
      diff: z.array(z.object({ op: z.enum([" ", "-", "+"]), line: z.string() })),
    }),
  },
} as const;
