import { ACTIONS, type TActionId, type TActionMode } from "@keel/shared";
import type { TPolicyDecision, TRolloutMode } from "./engine";

/*
 * The governance combination: the role's mode in the tenant's permission matrix, the policy's decision
 * and the tenant's rollout mode give one outcome. Pure; the action service calls it with the decision
 * from decidePolicy. Rules, in order (docs/decisions/005-policy-as-code-with-cedar.md):
 *   1. mode deny or read                      -> deny (the role may not run the action)
 *   2. the policy denies                      -> deny (policy reasons)
 *   3. mode draft                             -> require_approval, max(1, policy approvals)
 *   4. mode execute_with_approval             -> require_approval, max(1, policy approvals)
 *   5. mode execute, policy requires approval -> require_approval (policy approvals)
 *   6. mode execute, policy allows            -> execute, unless the rollout mode wants a human click
 *      that was not given (deny, "confirm required"), or the ticket is flagged for instructions aimed at
 *      the copilot (then every action needs a click, whatever the rollout mode: "safety:injection-flagged"):
 *        assistive   low: automatic; medium and high: confirmed only
 *        controlled  low and allow-listed medium: automatic; other medium and high: confirmed only
 *        scale       low and medium: automatic; high: confirmed only
 * Approvals are human decisions themselves, so require_approval never also needs a confirmation.
 * mustEscalate passes through from the policy unchanged.
 */

export type TGovernanceEffect = "execute" | "require_approval" | "deny";

export type TCombineInput = {
  action: TActionId;
  /** The role's mode for the action in the tenant's effective permission matrix. */
  mode: TActionMode;
  policy: TPolicyDecision;
  rolloutMode: TRolloutMode;
  /** A human clicked to confirm this exact request. */
  confirmed: boolean;
  /** Medium-risk actions that may run without a click in controlled mode; defaults below. */
  automationAllowlist?: readonly TActionId[];
  /** The ticket holds text aimed at the copilot: nothing runs without a person's click. */
  injectionFlagged?: boolean;
};

export type TCombined = {
  effect: TGovernanceEffect;
  approvalsRequired: number;
  mustEscalate: boolean;
  /** Policy rule ids plus the built-in rule that shaped the outcome ("matrix:*", "rollout:*"). */
  ruleIds: string[];
  reasons: string[];
};

/**
 * Medium-risk actions controlled automation may run without a click: internal bookkeeping only, nothing
 * the customer sees (setting a status and asking for verification both reach the customer).
 */
export const DEFAULT_AUTOMATION_ALLOWLIST: readonly TActionId[] = [
  "ticket.addTags",
  "ticket.addInternalNote",
  "ticket.assignQueue",
];

export const CONFIRM_REQUIRED = "confirm required";

/** Built-in rule ids combine adds to a decision. */
export const COMBINE_RULES = {
  matrixDeny: "matrix:deny",
  matrixRead: "matrix:read",
  matrixDraft: "matrix:draft",
  matrixApproval: "matrix:execute_with_approval",
  matrixExecute: "matrix:execute",
  confirmRequired: "rollout:confirm-required",
  automatic: "rollout:automatic",
  confirmed: "rollout:confirmed",
  injectionFlagged: "safety:injection-flagged",
} as const;

/** Whether the rollout mode lets this action run without a human click. */
export function runsWithoutClick(
  action: TActionId,
  rolloutMode: TRolloutMode,
  allowlist: readonly TActionId[] = DEFAULT_AUTOMATION_ALLOWLIST,
): boolean {
  const risk = ACTIONS[action].risk;
  if (risk === "low") return true;
  if (risk === "high") return false;
  if (rolloutMode === "scale") return true;
  if (rolloutMode === "controlled") return allowlist.includes(action);
  return false;
}

/** Combines matrix mode, policy decision and rollout mode into what happens now. */
export function combine(input: TCombineInput): TCombined {
  const { action, mode, policy, rolloutMode, confirmed } = input;
  const mustEscalate = policy.mustEscalate;

  if (mode === "deny" || mode === "read") {
    return {
      effect: "deny",
      approvalsRequired: 0,
      mustEscalate,
      ruleIds: [mode === "deny" ? COMBINE_RULES.matrixDeny : COMBINE_RULES.matrixRead],
      reasons: [
        mode === "deny" ? `Your role may not use ${action}.` : `Your role may see ${action} but not run it.`,
      ],
    };
  }
  if (policy.effect === "deny") {
    return {
      effect: "deny",
      approvalsRequired: 0,
      mustEscalate,
      ruleIds: policy.ruleIds,
      reasons: policy.reasons,
    };
  }
  if (mode === "draft" || mode === "execute_with_approval") {
    const approvals = Math.max(1, policy.approvalsRequired);
    return {
      effect: "require_approval",
      approvalsRequired: approvals,
      mustEscalate,
      ruleIds: [
        mode === "draft" ? COMBINE_RULES.matrixDraft : COMBINE_RULES.matrixApproval,
        ...policy.ruleIds,
      ],
      reasons: [
        mode === "draft"
          ? "Your role drafts this action; someone else must approve it."
          : "Your role needs approval for this action.",
        ...policy.reasons,
      ],
    };
  }
  // mode === "execute": the policy decides.
  if (policy.effect === "require_approval") {
    return {
      effect: "require_approval",
      approvalsRequired: Math.max(1, policy.approvalsRequired),
      mustEscalate,
      ruleIds: [COMBINE_RULES.matrixExecute, ...policy.ruleIds],
      reasons: policy.reasons,
    };
  }
  if (!input.injectionFlagged && runsWithoutClick(action, rolloutMode, input.automationAllowlist)) {
    return {
      effect: "execute",
      approvalsRequired: 0,
      mustEscalate,
      ruleIds: [COMBINE_RULES.matrixExecute, ...policy.ruleIds, COMBINE_RULES.automatic],
      reasons: [
        `Your role may run ${action}, the policy allows it, and ${rolloutMode} mode runs it without a click.`,
        ...policy.reasons,
      ],
    };
  }
  if (confirmed) {
    return {
      effect: "execute",
      approvalsRequired: 0,
      mustEscalate,
      ruleIds: [COMBINE_RULES.matrixExecute, ...policy.ruleIds, COMBINE_RULES.confirmed],
      reasons: [
        `Your role may run ${action}, the policy allows it, and a person confirmed it.`,
        ...policy.reasons,
      ],
    };
  }
  if (input.injectionFlagged) {
    return {
      effect: "deny",
      approvalsRequired: 0,
      mustEscalate,
      ruleIds: [COMBINE_RULES.matrixExecute, ...policy.ruleIds, COMBINE_RULES.injectionFlagged],
      reasons: [
        `${CONFIRM_REQUIRED}: this ticket contains text aimed at the copilot, so a person must confirm ${action} before it runs.`,
        ...policy.reasons,
      ],
    };
  }
  return {
    effect: "deny",
    approvalsRequired: 0,
    mustEscalate,
    ruleIds: [COMBINE_RULES.matrixExecute, ...policy.ruleIds, COMBINE_RULES.confirmRequired],
    reasons: [
      `${CONFIRM_REQUIRED}: in ${rolloutMode} mode a person must confirm ${action} before it runs.`,
      ...policy.reasons,
    ],
  };
}
