import {
  ACTION_IDS,
  ACTION_MODES,
  ACTIONS,
  actionMode,
  DEFAULT_ACTION_MODES,
  matrixProblems,
  ROLES,
  type TActionId,
  type TPermissionMatrix,
  type TRiskBand,
  type TRole,
  ZPermissionMatrix,
} from "@keel/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { COMBINE_RULES, combine, DEFAULT_AUTOMATION_ALLOWLIST, type TGovernanceEffect } from "./combine";
import { DEFAULT_POLICY_SOURCE } from "./defaults/default-policy";
import { decidePolicy, initPolicyEngine, type TPolicyEffect, type TRolloutMode } from "./engine";

/*
 * The generated governance matrix: every role x every catalog action x every rollout mode x an allowed
 * and a denied tenant matrix x confirmed or not, through the real engine with the built-in policy and
 * combine(). Expectations come from the tables below (the rules of docs/decisions/005), not from the code.
 */

const ROLLOUT_MODES: TRolloutMode[] = ["assistive", "controlled", "scale"];

/** The fixture request: a refund of 30 for a verified, standard-tier customer. */
const FIXTURE = { amount: 30, currency: "USD", customerVerified: true, customerTier: "standard" };
const PARAMS: Partial<Record<TActionId, Record<string, unknown>>> = {
  "ticket.setStatus": { status: "pending" },
  "ticket.addTags": { tags: ["billing"] },
  "ticket.assignQueue": { queue: "billing" },
};

/** What the built-in policy says about the fixture, by action (auditors are refused every write). */
function expectedPolicy(
  role: TRole,
  action: TActionId,
  rollout: TRolloutMode,
): { effect: TPolicyEffect; approvals: number } {
  const writes = ACTIONS[action].changes !== "nothing";
  if (role === "auditor" && writes) return { effect: "deny", approvals: 0 };
  switch (action) {
    case "order.refund":
      return role === "supervisor"
        ? { effect: "allow", approvals: 0 }
        : { effect: "require_approval", approvals: 1 };
    case "account.changeOwner":
      return { effect: "require_approval", approvals: rollout === "assistive" ? 2 : 1 };
    case "account.revokeAccess":
      return { effect: "require_approval", approvals: 1 };
    default:
      return { effect: "allow", approvals: 0 };
  }
}

/** Whether an allowed action runs without a human click: by rollout mode and risk band. */
const RUNS_WITHOUT_CLICK: Record<TRolloutMode, Record<TRiskBand, "yes" | "no" | "allowlist">> = {
  assistive: { low: "yes", medium: "no", high: "no" },
  controlled: { low: "yes", medium: "allowlist", high: "no" },
  scale: { low: "yes", medium: "yes", high: "no" },
};

type Expected = { effect: TGovernanceEffect; approvals: number; confirmRequired?: boolean };

function expected(
  mode: (typeof ACTION_MODES)[number],
  policy: { effect: TPolicyEffect; approvals: number },
  action: TActionId,
  rollout: TRolloutMode,
  confirmed: boolean,
): Expected {
  if (mode === "deny" || mode === "read") return { effect: "deny", approvals: 0 };
  if (policy.effect === "deny") return { effect: "deny", approvals: 0 };
  if (mode === "draft" || mode === "execute_with_approval") {
    return { effect: "require_approval", approvals: Math.max(1, policy.approvals) };
  }
  if (policy.effect === "require_approval")
    return { effect: "require_approval", approvals: policy.approvals };
  const automatic = RUNS_WITHOUT_CLICK[rollout][ACTIONS[action].risk];
  const runs =
    automatic === "yes" ||
    (automatic === "allowlist" && DEFAULT_AUTOMATION_ALLOWLIST.includes(action)) ||
    confirmed;
  return runs ? { effect: "execute", approvals: 0 } : { effect: "deny", approvals: 0, confirmRequired: true };
}

function deniedVariant(role: TRole, action: TActionId): TPermissionMatrix {
  const matrix = structuredClone(DEFAULT_ACTION_MODES) as TPermissionMatrix;
  matrix[role][action] = "deny";
  return matrix;
}

