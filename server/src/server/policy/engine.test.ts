import { ACTIONS, type TActionId, type TRole } from "@keel/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SOURCE } from "./defaults/default-policy";
import {
  BUILTIN_RULES,
  decidePolicy,
  initPolicyEngine,
  type TPolicyInput,
  type TRolloutMode,
  validatePolicySource,
} from "./engine";

beforeAll(async () => {
  await initPolicyEngine();
});

type Overrides = {
  role?: TRole;
  action?: TActionId;
  amount?: number;
  verified?: boolean;
  tier?: string;
  rolloutMode?: TRolloutMode;
  params?: Record<string, unknown>;
  policy?: { version: number | null; source: string };
  tenantId?: string;
};

function request(o: Overrides = {}): TPolicyInput {
  const action = o.action ?? "order.refund";
  return {
    tenantId: o.tenantId ?? "ten_unit",
    policy: o.policy ?? { version: null, source: DEFAULT_POLICY_SOURCE },
    principal: { userId: "usr_unit", role: o.role ?? "supervisor" },
    action,
    risk: ACTIONS[action].risk,
    params: o.params ?? {},
    context: {
      amount: o.amount ?? 30,
      currency: "USD",
      customerVerified: o.verified ?? true,
      customerTier: o.tier ?? "standard",
      rolloutMode: o.rolloutMode ?? "controlled",
    },
  };
}

describe("the built-in policy", () => {
  it("validates against Keel's schema", () => {
    const result = validatePolicySource(DEFAULT_POLICY_SOURCE);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.ruleIds).toContain("refund-over-500-two-approvals");
  });

  it("lets a supervisor refund 30 without approval", () => {
    expect(decidePolicy(request({ role: "supervisor", amount: 30 }))).toEqual({
      effect: "allow",
      approvalsRequired: 0,
      mustEscalate: false,
      ruleIds: ["refund-up-to-50-supervisor"],
      reasons: ["Supervisors may refund up to 50 without approval"],
    });
  });

  it("treats exactly 50 as up to 50 and 50.01 as above", () => {
    expect(decidePolicy(request({ amount: 50 })).effect).toBe("allow");
    expect(decidePolicy(request({ amount: 50.01 }))).toMatchObject({
      effect: "require_approval",
      approvalsRequired: 1,
    });
  });

  it("asks one approval for a supervisor's refund of 120", () => {
    const decision = decidePolicy(request({ role: "supervisor", amount: 120 }));
    expect(decision).toMatchObject({
      effect: "require_approval",
      approvalsRequired: 1,
      ruleIds: ["refund-needs-approval"],
    });
    expect(decision.reasons[0]).toMatch(/above 50/);
  });

  it("asks two approvals for a refund of 900, whoever asks", () => {
    for (const role of ["agent", "supervisor", "admin"] as const) {
      const decision = decidePolicy(request({ role, amount: 900 }));
      expect(decision, role).toMatchObject({ effect: "require_approval", approvalsRequired: 2 });
      expect(decision.ruleIds, role).toContain("refund-over-500-two-approvals");
    }
  });

  it("asks one approval when an agent refunds even a small amount", () => {
    expect(decidePolicy(request({ role: "agent", amount: 10 }))).toMatchObject({
      effect: "require_approval",
      approvalsRequired: 1,
    });
  });

  it("denies a password reset for an unverified customer, with the reason", () => {
    const decision = decidePolicy(
      request({ role: "supervisor", action: "account.sendPasswordReset", verified: false }),
    );
    expect(decision.effect).toBe("deny");
    expect(decision.ruleIds).toEqual(["password-reset-requires-verified-identity"]);
    expect(decision.reasons[0]).toMatch(/verified customer identity/);
  });

  it("allows the password reset once the customer is verified", () => {
    expect(decidePolicy(request({ action: "account.sendPasswordReset", verified: true })).effect).toBe(
      "allow",
    );
  });

  it("escalates high-risk actions for premium and enterprise customers, not for standard ones", () => {
    for (const tier of ["premium", "enterprise"]) {
      const decision = decidePolicy(request({ action: "order.cancel", tier }));
      expect(decision, tier).toMatchObject({ effect: "allow", mustEscalate: true });
      expect(decision.ruleIds, tier).toContain("key-account-high-risk-escalates");
    }
    expect(decidePolicy(request({ action: "order.cancel", tier: "standard" })).mustEscalate).toBe(false);
    expect(
      decidePolicy(request({ action: "ticket.addTags", tier: "enterprise", params: { tags: ["x"] } }))
        .mustEscalate,
    ).toBe(false);
  });

  it("asks two approvals for an ownership change while the tenant is assistive, one otherwise", () => {
    const change = (rolloutMode: TRolloutMode) =>
      decidePolicy(request({ action: "account.changeOwner", rolloutMode })).approvalsRequired;
    expect(change("assistive")).toBe(2);
    expect(change("controlled")).toBe(1);
    expect(change("scale")).toBe(1);
  });

  it("never lets an auditor write, even if asked directly", () => {
    const decision = decidePolicy(request({ role: "auditor", action: "ticket.addInternalNote" }));
    expect(decision).toMatchObject({ effect: "deny", ruleIds: ["auditors-never-write"] });
  });

  it("allows everyday low and medium risk work", () => {
    expect(decidePolicy(request({ role: "agent", action: "ticket.summarize" })).effect).toBe("allow");
    expect(
      decidePolicy(request({ role: "agent", action: "ticket.setStatus", params: { status: "solved" } }))
        .effect,
    ).toBe("allow");
  });
});

