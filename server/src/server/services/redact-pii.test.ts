import { describe, expect, it } from "vitest";
import { REDACTED, redactForAudit } from "./redact";

// redactForAudit runs the PII detector (../safety/pii.ts) on free text after its own rules: names,
// street addresses and loosely written phone numbers are masked too.
describe("redactForAudit with the PII detector", () => {
  it.each([
    ["Refund approved for Maria Gonzalez", "Refund approved for [redacted:person]"],
    [
      "customer asked to ship to 742 Evergreen Terrace, Springfield, IL 62704",
      "customer asked to ship to [redacted:address]",
    ],
    ["Dear Mr. Thompson, see below", "Dear Mr. [redacted:person], see below"],
    ["Phone: 467 3395", "Phone: [redacted:phone]"],
    ["moved to Hauptstraße 5, 10115 Berlin", "moved to [redacted:address]"],
  ])("masks %j", (text, expected) => {
    expect(redactForAudit(text)).toBe(expected);
  });

  it("combines with the rules it already had", () => {
    expect(redactForAudit("Kwame Mensah pasted card 4242 4242 4242 4242 and maya@example.com")).toBe(
      "[redacted:person] pasted card [redacted:card …4242] and [redacted:email]",
    );
  });

  it("keeps ids, amounts, reasons and labels that hold no personal data", () => {
    for (const text of [
      "Damaged on arrival",
      "Customer asked to lock the workspace",
      "Outside policy",
      "SIEM nightly export",
      "order NW-48213 refunded 49.99 USD",
      "https://evil.example",
    ])
      expect(redactForAudit(text)).toBe(text);
  });

  it("leaves values under identifier keys to the identifier rules, and secrets whole", () => {
    expect(
      redactForAudit({ requestId: "act_3kq7m2xv5n4hj6wz2c7p", note: "call Priya back", password: "Maria" }),
    ).toEqual({
      requestId: "act_3kq7m2xv5n4hj6wz2c7p",
      note: "call [redacted:person] back",
      password: REDACTED,
    });
  });
});
