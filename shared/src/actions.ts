import * as z from "zod";

/**
 * The action catalog: everything the copilot can propose, one typed registry shared by the server
 * (which enforces it) and the extension (which renders it). Risk bands:
 * low = summarize/suggest/draft, medium = status/tags/notes/verification, high = money, ownership, access.
 */
export const RISK_BANDS = ["low", "medium", "high"] as const;
export const ZRiskBand = z.enum(RISK_BANDS);
export type TRiskBand = z.infer<typeof ZRiskBand>;

const ZId = z.string().trim().min(1).max(64);
const ZTicket = { ticketId: ZId };

/** ISO 4217 currency code. */
export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter currency code such as USD");
/** A money amount in major units with at most two decimals, e.g. 49.99. */
export const ZAmount = z
  .number()
  .positive("The amount must be more than zero")
  .max(1_000_000, "The amount is too large")
  .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), "Use at most two decimals");

export const TICKET_STATUSES = ["open", "pending", "solved", "closed"] as const;
export const QUEUES = ["general", "billing", "technical", "returns", "accounts", "escalations"] as const;

type TargetKind = "ticket" | "customer" | "order" | "account";

type ActionDefinition = {
  title: string;
  description: string;
  risk: TRiskBand;
  input: z.ZodObject;
  /** What the action changes; "nothing" for read-only steps. */
  changes: string;
  /** The record the action reads or changes: approvals bind to its version. */
  target: { kind: TargetKind; field: string };
};

export const ACTIONS = {
  "ticket.summarize": {
    title: "Summarize ticket",
    description: "Summarize a ticket's conversation with cited messages",
    risk: "low",
    input: z.object(ZTicket),
    changes: "nothing",
    target: { kind: "ticket", field: "ticketId" },
  },
  "kb.suggest": {
    title: "Suggest articles",
    description: "Suggest knowledge articles that match the ticket",
    risk: "low",
    input: z.object(ZTicket),
    changes: "nothing",
    target: { kind: "ticket", field: "ticketId" },
  },
  "reply.draft": {
    title: "Draft reply",
    description: "Draft a reply grounded in knowledge articles, in the agent's style",
    risk: "low",
    input: z.object(ZTicket),
    changes: "nothing",
    target: { kind: "ticket", field: "ticketId" },
  },
  "ticket.setStatus": {
    title: "Set status",
    description: "Change the ticket's status",
    risk: "medium",
    input: z.object({ ...ZTicket, status: z.enum(TICKET_STATUSES) }),
    changes: "ticket status",
    target: { kind: "ticket", field: "ticketId" },
  },
  "ticket.addTags": {
    title: "Add tags",
    description: "Add tags to the ticket",
    risk: "medium",
    input: z.object({
      ...ZTicket,
      tags: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Tags are lowercase letters, digits and dashes"),
        )
        .min(1)
        .max(10),
    }),
    changes: "ticket tags",
    target: { kind: "ticket", field: "ticketId" },
  },
  "ticket.addInternalNote": {
    title: "Add internal note",
    description: "Add a note visible to agents only",
    risk: "medium",
    input: z.object({ ...ZTicket, body: z.string().trim().min(1).max(5000) }),
    changes: "ticket conversation (internal)",
    target: { kind: "ticket", field: "ticketId" },
  },
  "customer.requestVerification": {
    title: "Request identity verification",
    description: "Ask the customer to verify their identity before sensitive changes",
    risk: "medium",
    input: z.object({ ...ZTicket, customerId: ZId }),
    changes: "customer verification state",
    target: { kind: "customer", field: "customerId" },
  },
  "ticket.assignQueue": {
    title: "Assign queue",
    description: "Move the ticket to another queue",
    risk: "medium",
    input: z.object({ ...ZTicket, queue: z.enum(QUEUES) }),
    changes: "ticket queue",
    target: { kind: "ticket", field: "ticketId" },
  },
  "order.refund": {
    title: "Refund order",
    description: "Refund part or all of an order to the original payment method",
    risk: "high",
    input: z.object({ ...ZTicket, orderId: ZId, amount: ZAmount, currency: ZCurrency }),
    changes: "refund ledger, order refunded amount",
    target: { kind: "order", field: "orderId" },
  },
  "order.cancel": {
    title: "Cancel order",
    description: "Cancel an order that has not been delivered",
    risk: "high",
    input: z.object({ ...ZTicket, orderId: ZId, reason: z.string().trim().min(3).max(500) }),
    changes: "order status",
    target: { kind: "order", field: "orderId" },
  },
  "account.changeOwner": {
    title: "Change account owner",
    description: "Transfer ownership of a customer account to another e-mail",
    risk: "high",
    input: z.object({ ...ZTicket, accountId: ZId, newOwnerEmail: z.string().trim().toLowerCase().email() }),
    changes: "account owner",
    target: { kind: "account", field: "accountId" },
  },
  "account.revokeAccess": {
    title: "Revoke account access",
    description: "Revoke all access to a customer account",
    risk: "high",
    input: z.object({ ...ZTicket, accountId: ZId, reason: z.string().trim().min(3).max(500) }),
    changes: "account status",
    target: { kind: "account", field: "accountId" },
  },
  "account.sendPasswordReset": {
    title: "Send password reset",
    description: "Send a password reset link to the account owner (identity must be verified)",
    risk: "high",
    input: z.object({ ...ZTicket, accountId: ZId }),
    changes: "account password reset",
    target: { kind: "account", field: "accountId" },
  },
} as const satisfies Record<string, ActionDefinition>;

export type TActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as TActionId[];
export const ZActionId = z.enum(ACTION_IDS as [TActionId, ...TActionId[]]);
export type TActionParams<A extends TActionId> = z.output<(typeof ACTIONS)[A]["input"]>;

/** Actions that change something (everything but the read-only copilot steps). */
export const WRITE_ACTION_IDS = ACTION_IDS.filter((id) => ACTIONS[id].changes !== "nothing");

/** Formats an amount in minor units (cents) as "49.99 USD". */
export function formatMinor(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}
