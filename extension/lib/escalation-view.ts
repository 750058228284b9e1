import type { TEscalationView } from "@keel/shared";
import type { TTone } from "./request-view";

export type TTrigger = TEscalationView["trigger"];

/** The escalation rules' named triggers, as a human reads them. */
export const TRIGGER_LABEL: Record<TTrigger, string> = {
  low_confidence: "Low confidence",
  policy_must_escalate: "Policy says a human must handle it",
  policy_silent: "Policy has no answer",
  customer_requested_human: "Customer asked for a human",
  high_risk_action: "High-risk action",
  identity_verification_needed: "Identity verification needed",
  agent_requested: "Handed off by an agent",
};

export const triggerLabel = (trigger: string): string =>
  trigger in TRIGGER_LABEL ? TRIGGER_LABEL[trigger as TTrigger] : trigger;

export const ESCALATION_STATUS: Record<TEscalationView["status"], { label: string; tone: TTone }> = {
  open: { label: "Waiting for a human", tone: "warning" },
  taken: { label: "Taken over", tone: "info" },
  resolved: { label: "Resolved", tone: "success" },
};

/** 0.27 → "27%". */
export function confidencePercent(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** The escalation the sidebar shows for a ticket: the newest still open or taken, else the newest. */
export function currentEscalation(escalations: readonly TEscalationView[]): TEscalationView | null {
  const newest = [...escalations].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return newest.find((e) => e.status !== "resolved") ?? newest[0] ?? null;
}
