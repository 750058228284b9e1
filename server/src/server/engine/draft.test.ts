import { describe, expect, it } from "vitest";
import { DEFAULT_STYLE, draftReply, learnStyle, type TDraftPassage } from "./draft";

const RETURNS: TDraftPassage = {
  articleId: "kb_returns",
  version: 3,
  title: "Damaged items",
  body: "# Damaged items\nIf an item arrives damaged, ask the customer for a photo of the damage and of the shipping label. We ship a replacement by express at no cost once we have the photos. Customers do not need to send the damaged item back.",
  score: 0.6,
};
const PASSWORDS: TDraftPassage = {
  articleId: "kb_pw",
  version: 1,
  title: "Password resets",
  body: "Password reset links expire after 30 minutes. Ask the customer to check their spam folder for the reset e-mail.",
  score: 0.1,
};

describe("learning an agent's style", () => {
  it("picks up the greeting, the sign-off with signature, and contractions", () => {
    const style = learnStyle(
      [
        "Hello Ana,\n\nI've refunded the order.\n\nKind regards,\nSam",
        "Hello Bo,\n\nWe're shipping it today.\n\nKind regards,\nSam",
        "Hi Cy,\n\nDone.\n\nKind regards,\nSam",
      ],
      "Samuel Ortiz",
    );
    expect(style).toEqual({
      greeting: "Hello",
      signOff: "Kind regards,",
      signature: "Sam",
      contractions: true,
      samples: 3,
    });
  });

  it("keeps no sign-off when the agent does not sign, and formal wording when they avoid contractions", () => {
    const style = learnStyle(
      [
        "Dear Mr Lee, I am sorry for the delay. We will refund the fee.",
        "Dear Ms Ng, I have checked your account and it is active.",
      ],
      "Maya Okafor",
    );
    expect(style).toMatchObject({ greeting: "Dear", signOff: null, signature: null, contractions: false });
  });

  it("falls back to Keel's defaults, signed with the agent's first name, without past replies", () => {
    expect(learnStyle([], "Maya Okafor")).toEqual({ ...DEFAULT_STYLE, signature: "Maya" });
  });
});

describe("drafting a reply", () => {
  const style = {
    greeting: "Hi" as const,
    signOff: "Cheers,",
    signature: "Maya",
    contractions: true,
    samples: 4,
  };

  it("grounds the answer in the matching article, cites it, and writes in the agent's style", () => {
    const draft = draftReply({
      customerName: "[PERSON_1]",
      subject: "Tent arrived damaged",
      request: "My tent arrived with a snapped pole, the item is damaged. What can you do?",
      passages: [RETURNS, PASSWORDS],
      style,
    });
    expect(draft.grounded).toBe(true);
    expect(draft.text.startsWith("Hi [PERSON_1],")).toBe(true);
    expect(draft.text).toContain("I'm sorry");
    expect(draft.text).toMatch(/photo of the damage.*\[1\]/);
    expect(draft.text.endsWith("Cheers,\nMaya")).toBe(true);
    expect(draft.citations).toEqual([{ n: 1, articleId: "kb_returns", version: 3, title: "Damaged items" }]);
    expect(draft.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("says it will follow up, with low confidence, when no article is relevant", () => {
    const draft = draftReply({
      customerName: "Hannah",
      subject: "Invoice address",
      request: "Could you change the billing address on my invoice?",
      passages: [PASSWORDS],
      style: { ...style, contractions: false },
    });
    expect(draft.grounded).toBe(false);
    expect(draft.citations).toEqual([]);
    expect(draft.text).toContain("I am looking into this");
    expect(draft.confidence).toBeLessThan(0.5);
  });

  it("never cites more than two articles or three sentences", () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      ...RETURNS,
      articleId: `kb_${i}`,
      body: `Damaged tent poles are replaced by express shipping number ${i}. Damaged items need a photo ${i}, always.`,
    }));
    const draft = draftReply({
      customerName: "Ana",
      subject: "Damaged tent pole",
      request: "Damaged tent pole, need a replacement by express shipping, photo attached",
      passages: many,
      style,
    });
    expect(draft.citations.length).toBeLessThanOrEqual(2);
    expect((draft.text.match(/\[\d\]/g) ?? []).length).toBeLessThanOrEqual(3);
  });
});
