import type { TActionRequestView, TTicketContext } from "@keel/shared";

/** A ticket context like the demo's NW-48213 ticket, for unit tests. */
export const CONTEXT: TTicketContext = {
  ticket: { id: "tkt_1", number: 1001, subject: "Tent pole", status: "open", queue: "general", tags: [] },
  customer: { id: "cus_1", name: "Hannah Weiss", tier: "premium", identityVerified: true },
  orders: [
    { id: "ord_1", number: "NW-48213", status: "delivered", total: 389, refunded: 0, currency: "USD" },
    { id: "ord_2", number: "NW-47760", status: "delivered", total: 212, refunded: 212, currency: "USD" },
  ],
  accounts: [{ id: "acc_1", name: "Hannah's store account", status: "active" }],
  rolloutMode: "assistive",
  modes: {
    "ticket.summarize": "execute",
    "kb.suggest": "execute",
    "reply.draft": "execute",
    "ticket.setStatus": "execute",
    "ticket.addTags": "execute",
    "ticket.addInternalNote": "execute",
    "customer.requestVerification": "execute",
    "ticket.assignQueue": "read",
    "order.refund": "execute_with_approval",
    "order.cancel": "execute_with_approval",
    "account.changeOwner": "draft",
    "account.revokeAccess": "deny",
    "account.sendPasswordReset": "execute_with_approval",
  },
  canApprove: false,
  safety: { injectionFlagged: false, findings: [], scannedAt: "2026-01-01T00:00:00.000Z" },
};

export function requestView(overrides: Partial<TActionRequestView> = {}): TActionRequestView {
  return {
    id: "act_1",
    actionId: "order.refund",
    risk: "high",
    status: "pending_approval",
    params: { ticketId: "tkt_1", orderId: "ord_1", amount: 20, currency: "USD" },
    ticketId: "tkt_1",
    targetType: "order",
    targetId: "ord_1",
    requestedBy: { id: "usr_1", name: "Maya Okafor", email: "agent@northwind.test" },
    decision: {
      mode: "execute_with_approval",
      effect: "require_approval",
      approvalsRequired: 1,
      policyVersion: null,
      permissionsVersion: null,
      rolloutMode: "assistive",
      ruleIds: ["matrix"],
      reasons: ["Your role's mode is execute_with_approval."],
    },
    approvals: [],
    result: null,
    error: null,
    createdAt: "2026-03-01T12:00:00.000Z",
    expiresAt: "2026-03-02T12:00:00.000Z",
    executedAt: null,
    ...overrides,
  };
}
