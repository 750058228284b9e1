import * as z from "zod";

/**
 * The action catalog: everything the copilot can propose, one typed registry.
 * Risk bands: low = summarize/suggest/draft, medium = status/tags/verification,
 * high = refunds, ownership changes, access revocation.
 */
export const RISK_BANDS = ["low", "medium", "high"] as const;
export const ZRiskBand = z.enum(RISK_BANDS);
export type TRiskBand = z.infer<typeof ZRiskBand>;

const ZTicketRef = z.object({ ticketId: z.string().min(1).max(64) });

type ActionDefinition = {
  description: string;
  risk: TRiskBand;
  input: z.ZodType;
  /** What the action changes; "nothing" for read-only steps. */
  changes: string;
};

export const ACTIONS = {
  "ticket.summarize": {
    description: "Summarize a ticket's conversation with cited messages",
    risk: "low",
    input: ZTicketRef,
    changes: "nothing",
  },
} as const satisfies Record<string, ActionDefinition>;

export type TActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as TActionId[];
export const ZActionId = z.enum(ACTION_IDS as [TActionId, ...TActionId[]]);
