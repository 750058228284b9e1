import { describe, expect, it } from "vitest";
import {
  approvalProgress,
  describeRequest,
  paramFacts,
  resultFacts,
  resultSummary,
  shouldPoll,
  sortRequests,
  statusChanges,
} from "./request-view";
import { CONTEXT, requestView } from "./testing/governance-fixtures";

describe("polling", () => {
  it("polls while a request waits for approval or runs, and stops when all are settled", () => {
    expect(shouldPoll([])).toBe(false);
    expect(shouldPoll([{ status: "executed" }, { status: "pending_approval" }])).toBe(true);
    expect(shouldPoll([{ status: "executing" }])).toBe(true);
    expect(shouldPoll([{ status: "approved" }])).toBe(true);
    expect(shouldPoll([{ status: "executed" }, { status: "rejected" }, { status: "void" }])).toBe(false);
  });
});

describe("human form", () => {
  it("describes parameters with the context's names", () => {
    const params = { ticketId: "tkt_1", orderId: "ord_1", amount: 20, currency: "USD" };
    expect(describeRequest("order.refund", params, CONTEXT)).toBe("Refund $20.00 on NW-48213");
    expect(paramFacts(params, CONTEXT)).toEqual([
      { label: "Order", value: "NW-48213" },
      { label: "Amount", value: "$20.00" },
    ]);
    expect(describeRequest("order.refund", { ...params, orderId: "ord_9" }, null)).toBe(
      "Refund $20.00 on ord_9",
    );
  });

  it("describes every kind of request in one line", () => {
    const t = { ticketId: "tkt_1" };
    expect(describeRequest("ticket.setStatus", { ...t, status: "solved" }, CONTEXT)).toBe(
      "Set the status to Solved",
    );
    expect(describeRequest("ticket.addTags", { ...t, tags: ["a", "b"] }, CONTEXT)).toBe("Add tags: a, b");
    expect(describeRequest("customer.requestVerification", { ...t, customerId: "cus_1" }, CONTEXT)).toBe(
      "Ask Hannah Weiss to verify their identity",
    );
    expect(describeRequest("ticket.assignQueue", { ...t, queue: "billing" }, CONTEXT)).toBe(
      "Move to the Billing queue",
    );
    expect(
      describeRequest("account.changeOwner", { ...t, accountId: "acc_1", newOwnerEmail: "x@y.z" }, CONTEXT),
    ).toBe("Transfer Hannah's store account to x@y.z");
    expect(describeRequest("ticket.addInternalNote", { ...t, body: "x".repeat(80) }, CONTEXT)).toMatch(/…”$/);
  });

  it("shows results without internal ids", () => {
    expect(
      resultFacts(
        { ledgerEntryId: "led_1", order: "NW-48213", refunded: "20.00 USD", ticketId: "tkt_1" },
        CONTEXT,
      ),
    ).toEqual([
      { label: "Ledger entry", value: "led_1" },
      { label: "Order", value: "NW-48213" },
      { label: "Refunded", value: "20.00 USD" },
    ]);
    expect(resultFacts({ ticketId: "tkt_1", from: "open", to: "solved" }, CONTEXT)).toEqual([
      { label: "From", value: "Open" },
      { label: "To", value: "Solved" },
    ]);
    expect(resultFacts(null, CONTEXT)).toEqual([]);
  });

  it("counts approvals", () => {
    expect(approvalProgress(requestView())).toBe("0 of 1 approval");
    const two = requestView({
      decision: { ...requestView().decision, approvalsRequired: 2 },
      approvals: [
        { approverName: "Sam", decision: "approve", reason: "ok", createdAt: "2026-03-01T12:00:00.000Z" },
      ],
    });
    expect(approvalProgress(two)).toBe("1 of 2 approvals");
  });
});

describe("status changes", () => {
  it("announces requests whose status changed, not new ones", () => {
    const before = new Map([["act_1", "pending_approval" as const]]);
    const next = [
      requestView({ status: "executed" }),
      requestView({ id: "act_2", actionId: "ticket.addTags", status: "executed" }),
    ];
    expect(statusChanges(before, next)).toEqual(["Refund order: executed."]);
    expect(statusChanges(new Map([["act_1", "executed"]]), next)).toEqual([]);
  });

  it("sorts newest first", () => {
    const old = requestView({ id: "a", createdAt: "2026-03-01T10:00:00.000Z" });
    const recent = requestView({ id: "b", createdAt: "2026-03-01T11:00:00.000Z" });
    expect(sortRequests([old, recent]).map((r) => r.id)).toEqual(["b", "a"]);
  });
});

describe("result summary", () => {
  it("says what an executed request did in one line, without the ledger id", () => {
    expect(resultSummary({ ledgerEntryId: "rfd_1", order: "NW-48213", refunded: "20.00 USD" }, CONTEXT)).toBe(
      "Order: NW-48213 · Refunded: 20.00 USD",
    );
    expect(resultSummary(null, CONTEXT)).toBe("");
  });
});
