import type { TKnowledgeCharter } from "@keel/shared";
import { describe, expect, it } from "vitest";
import {
  charterAllowsRead,
  charterAllowsWrite,
  charterNeverInfer,
  charterSaysEscalate,
  DEFAULT_CHARTER,
  DEFAULT_CHARTER_SOURCE,
  jsonErrorIndex,
  parseCharter,
  validateCharterSource,
} from "./charter";

describe("the built-in knowledge charter", () => {
  it("validates, and its document text round-trips", () => {
    expect(validateCharterSource(DEFAULT_CHARTER_SOURCE)).toEqual({ valid: true, errors: [], ruleIds: [] });
    expect(parseCharter(DEFAULT_CHARTER_SOURCE).charter).toEqual(DEFAULT_CHARTER);
  });

  it("reads public, internal and customer knowledge, never privileged; writes internal only", () => {
    expect(charterAllowsRead(DEFAULT_CHARTER, "internal")).toBe(true);
    expect(charterAllowsRead(DEFAULT_CHARTER, "privileged")).toBe(false);
    expect(charterAllowsWrite(DEFAULT_CHARTER, "internal")).toBe(true);
    expect(charterAllowsWrite(DEFAULT_CHARTER, "public")).toBe(false);
  });

  it("never infers health, religion or credit-worthiness", () => {
    expect(charterNeverInfer(DEFAULT_CHARTER).join(" ")).toMatch(/Health.*Religious.*Credit-worthiness/s);
  });
});

describe("charterSaysEscalate", () => {
  it("escalates legal threats and chargebacks found in the text, naming the topic", () => {
    const legal = charterSaysEscalate(DEFAULT_CHARTER, {
      text: "If this is not fixed I will contact my LAWYER.",
    });
    expect(legal).toMatchObject({ escalate: true, silent: false, ruleId: "charter:topic:legal-threat" });
    expect(legal.detail).toMatch(/"LAWYER"/);
    expect(
      charterSaysEscalate(DEFAULT_CHARTER, { text: "I will file a charge   back with my bank" }).ruleId,
    ).toBe("charter:topic:chargeback");
  });

  it("matches whole words only", () => {
    expect(charterSaysEscalate(DEFAULT_CHARTER, { text: "Thanks for the courtesy call" }).escalate).toBe(
      false,
    );
    expect(charterSaysEscalate(DEFAULT_CHARTER, { text: "The court ruled" }).escalate).toBe(true);
  });

  it("escalates actions the charter always escalates, before looking at the text", () => {
    expect(
      charterSaysEscalate(DEFAULT_CHARTER, { actionId: "account.changeOwner", text: "lawyer" }),
    ).toMatchObject({
      escalate: true,
      silent: false,
      ruleId: "charter:action:account.changeOwner",
    });
  });

  it("lets the copilot handle what the charter allows", () => {
    expect(
      charterSaysEscalate(DEFAULT_CHARTER, { actionId: "order.refund", text: "Where is my parcel?" }),
    ).toEqual({
      escalate: false,
      silent: false,
      ruleId: null,
      detail: "The knowledge charter does not require a human.",
    });
    expect(charterSaysEscalate(DEFAULT_CHARTER, { actionId: "ticket.addTags" }).escalate).toBe(false);
  });

  it("treats silence on a high-risk action or topic as a reason to escalate", () => {
    const quiet: TKnowledgeCharter = {
      ...DEFAULT_CHARTER,
      mustEscalate: { topics: [], actions: [] },
      mayHandle: { topics: ["fraud"], actions: ["order.refund"] },
    };
    expect(charterSaysEscalate(quiet, { actionId: "order.cancel" })).toMatchObject({
      escalate: true,
      silent: true,
      ruleId: "charter:silent-action:order.cancel",
    });
    expect(charterSaysEscalate(quiet, { text: "I'm calling my attorney" })).toMatchObject({
      escalate: true,
      silent: true,
      ruleId: "charter:silent-topic:legal-threat",
    });
    // Handed to the copilot explicitly: not silent.
    expect(charterSaysEscalate(quiet, { text: "this looks like fraud" }).escalate).toBe(false);
    expect(charterSaysEscalate(quiet, { actionId: "order.refund" }).escalate).toBe(false);
  });
});

describe("charter validation", () => {
  it("places JSON syntax errors on their line", () => {
    const result = validateCharterSource('{\n  "format": "keel.charter/v1",\n  "knowledge": {,\n}');
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.line).toBe(3);
    expect(result.errors[0]?.message).toMatch(/^Not valid JSON/);
  });

  it("names the path of schema errors (unknown tiers and actions), then contradictions", () => {
    const doc = JSON.parse(DEFAULT_CHARTER_SOURCE);
    doc.knowledge.read.push("secret");
    doc.mustEscalate.actions.push("order.refnd");
    const { errors, valid } = validateCharterSource(JSON.stringify(doc, null, 2));
    expect(valid).toBe(false);
    const wheres = errors.map((e) => e.where);
    expect(wheres).toContain("knowledge.read.3");
    expect(wheres).toContain("mustEscalate.actions.1");
    expect(errors.find((e) => e.where === "knowledge.read.3")?.line).toBeGreaterThan(1);

    const contradiction = JSON.parse(DEFAULT_CHARTER_SOURCE);
    contradiction.mayHandle.actions.push("account.changeOwner");
    const second = validateCharterSource(JSON.stringify(contradiction, null, 2));
    expect(second.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/account\.changeOwner cannot both escalate and be handled/),
    ]);
  });

  it("refuses unknown keys (a misspelt section is not silently ignored)", () => {
    const doc = JSON.parse(DEFAULT_CHARTER_SOURCE);
    doc.mustEscalte = doc.mustEscalate;
    expect(validateCharterSource(JSON.stringify(doc)).valid).toBe(false);
  });
});

describe("jsonErrorIndex", () => {
  it("finds where JSON stops being valid, and says null for valid JSON", () => {
    expect(jsonErrorIndex('{"a": [1, 2]}')).toBeNull();
    expect(jsonErrorIndex('{"a": "x\\"y", "b": [true, false, null, -1.5e3]}')).toBeNull();
    expect(jsonErrorIndex('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorIndex('{\n  "a": 1\n  "b": 2\n}')).toBe(13);
    expect(jsonErrorIndex('{"a": 1} x')).toBe(9);
    expect(jsonErrorIndex('{"a": "unterminated')).toBe(19);
  });
});