describe("failing closed", () => {
  it("denies everything under a policy that does not parse", () => {
    const garbage = {
      version: 7,
      source: "permit (principal, action, resource) when { 1 + };\n this is not cedar",
    };
    for (const action of ["ticket.summarize", "order.refund"] as const) {
      const decision = decidePolicy(request({ action, policy: garbage }));
      expect(decision.effect).toBe("deny");
      expect(decision.ruleIds).toEqual([BUILTIN_RULES.invalidPolicy]);
      expect(decision.reasons[0]).toMatch(/v7 is invalid \(line \d\): /);
    }
  });

  it("denies under a policy that parses but does not validate (a misspelt action)", () => {
    const typo = {
      version: 2,
      source: '@id("a")\npermit (principal, action == Keel::Action::"order.refnd", resource);',
    };
    expect(decidePolicy(request({ policy: typo })).ruleIds).toEqual([BUILTIN_RULES.invalidPolicy]);
  });

  it("denies with keel:no-permit when no rule permits", () => {
    const narrow = {
      version: 3,
      source:
        '@id("only-notes")\npermit (principal, action == Keel::Action::"ticket.addInternalNote", resource);',
    };
    expect(decidePolicy(request({ policy: narrow, action: "order.cancel" }))).toMatchObject({
      effect: "deny",
      ruleIds: [BUILTIN_RULES.noPermit],
    });
  });

  it("denies a refund without an amount, and a request whose risk band is wrong", () => {
    const missing = request();
    delete missing.context.amount;
    expect(decidePolicy(missing)).toMatchObject({ effect: "deny", ruleIds: [BUILTIN_RULES.badRequest] });
    expect(decidePolicy({ ...request(), risk: "low" })).toMatchObject({
      effect: "deny",
      ruleIds: [BUILTIN_RULES.badRequest],
    });
    expect(decidePolicy(request({ action: "ticket.setStatus", params: {} }))).toMatchObject({
      effect: "deny",
      ruleIds: [BUILTIN_RULES.badRequest],
    });
  });

  it("recompiles when a tenant's version keeps its number but changes its text", () => {
    const v1 = { version: 1, source: '@id("all")\npermit (principal, action, resource);' };
    const v1b = { version: 1, source: '@id("none")\nforbid (principal, action, resource);' };
    expect(decidePolicy(request({ tenantId: "ten_x", policy: v1 })).effect).toBe("allow");
    expect(decidePolicy(request({ tenantId: "ten_x", policy: v1b })).effect).toBe("deny");
  });
});

