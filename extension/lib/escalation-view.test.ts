import type { TEscalationView } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { confidencePercent, currentEscalation, triggerLabel } from "./escalation-view";

const escalation = (id: string, status: TEscalationView["status"], createdAt: string): TEscalationView => ({
  id,
  ticketId: "tkt_1",
  trigger: "low_confidence",
  status,
  bundle: {
    customerRequest: "help",
    facts: [],
    actionsTaken: [],
    confidence: 0.2,
    citedSources: [],
    trigger: "low_confidence",
    triggerDetail: "confidence 0.20 against the threshold 0.60",
  },
  createdAt,
  createdBy: "Maya",
  takenBy: null,
});

describe("escalation view", () => {
  it("names triggers for humans", () => {
    expect(triggerLabel("customer_requested_human")).toBe("Customer asked for a human");
    expect(triggerLabel("something_new")).toBe("something_new");
  });

  it("shows confidence as a percentage", () => {
    expect(confidencePercent(0.27)).toBe("27%");
    expect(confidencePercent(1.4)).toBe("100%");
  });

  it("picks the newest escalation still in progress", () => {
    const list = [
      escalation("old", "open", "2026-03-01T10:00:00.000Z"),
      escalation("done", "resolved", "2026-03-01T12:00:00.000Z"),
      escalation("taken", "taken", "2026-03-01T11:00:00.000Z"),
    ];
    expect(currentEscalation(list)?.id).toBe("taken");
    expect(currentEscalation([list[1] as TEscalationView])?.id).toBe("done");
    expect(currentEscalation([])).toBeNull();
  });
});
