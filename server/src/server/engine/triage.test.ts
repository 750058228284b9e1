import { describe, expect, it } from "vitest";
import {
  classify,
  foldsOf,
  loadTriageModel,
  stemWord,
  stripIdentityPreamble,
  type TTriageExample,
  trainTriage,
} from "./triage";

// A hand-written mini training set (not from any data set): five intents, eight tickets each.
const TRAINING: TTriageExample[] = [
  ...[
    "Please cancel my order, I ordered it by mistake.",
    "I want to cancel order 1234 before it ships.",
    "Cancel the order I placed yesterday, I no longer need it.",
    "Can you cancel my purchase? I changed my mind.",
    "I placed the order twice by mistake, please cancel one of them.",
    "Stop my order from shipping and cancel it please.",
    "I need to cancel the order, it is no longer needed.",
    "Please cancel the pending order on my account.",
  ].map((text) => ({ text, intent: "order.cancel" })),
  ...[
    "I want to return the blender I received, it is broken.",
    "How do I return these shoes? They arrived damaged.",
    "Return the jacket from my delivered order and refund me.",
    "The lamp I received is faulty, I want to return it for a refund.",
    "I would like to send back the headphones and get my money back.",
    "Please start a return for the damaged kettle I received.",
    "Return the item and refund my credit card please.",
    "The chair arrived broken, I want to return it and get a refund.",
  ].map((text) => ({ text, intent: "order.return" })),
  ...[
    "I want to exchange the shirt for a larger size.",
    "Can I exchange the blue mug I received for a red one?",
    "Exchange my boots for size 10 please, these are too small.",
    "The watch strap is the wrong colour, I want to exchange it for black.",
    "Please exchange the keyboard I received for the wireless version.",
    "I would like to swap the small backpack for the large one, an exchange please.",
    "Exchange the delivered lamp for the white model.",
    "Can you exchange the jeans I received for a different size?",
  ].map((text) => ({ text, intent: "order.exchange" })),
  ...[
    "Please change the shipping address on my order to 12 Oak Street.",
    "I moved, send the order to my new address instead.",
    "Change the delivery address of my pending order.",
    "The order has the wrong address, please update the shipping address.",
    "Ship my order to my office address please.",
    "Update the address on order 5678 before it ships.",
    "Can you change where my order is delivered? New address below.",
    "Please correct the street address on my order.",
  ].map((text) => ({ text, intent: "order.modify_address" })),
  ...[
    "I forgot my password and cannot log in to my account.",
    "Please help me reset my password.",
    "I cannot sign in, the password reset email never arrives.",
    "My account is locked after too many password attempts.",
    "How do I change the password on my account?",
    "Log in fails with my password, please help me get into my account.",
    "Send me a password reset link please.",
    "I am locked out of my account and need a new password.",
  ].map((text) => ({ text, intent: "account.password" })),
];

const model = trainTriage(TRAINING);