beforeAll(async () => {
  await initPolicyEngine();
});

describe("permission matrix completeness", () => {
  it("gives every role a valid mode for every action", () => {
    for (const role of ROLES) {
      for (const action of ACTION_IDS) {
        expect(DEFAULT_ACTION_MODES[role]?.[action], `${role} × ${action}`).toBeOneOf([...ACTION_MODES]);
      }
    }
    expect(ZPermissionMatrix.safeParse(DEFAULT_ACTION_MODES).success).toBe(true);
    expect(matrixProblems(DEFAULT_ACTION_MODES)).toEqual([]);
  });

  it("refuses a matrix with a missing cell, an unknown mode or an auditor who writes", () => {
    const missing = structuredClone(DEFAULT_ACTION_MODES) as Record<string, Record<string, string>>;
    delete missing.agent?.["order.refund"];
    expect(ZPermissionMatrix.safeParse(missing).success).toBe(false);
    const unknown = structuredClone(DEFAULT_ACTION_MODES) as Record<string, Record<string, string>>;
    (unknown.agent as Record<string, string>)["order.refund"] = "sometimes";
    expect(ZPermissionMatrix.safeParse(unknown).success).toBe(false);
    const writer = structuredClone(DEFAULT_ACTION_MODES) as TPermissionMatrix;
    writer.auditor["ticket.addInternalNote"] = "execute";
    expect(matrixProblems(writer)).toHaveLength(1);
    // Even if such a matrix were stored, the auditor gets "deny".
    expect(actionMode("auditor", "ticket.addInternalNote", writer)).toBe("deny");
  });
});

describe("generated governance matrix: role × action × rollout mode × tenant matrix × confirmation", () => {
  const cases: Array<[TRole, TActionId, TRolloutMode, "allowed" | "denied", boolean]> = [];
  for (const role of ROLES)
    for (const action of ACTION_IDS)
      for (const rollout of ROLLOUT_MODES)
        for (const variant of ["allowed", "denied"] as const)
          for (const confirmed of [false, true]) cases.push([role, action, rollout, variant, confirmed]);

  it("covers every combination", () => {
    expect(cases).toHaveLength(ROLES.length * ACTION_IDS.length * ROLLOUT_MODES.length * 2 * 2);
  });

  it.each(cases)("%s · %s · %s · %s matrix · confirmed=%s", (role, action, rollout, variant, confirmed) => {
    const matrix = variant === "allowed" ? DEFAULT_ACTION_MODES : deniedVariant(role, action);
    const mode = actionMode(role, action, matrix);
    const policy = decidePolicy({
      tenantId: "ten_matrix",
      policy: { version: null, source: DEFAULT_POLICY_SOURCE },
      principal: { userId: "usr_matrix", role },
      action,
      risk: ACTIONS[action].risk,
      params: PARAMS[action] ?? {},
      context: { ...FIXTURE, rolloutMode: rollout },
    });
    const wantPolicy = expectedPolicy(role, action, rollout);
    expect({ effect: policy.effect, approvals: policy.approvalsRequired }).toEqual(wantPolicy);
    expect(policy.ruleIds.length).toBeGreaterThan(0);

    const outcome = combine({ action, mode, policy, rolloutMode: rollout, confirmed });
    const want = expected(mode, wantPolicy, action, rollout, confirmed);
    expect({ effect: outcome.effect, approvals: outcome.approvalsRequired }).toEqual({
      effect: want.effect,
      approvals: want.approvals,
    });
    if (variant === "denied") expect(outcome.ruleIds).toEqual([COMBINE_RULES.matrixDeny]);
    if (want.confirmRequired) {
      expect(outcome.ruleIds).toContain(COMBINE_RULES.confirmRequired);
      expect(outcome.reasons[0]).toMatch(/^confirm required/);
    }
    expect(outcome.reasons.length).toBeGreaterThan(0);
  });
});

