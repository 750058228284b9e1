import { describe, expect, it } from "vitest";
import { approvalsNeededText, approverRoles, requestableActions, whatHappensText } from "./action-catalog";
import { CONTEXT } from "./testing/governance-fixtures";

describe("requestableActions", () => {
  it("lists the write actions the caller may request, grouped by risk, without deny and read", () => {
    const groups = requestableActions(CONTEXT.modes);
    expect(groups.map((g) => [g.risk, g.actions.map((a) => a.id)])).toEqual([
      [
        "medium",
        ["ticket.setStatus", "ticket.addTags", "ticket.addInternalNote", "customer.requestVerification"],
      ],
      ["high", ["order.refund", "order.cancel", "account.changeOwner", "account.sendPasswordReset"]],
    ]);
  });

  it("marks draft and execute-with-approval as needing approval", () => {
    const high = requestableActions(CONTEXT.modes).find((g) => g.risk === "high")?.actions ?? [];
    expect(high.map((a) => [a.id, a.needsApproval])).toEqual([
      ["order.refund", true],
      ["order.cancel", true],
      ["account.changeOwner", true],
      ["account.sendPasswordReset", true],
    ]);
    const medium = requestableActions(CONTEXT.modes).find((g) => g.risk === "medium")?.actions ?? [];
    expect(medium.every((a) => !a.needsApproval)).toBe(true);
  });

  it("offers nothing to a role without rights (an auditor) or when the server lists no modes", () => {
    const auditor = Object.fromEntries(Object.keys(CONTEXT.modes).map((id) => [id, "deny" as const]));
    expect(requestableActions(auditor)).toEqual([]);
    expect(requestableActions({})).toEqual([]);
  });
});

describe("texts", () => {
  it("names who approves", () => {
    expect(approverRoles()).toBe("a supervisor or admin");
    expect(approvalsNeededText(1)).toBe("1 approval from a supervisor or admin");
    expect(approvalsNeededText(2)).toBe("2 approvals from a supervisor or admin");
  });

  it("says what happens on confirm, including assistive mode", () => {
    expect(whatHappensText({ needsApproval: true }, "assistive")).toMatch(/runs only after a supervisor/);
    expect(whatHappensText({ needsApproval: false }, "assistive")).toBe(
      "Assistive mode: this action runs only after you confirm it.",
    );
    expect(whatHappensText({ needsApproval: false }, "scale")).toBe(
      "This action runs as soon as you confirm it.",
    );
  });
});