describe("validation", () => {
  it("places parse errors on their line and column", () => {
    const result = validatePolicySource('@id("a")\npermit (principal, action, resource)\n  when { 1 + };');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ line: 3, column: 14 });
  });

  it("reports misspelt actions, roles and attributes with the rule they are in", () => {
    const source = [
      '@id("typo-role")',
      'permit (principal == Keel::Role::"superviser", action, resource);',
      '@id("typo-action")',
      'permit (principal, action == Keel::Action::"order.refnd", resource);',
      '@id("typo-attribute")',
      'permit (principal, action == Keel::Action::"order.refund", resource) when { context.amont > 1 };',
    ].join("\n");
    const { errors } = validatePolicySource(source);
    expect(errors.map((e) => [e.where, e.line])).toEqual([
      ["typo-role", 2],
      ["typo-action", 4],
      ["typo-attribute", 6],
    ]);
    expect(errors[1]?.help).toMatch(/order\.refund/);
    expect(errors[2]?.message).toMatch(/amont/);
  });

  it("requires a unique @id and known annotations with sensible values", () => {
    const source = [
      "permit (principal, action, resource);",
      '@id("twice") permit (principal, action, resource);',
      '@id("twice") permit (principal, action, resource);',
      '@id("typo") @aprovals("1") permit (principal, action, resource);',
      '@id("forbid-approvals") @approvals("2") forbid (principal, action, resource);',
      '@id("too-many") @approvals("9") permit (principal, action, resource);',
      '@id("keel:mine") permit (principal, action, resource);',
    ].join("\n");
    const messages = validatePolicySource(source).errors.map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^1: Every policy needs an @id/),
      expect.stringMatching(/^3: @id\("twice"\) is used by two policies/),
      expect.stringMatching(/^4: Unknown annotation @aprovals/),
      expect.stringMatching(/^5: @approvals only makes sense on a permit/),
      expect.stringMatching(/^6: @approvals must be a whole number from 1 to 5/),
      expect.stringMatching(/^7: .*reserved/),
    ]);
  });

  it("refuses an empty document", () => {
    expect(validatePolicySource("  \n// nothing\n").valid).toBe(false);
  });
});

describe("memoised decisions", () => {
  it("gives a repeated request the same decision, and callers cannot change what is remembered", () => {
    const first = decidePolicy(request({ tenantId: "ten_memo", amount: 30 }));
    first.ruleIds.push("tampered");
    first.reasons.push("tampered");
    const again = decidePolicy(request({ tenantId: "ten_memo", amount: 30 }));
    expect(again.ruleIds).not.toContain("tampered");
    expect(again.reasons).not.toContain("tampered");
    expect(again).toEqual(decidePolicy(request({ tenantId: "ten_memo_other", amount: 30 })));
  });

  it("decides afresh when any attribute the rules read changes", () => {
    // Refunds: up to 50 execute for supervisors, above 500 need two approvals (the built-in policy).
    expect(decidePolicy(request({ tenantId: "ten_memo2", amount: 30 })).effect).toBe("allow");
    expect(decidePolicy(request({ tenantId: "ten_memo2", amount: 900 }))).toMatchObject({
      effect: "require_approval",
      approvalsRequired: 2,
    });
    expect(decidePolicy(request({ tenantId: "ten_memo2", amount: 30, role: "agent" })).effect).not.toBe(
      "allow",
    );
  });

  it("never carries a decision over to a changed policy text", () => {
    const permit = `@id("all") permit(principal, action, resource);`;
    const forbid = `@id("none") forbid(principal, action, resource);\n${permit}`;
    const asked = (source: string) =>
      decidePolicy(request({ tenantId: "ten_memo3", policy: { version: 1, source } })).effect;
    expect(asked(permit)).toBe("allow");
    expect(asked(forbid)).toBe("deny");
    expect(asked(permit)).toBe("allow");
  });
});