describe("trainTriage and classify", () => {
  it("learns the intents and classifies held-out sentences", () => {
    const heldOut: [string, string][] = [
      ["Please cancel my order, I bought it by mistake and no longer need it.", "order.cancel"],
      ["The toaster I received is broken and I want to return it for a refund.", "order.return"],
      ["Could I exchange the sweater I received for a smaller size?", "order.exchange"],
      ["Please send my pending order to my new address on Elm Street.", "order.modify_address"],
      ["I cannot log in, please reset my password.", "account.password"],
    ];
    for (const [text, intent] of heldOut) {
      const result = classify(model, text);
      expect(result.intent, text).toBe(intent);
      expect(result.confidence, text).toBeGreaterThan(0.5);
      expect(result.alternatives).toHaveLength(model.intents.length - 1);
      for (const alt of result.alternatives) expect(alt.confidence).toBeLessThanOrEqual(result.confidence);
    }
  });

  it("gives confidences that form a distribution", () => {
    const result = classify(model, "I want to return the kettle");
    const total = result.confidence + result.alternatives.reduce((s, a) => s + a.confidence, 0);
    expect(total).toBeCloseTo(1, 2);
  });

  it("is not confident about empty text or gibberish", () => {
    for (const text of ["", "   ", "qwzx blorf snarglepup vvv", "12345 67890"]) {
      const result = classify(model, text);
      expect(result.confidence, JSON.stringify(text)).toBeLessThan(0.3);
      expect(result.reasons.join(" ")).toMatch(/no known cue words/);
    }
  });

  it("is less confident with few known words", () => {
    const one = classify(model, "exchange");
    const many = classify(model, "I want to exchange the shoes I received for a larger size");
    expect(one.intent).toBe("order.exchange");
    expect(one.confidence).toBeLessThan(many.confidence);
    // One cue word carries at most 63% of the model's certainty: 0.63 + 0.37/5 intents ≈ 0.70.
    expect(one.confidence).toBeLessThanOrEqual(0.71);
    expect(one.reasons.join(" ")).toMatch(/little evidence \(1 cue word/);
  });

  it("is not confident when two intents are equally plausible", () => {
    const result = classify(model, "Either cancel my order or change the shipping address on my order.");
    const [runnerUp] = result.alternatives;
    expect(result.confidence).toBeLessThan(0.6);
    expect(runnerUp && result.confidence - runnerUp.confidence).toBeLessThan(0.3);
    expect([result.intent, runnerUp?.intent].sort()).toEqual(["order.cancel", "order.modify_address"]);
  });

  it("explains its choice with the strongest cues", () => {
    const result = classify(model, "Please cancel my order, it was a mistake");
    expect(result.reasons[0]).toMatch(/^order\.cancel: strongest cues .*"cancel"/);
  });

  it("is deterministic: the same examples give the same model and answers", () => {
    const again = trainTriage(TRAINING);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const text = "The mug I received is chipped, I want to return it";
    expect(classify(again, text)).toEqual(classify(model, text));
  });

  it("survives a JSON round trip", () => {
    const reloaded = loadTriageModel(JSON.parse(JSON.stringify(model)));
    for (const text of ["cancel it please", "wrong address on the order", "", "return the lamp"]) {
      expect(classify(reloaded, text)).toEqual(classify(model, text));
    }
  });

  it("refuses something that is not a model", () => {
    expect(() => loadTriageModel({})).toThrow(/keel\.triage\/v1/);
    expect(() => loadTriageModel({ ...model, weights: [[1]] })).toThrow();
    expect(() => loadTriageModel(null)).toThrow();
  });

  it("refuses to train on nothing", () => {
    expect(() => trainTriage([])).toThrow(/at least one/);
  });
});

describe("priority and queue", () => {
  it("routes by intent", () => {
    const ret = classify(model, "The chair I received is broken, I want to return it for a refund.");
    expect(ret).toMatchObject({ intent: "order.return", priority: "normal", queue: "returns" });
    const cancel = classify(model, "Please cancel my order, I ordered it by mistake and no longer need it.");
    expect(cancel).toMatchObject({ intent: "order.cancel", priority: "high", queue: "general" });
  });

  it("raises priority for urgency, at most to high", () => {
    const result = classify(
      model,
      "The lamp I received is broken, I want to return it for a refund immediately.",
    );
    expect(result.priority).toBe("high");
    expect(result.reasons.join(" ")).toMatch(/urgency cue "immediately"/);
  });

  it("sends legal threats and chargebacks to escalations, urgent", () => {
    const legal = classify(model, "Return the broken blender or I will contact my lawyer.");
    expect(legal).toMatchObject({ priority: "urgent", queue: "escalations" });
    const chargeback = classify(model, "Cancel my order or I will file a chargeback with my bank.");
    expect(chargeback).toMatchObject({ priority: "urgent", queue: "escalations" });
  });

  it("leaves unsure tickets in the general queue", () => {
    const result = classify(model, "hello there");
    expect(result.confidence).toBeLessThan(0.5);
    expect(result).toMatchObject({ priority: "normal", queue: "general" });
    const urgent = classify(model, "hello there, this is urgent");
    expect(urgent).toMatchObject({ priority: "high", queue: "general" });
  });
});

describe("stripIdentityPreamble", () => {
  it("drops the identity sentence and the persona", () => {
    expect(
      stripIdentityPreamble(
        "Your name is Ada Quist and your email is ada.q77@example.org. You are curious, patient and a bit shy. You want to return the lamp.",
      ),
    ).toBe("You want to return the lamp.");
    expect(
      stripIdentityPreamble(
        "Your name is Bo Lind and your zip code is 02139. You're very argumentative. Cancel the order.",
      ),
    ).toBe("Cancel the order.");
  });

  it("handles first-person identity lines and keeps a request inside them", () => {
    expect(stripIdentityPreamble("My name is Cy Moss. My email is cy@example.net. The kettle leaks.")).toBe(
      "The kettle leaks.",
    );
    expect(stripIdentityPreamble("My name is Di Park and I want to exchange my boots.")).toBe(
      "I want to exchange my boots.",
    );
  });

  it("keeps sentences that only start like a persona", () => {
    const text = "You are sure the parcel was already damaged. You are moving house next week.";
    expect(stripIdentityPreamble(text)).toBe(text);
    expect(stripIdentityPreamble("The blender is broken.")).toBe("The blender is broken.");
  });

  it("does not let the preamble influence the intent", () => {
    const plain = classify(model, "I want to cancel my order, I placed it by mistake.");
    const withPreamble = classify(
      model,
      "Your name is Ed Vo and your email is ed@example.com. You are calm, polite. I want to cancel my order, I placed it by mistake.",
    );
    expect(withPreamble).toEqual(plain);
  });
});

describe("helpers", () => {
  it("stems inflections together", () => {
    expect(stemWord("cancelled")).toBe(stemWord("cancel"));
    expect(stemWord("cancellation")).toBe(stemWord("cancel"));
    expect(stemWord("exchanging")).toBe(stemWord("exchange"));
    expect(stemWord("returned")).toBe("return");
    expect(stemWord("modified")).toBe(stemWord("modify"));
    expect(stemWord("address")).toBe("address");
  });

  it("makes stratified, seeded folds", () => {
    const labels = ["a", "a", "a", "a", "b", "b", "b", "b"];
    const folds = foldsOf(labels, 2, 3);
    expect(folds).toEqual(foldsOf(labels, 2, 3));
    for (const label of ["a", "b"]) {
      const mine = folds.filter((_, i) => labels[i] === label);
      expect(mine.filter((f) => f === 0)).toHaveLength(2);
    }
  });
});