describe("combine, spot checks", () => {
  const allow = {
    effect: "allow" as const,
    approvalsRequired: 0,
    mustEscalate: false,
    ruleIds: ["p"],
    reasons: [],
  };

  it("runs a supervisor's small refund only after a click, in every rollout mode", () => {
    for (const rolloutMode of ROLLOUT_MODES) {
      expect(
        combine({ action: "order.refund", mode: "execute", policy: allow, rolloutMode, confirmed: false })
          .effect,
      ).toBe("deny");
      expect(
        combine({ action: "order.refund", mode: "execute", policy: allow, rolloutMode, confirmed: true })
          .effect,
      ).toBe("execute");
    }
  });

  it("automates allow-listed medium actions in controlled mode, and a tenant's own list replaces the default", () => {
    const tags = {
      action: "ticket.addTags" as const,
      mode: "execute" as const,
      policy: allow,
      confirmed: false,
    };
    expect(combine({ ...tags, rolloutMode: "controlled" }).effect).toBe("execute");
    expect(combine({ ...tags, rolloutMode: "assistive" }).effect).toBe("deny");
    expect(combine({ ...tags, rolloutMode: "controlled", automationAllowlist: [] }).effect).toBe("deny");
    expect(combine({ ...tags, action: "ticket.setStatus", rolloutMode: "controlled" }).effect).toBe("deny");
  });

  it("never asks fewer approvals than the policy, and at least one for execute_with_approval", () => {
    const two = { ...allow, effect: "require_approval" as const, approvalsRequired: 2 };
    const input = { action: "order.refund" as const, rolloutMode: "scale" as const, confirmed: true };
    expect(combine({ ...input, mode: "execute_with_approval", policy: two }).approvalsRequired).toBe(2);
    expect(combine({ ...input, mode: "execute_with_approval", policy: allow }).approvalsRequired).toBe(1);
    expect(combine({ ...input, mode: "draft", policy: allow }).approvalsRequired).toBe(1);
  });

  it("passes the policy's must-escalate through, and a policy denial wins over any mode", () => {
    const escalate = { ...allow, mustEscalate: true };
    expect(
      combine({
        action: "order.cancel",
        mode: "execute",
        policy: escalate,
        rolloutMode: "scale",
        confirmed: true,
      }),
    ).toMatchObject({ effect: "execute", mustEscalate: true });
    const denied = { ...allow, effect: "deny" as const, ruleIds: ["no"], reasons: ["because"] };
    expect(
      combine({
        action: "order.cancel",
        mode: "execute",
        policy: denied,
        rolloutMode: "scale",
        confirmed: true,
      }),
    ).toMatchObject({ effect: "deny", ruleIds: ["no"], reasons: ["because"] });
  });

  it("runs nothing on a ticket flagged for injected instructions without a click, in any rollout mode", () => {
    for (const rolloutMode of ROLLOUT_MODES) {
      for (const action of ["ticket.addTags", "ticket.addInternalNote", "ticket.setStatus"] as const) {
        const flagged = {
          action,
          mode: "execute" as const,
          policy: allow,
          rolloutMode,
          injectionFlagged: true,
        };
        const refused = combine({ ...flagged, confirmed: false });
        expect(refused.effect).toBe("deny");
        expect(refused.ruleIds).toContain(COMBINE_RULES.injectionFlagged);
        expect(refused.reasons[0]).toMatch(/aimed at the copilot/);
        expect(combine({ ...flagged, confirmed: true }).effect).toBe("execute");
      }
    }
    // The same request on a clean ticket runs automatically where the rollout mode allows it.
    expect(
      combine({
        action: "ticket.addTags",
        mode: "execute",
        policy: allow,
        rolloutMode: "scale",
        confirmed: false,
      }).effect,
    ).toBe("execute");
    // Approvals are people's decisions already: a flag changes nothing there.
    const two = { ...allow, effect: "require_approval" as const, approvalsRequired: 2 };
    expect(
      combine({
        action: "order.refund",
        mode: "execute",
        policy: two,
        rolloutMode: "scale",
        confirmed: false,
        injectionFlagged: true,
      }),
    ).toMatchObject({ effect: "require_approval", approvalsRequired: 2 });
  });
});
