import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ACTION_IDS, ACTIONS, ROLES, type TActionId } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_SOURCE } from "./defaults/default-policy";
import { analyzePolicy, BUILTIN_RULES, decidePolicy, type TPolicyInput, type TRolloutMode } from "./engine";
import { ACTION_TYPE, CEDAR_SCHEMA, ROLE_TYPE, TENANT_TYPE } from "./schema";
import { scopeMatches, sliceFor } from "./slices";

const PARAMS: Partial<Record<TActionId, Record<string, unknown>>> = {
  "ticket.setStatus": { status: "closed" },
  "ticket.addTags": { tags: ["vip"] },
  "ticket.assignQueue": { queue: "escalations" },
};

/** A policy exercising what slicing must get right: groups in bodies, `has`, the whole context. */
const TRICKY_POLICY = `
@id("writes-in-scale") @approvals("1")
permit (principal, action, resource) when { action in Keel::Action::"writes" && context.rolloutMode == "scale" };
@id("any-low") permit (principal, action in Keel::Action::"low-risk", resource);
@id("refund-has-amount") permit (principal, action in [Keel::Action::"order.refund", Keel::Action::"order.cancel"], resource)
  when { context has amountMinor && context.amountMinor < 10000 };
@id("closed-needs-two") @approvals("2") permit (principal, action == Keel::Action::"ticket.setStatus", resource)
  when { context.status == "closed" };
@id("vip-tags") forbid (principal == Keel::Role::"agent", action == Keel::Action::"ticket.addTags", resource)
  when { context.tags.contains("vip") };
@id("whole-context") @escalate("true") permit (principal, action in Keel::Action::"high-risk", resource)
  when { context == context && context.customerTier == "enterprise" };
`;

function requests(source: string, version: number): TPolicyInput[] {
  const out: TPolicyInput[] = [];
  const modes: TRolloutMode[] = ["assistive", "controlled", "scale"];
  for (const role of ROLES)
    for (const action of ACTION_IDS)
      for (const rolloutMode of modes)
        for (const tier of ["standard", "enterprise"])
          for (const verified of [true, false])
            for (const amount of [20, 50, 75, 499.99, 900]) {
              if (!("amount" in ACTIONS[action].input.shape) && amount !== 20) continue;
              out.push({
                tenantId: "ten_slices",
                policy: { version, source },
                principal: { userId: "usr_1", role },
                action,
                risk: ACTIONS[action].risk,
                params: PARAMS[action] ?? {},
                context: {
                  amount,
                  currency: "EUR",
                  customerVerified: verified,
                  customerTier: tier,
                  rolloutMode,
                },
              });
            }
  return out;
}

/** Cedar on the whole policy set, with the schema supplying the action groups: the reference. */
function reference(input: TPolicyInput, setId: string) {
  const context: cedar.Context = {
    customerVerified: input.context.customerVerified,
    customerTier: input.context.customerTier,
    rolloutMode: input.context.rolloutMode,
    ...PARAMS[input.action],
  };
  if ("amount" in ACTIONS[input.action].input.shape) {
    context.amountMinor = Math.round((input.context.amount ?? 0) * 100);
    context.currency = input.context.currency ?? "";
  }
  const answer = cedar.statefulIsAuthorized({
    principal: { type: ROLE_TYPE, id: input.principal.role },
    action: { type: ACTION_TYPE, id: input.action },
    resource: { type: TENANT_TYPE, id: input.tenantId },
    context,
    preparsedSchemaName: "reference-schema",
    preparsedPolicySetId: setId,
    entities: [],
  });
  if (answer.type === "failure") throw new Error(answer.errors[0]?.message);
  return answer.response;
}

describe("per-action policy slices", () => {
  for (const [name, source] of [
    ["the built-in policy", DEFAULT_POLICY_SOURCE],
    ["a policy using groups in bodies, has and the whole context", TRICKY_POLICY],
  ] as const) {
    it(`decide exactly as the whole set does: ${name}`, () => {
      const { texts, problems } = analyzePolicy(source);
      expect(problems).toEqual([]);
      const setId = `reference-${name.length}`;
      expect(cedar.preparseSchema("reference-schema", CEDAR_SCHEMA).type).toBe("success");
      expect(cedar.preparsePolicySet(setId, { staticPolicies: texts }).type).toBe("success");
      const inputs = requests(source, name.length);
      expect(inputs.length).toBeGreaterThan(500);
      for (const input of inputs) {
        const full = reference(input, setId);
        const sliced = decidePolicy(input);
        const label = `${input.principal.role} ${input.action} ${JSON.stringify(input.context)}`;
        expect(full.diagnostics.errors, label).toEqual([]);
        expect(sliced.effect === "deny" ? "deny" : "allow", label).toBe(full.decision);
        const expectedIds =
          full.diagnostics.reason.length > 0 ? full.diagnostics.reason : [BUILTIN_RULES.noPermit];
        expect([...sliced.ruleIds].sort(), label).toEqual([...expectedIds].sort());
      }
    });
  }

  it("match action scopes through the catalog's groups", () => {
    const uid = (id: string) => ({ type: ACTION_TYPE, id });
    expect(scopeMatches({ op: "All" }, "order.refund")).toBe(true);
    expect(scopeMatches({ op: "==", entity: uid("order.refund") }, "order.refund")).toBe(true);
    expect(scopeMatches({ op: "==", entity: uid("order.refund") }, "order.cancel")).toBe(false);
    expect(scopeMatches({ op: "in", entity: uid("high-risk") }, "order.cancel")).toBe(true);
    expect(scopeMatches({ op: "in", entity: uid("writes") }, "ticket.summarize")).toBe(false);
    expect(scopeMatches({ op: "in", entities: [uid("low-risk"), uid("order.cancel")] }, "order.cancel")).toBe(
      true,
    );
  });

  it("send only the context a slice reads, and the action's groups only when a body needs them", () => {
    const { rules, texts } = analyzePolicy(TRICKY_POLICY);
    const json = rules.map((r) => {
      const parsed = cedar.policyToJson(texts[r.id] as string);
      if (parsed.type === "failure") throw new Error("unparseable");
      return { id: r.id, json: parsed.json };
    });
    const tags = sliceFor("ticket.addTags", json);
    expect(Object.keys(tags.policies).sort()).toEqual(["vip-tags", "writes-in-scale"]);
    expect(tags.context).toEqual(["rolloutMode", "tags"]);
    expect(tags.needsActionEntity).toBe(true);
    expect(sliceFor("account.revokeAccess", json).context).toBe("all");
    // writes-in-scale has no action scope: it reaches every slice, with what its body reads.
    expect(sliceFor("ticket.summarize", json)).toMatchObject({
      context: ["rolloutMode"],
      needsActionEntity: true,
    });
  });
});
