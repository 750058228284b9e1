import { describe, expect, it } from "vitest";
import { splitSentences, summarizeConversation, type TEngineMessage, terms } from "./extractive";

const conversation: TEngineMessage[] = [
  {
    id: "m1",
    authorType: "customer",
    internal: false,
    body: "Hi there,\n\nI ordered the Trailhead 45L backpack (order #NW-48213) on March 3 and it arrived with a torn shoulder strap. I would like a replacement or a refund of $189.00. Thanks!\n\nBest,\nDana",
  },
  {
    id: "m2",
    authorType: "agent",
    internal: false,
    body: "Hello Dana, thanks for reaching out. I'm sorry the strap arrived damaged. Could you send a photo of the torn strap so I can start the return?",
  },
  {
    id: "m3",
    authorType: "agent",
    internal: true,
    body: "Warehouse confirms batch 17 of the Trailhead straps had a stitching defect.",
  },
  {
    id: "m4",
    authorType: "customer",
    internal: false,
    body: "I attached two photos of the strap. Please send the replacement to my new address because I moved last week.\n\n> Could you send a photo of the torn strap",
  },
];

describe("splitSentences", () => {
  it("drops quoted replies and signatures and splits on sentence ends", () => {
    expect(splitSentences("First one here. Second one!\n> quoted line\n--\nsig")).toEqual([
      "First one here.",
      "Second one!",
    ]);
  });
});

describe("terms", () => {
  it("removes stopwords and stems plurals", () => {
    expect(terms("The refunds were refunded")).toEqual(["refund", "refund"]);
  });
});

describe("summarizeConversation", () => {
  it("picks factual sentences, in conversation order, each citing its message", () => {
    const result = summarizeConversation("Damaged backpack strap", conversation);
    expect(result.length).toBeGreaterThanOrEqual(2);
    expect(result[0]?.messageId).toBe("m1");
    expect(result.some((s) => s.text.includes("#NW-48213"))).toBe(true);
    const ids = result.map((s) => s.messageId);
    expect(ids).toEqual([...ids].sort());
    for (const s of result) expect(conversation.map((m) => m.id)).toContain(s.messageId);
  });

  it("never picks greetings or pleasantries", () => {
    const texts = summarizeConversation("Damaged backpack strap", conversation).map((s) => s.text);
    for (const t of texts) expect(t).not.toMatch(/^(Hi|Hello|Thanks|Best)/);
  });

  it("is deterministic", () => {
    expect(summarizeConversation("x", conversation)).toEqual(summarizeConversation("x", conversation));
  });

  it("returns nothing for an empty or content-free conversation", () => {
    expect(summarizeConversation("x", [])).toEqual([]);
    expect(
      summarizeConversation("x", [{ id: "a", authorType: "customer", internal: false, body: "Thanks!" }]),
    ).toEqual([]);
  });

  it("respects maxSentences", () => {
    expect(summarizeConversation("x", conversation, { maxSentences: 1 })).toHaveLength(1);
  });
});
