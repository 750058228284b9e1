import type { Prisma } from "@keel/db";
import { ACTIONS, actionMode, type TActionId, type TGovernanceDecision } from "@keel/shared";
import type { TActor } from "../actor";

export type TGovernanceInput = {
  actor: TActor;
  actionId: TActionId;
  params: Record<string, unknown>;
  customer: { verified: boolean; tier: string };
  /** A human clicked to confirm this exact request. */
  confirmed: boolean;
};

/**
 * The one place that decides whether a governed action executes, waits for approval, or is denied:
 * the tenant's permission matrix, then its published policy, then its rollout mode.
 */
export async function decideGovernance(
  tx: Prisma.TransactionClient,
  input: TGovernanceInput,
): Promise<TGovernanceDecision> {
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: input.actor.tenant.id },
    select: { rolloutMode: true },
  });
  const mode = actionMode(input.actor.role, input.actionId);
  const risk = ACTIONS[input.actionId].risk;
  const base = {
    mode,
    approvalsRequired: 0,
    policyVersion: null,
    permissionsVersion: null,
    rolloutMode: tenant.rolloutMode,
  };
  if (mode === "deny" || mode === "read") {
    return {
      ...base,
      effect: "deny",
      ruleIds: ["matrix"],
      reasons: [`Your role (${input.actor.role}) may not run ${input.actionId}.`],
    };
  }
  if (input.actionId === "account.sendPasswordReset" && !input.customer.verified) {
    return {
      ...base,
      effect: "deny",
      ruleIds: ["password-reset-needs-verified-identity"],
      reasons: ["The customer's identity must be verified first."],
    };
  }
  if (mode === "draft" || mode === "execute_with_approval") {
    return {
      ...base,
      effect: "require_approval",
      approvalsRequired: 1,
      ruleIds: ["matrix"],
      reasons: [`Your role's mode is ${mode}.`],
    };
  }
  if (tenant.rolloutMode === "assistive" && risk !== "low" && !input.confirmed) {
    return {
      ...base,
      effect: "deny",
      ruleIds: ["rollout-assistive-confirm"],
      reasons: ["Assistive mode: confirm the action to run it."],
    };
  }
  return { ...base, effect: "execute", ruleIds: ["matrix"], reasons: ["Allowed by your role."] };
}
