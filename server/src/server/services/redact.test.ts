import { describe, expect, it } from "vitest";
import { isCardNumber, isIban, isSensitiveKey, luhnValid, REDACTED, redactForAudit } from "./redact";

describe("redactForAudit: personal data in free text", () => {
  it.each([
    [
      "Customer wrote from maya.okafor+orders@example.co.uk about it",
      "maya.okafor+orders@example.co.uk",
      "email",
    ],
    ["reply to J.Doe@northwind-outfitters.com", "J.Doe@northwind-outfitters.com", "email"],
    ["call back on +1 415 555 2671 after 5pm", "+1 415 555 2671", "phone"],
    ["call back on +14155552671", "+14155552671", "phone"],
    ["call back on (415) 555-2671", "(415) 555-2671", "phone"],
    ["call back on 415-555-2671", "415-555-2671", "phone"],
    ["UK customer: +44 20 7946 0958", "+44 20 7946 0958", "phone"],
    ["UK customer: 020 7946 0958", "020 7946 0958", "phone"],
    ["Berlin office +49 30 901820", "+49 30 901820", "phone"],
    ["portable 06 12 34 56 78", "06 12 34 56 78", "phone"],
    ["SSN 078-05-1120 given on the phone", "078-05-1120", "ssn"],
    ["refund to DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00", "iban"],
    ["refund to GB82WEST12345698765432", "GB82WEST12345698765432", "iban"],
    ["refund to FR1420041010050500013M02606", "FR1420041010050500013M02606", "iban"],
    ["logged in from 203.0.113.42 twice", "203.0.113.42", "ip"],
    ["logged in from 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334", "ip"],
    ["mapped ::ffff:192.0.2.1 too", "::ffff:192.0.2.1", "ip"],
  ])("masks %s", (text, sensitive, kind) => {
    const out = redactForAudit(text);
    expect(out).toBe(text.replace(sensitive, `[redacted:${kind}]`));
  });

  it("masks card numbers that pass the Luhn check, bare or grouped, keeping the last four", () => {
    expect(redactForAudit("card 4242 4242 4242 4242 declined")).toBe("card [redacted:card …4242] declined");
    expect(redactForAudit("card 4111-1111-1111-1111")).toBe("card [redacted:card …1111]");
    expect(redactForAudit("amex 378282246310005 ok")).toBe("amex [redacted:card …0005] ok");
    expect(redactForAudit("amex 3782 822463 10005")).toBe("amex [redacted:card …0005]");
    expect(redactForAudit("mc 2223003122003222")).toBe("mc [redacted:card …3222]");
  });

  it("leaves digit runs that are not card numbers alone", () => {
    // Fails the Luhn check.
    expect(redactForAudit("ref 4242 4242 4242 4241")).toBe("ref 4242 4242 4242 4241");
    // A millisecond timestamp is Luhn-valid by chance but no scheme starts with 1.
    expect(redactForAudit("at 1732122000000")).toBe("at 1732122000000");
  });

  it("masks bearer tokens, API keys and credentials", () => {
    const keel = "keel_ext_Zm9vYmFyYmF6cXV4cXV1eF9hYmNkZWZnaGlqa2xtbm9w";
    expect(redactForAudit(`Authorization: Bearer ${keel}`)).toBe("Authorization: Bearer [redacted:token]");
    expect(redactForAudit(`pasted ${keel} in chat`)).toBe("pasted [redacted:token] in chat");
    expect(redactForAudit("key sk-proj-4fGh7Jk2Lm9Np3Qr5St8Uv1Wx6Yz0Ab")).toBe("key [redacted:token]");
    expect(redactForAudit("stripe sk_live_51HxYzAbCdEfGhIjKlMn")).toBe("stripe [redacted:token]");
    expect(redactForAudit("gh ghp_1234567890abcdefghijABCDEFGHIJ123456")).toBe("gh [redacted:token]");
    expect(redactForAudit("aws AKIAIOSFODNN7EXAMPLE")).toBe("aws [redacted:token]");
    const jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    expect(redactForAudit(`cookie ${jwt}`)).toBe("cookie [redacted:token]");
    expect(redactForAudit("db postgresql://keel:s3cr3t-pw@db.internal:5432/keel")).toBe(
      "db postgresql://keel:[redacted:secret]@db.internal:5432/keel",
    );
    expect(redactForAudit("user typed password=hunter2 in the note")).toBe(
      "user typed password=[redacted:secret] in the note",
    );
    expect(redactForAudit('{"api_key": "abc123xyz"}')).toBe('{"api_key": "[redacted:secret]"}');
  });

  it("masks long random-looking hex and base64 secrets", () => {
    expect(
      redactForAudit("webhook secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    ).toBe("webhook secret [redacted:secret]");
    expect(redactForAudit("signing key q8Zt3mN7xR2vB5kL9pW4cF6hJ1dG0sYaE3uT")).toBe(
      "signing key [redacted:secret]",
    );
  });
});

describe("redactForAudit: what must survive", () => {
  it.each([
    "order NW-48213 refunded 49.99 USD",
    "refund of 1,249.99 EUR approved",
    "ticket tkt_3kq7m2xv5n4hj6wz2c7p escalated",
    "request aud_abcdefghijklmnopqrst",
    "at 2026-11-20T17:00:00.000Z the agent replied",
    "meeting at 17:00:00, or 10:30",
    "ticket #1001 and #1002 merged",
    "invoice INV-2026-000123 paid",
    "uuid 123e4567-e89b-12d3-a456-426614174000",
    "version 1.2.3 deployed",
    "tier gold, 3 orders, 12 items",
    "policy v4 rule refund.max-50 decided",
    "action order.refund needs 2 approvals",
    "amount 4999 minor units",
    "std::vector and a::b are not addresses",
    "ticket.summarize",
    "",
  ])("keeps %j", (text) => {
    expect(redactForAudit(text)).toBe(text);
  });
});

describe("redactForAudit: structure", () => {
  it("deep-walks objects and arrays, keeping ids, amounts, booleans and shape", () => {
    const input = {
      actionId: "order.refund",
      requestId: "act_3kq7m2xv5n4hj6wz2c7p",
      params: { orderNumber: "NW-48213", amount: 49.99, amountMinor: 4999, currency: "USD" },
      customer: { email: "maya@example.com", phone: "+1 415 555 2671", verified: true },
      citedMessageIds: ["msg_aaaaaaaaaaaaaaaaaaaa", "msg_bbbbbbbbbbbbbbbbbbbb"],
      notes: ["card 4242424242424242 on file", "nothing else"],
      ruleIds: ["refund-small"],
      count: 3,
      nothing: null,
      paramsHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    };
    expect(redactForAudit(input)).toEqual({
      actionId: "order.refund",
      requestId: "act_3kq7m2xv5n4hj6wz2c7p",
      params: { orderNumber: "NW-48213", amount: 49.99, amountMinor: 4999, currency: "USD" },
      customer: { email: "[redacted:email]", phone: "[redacted:phone]", verified: true },
      citedMessageIds: ["msg_aaaaaaaaaaaaaaaaaaaa", "msg_bbbbbbbbbbbbbbbbbbbb"],
      notes: ["card [redacted:card …4242] on file", "nothing else"],
      ruleIds: ["refund-small"],
      count: 3,
      nothing: null,
      // A digest under an identifier key is not a secret.
      paramsHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    });
  });

  it("replaces whole values under keys named like secrets, whatever their type", () => {
    expect(
      redactForAudit({
        password: "hunter2",
        newPassword: "correct horse",
        refresh_token: "abc",
        "x-api-key": "k",
        Authorization: "Basic dXNlcjpwYXNz",
        headers: { cookie: "session=abc", accept: "application/json" },
        clientSecret: { nested: "x" },
        pin: 1234,
        card_cvv: "123",
        otp: "998877",
        hasToken: true,
        // Not secrets: an id and counts whose keys merely contain "token".
        tokenId: "ext_3kq7m2xv5n4hj6wz2c7p",
        maxTokens: 512,
      }),
    ).toEqual({
      password: REDACTED,
      newPassword: REDACTED,
      refresh_token: REDACTED,
      "x-api-key": REDACTED,
      Authorization: REDACTED,
      headers: { cookie: REDACTED, accept: "application/json" },
      clientSecret: REDACTED,
      pin: REDACTED,
      card_cvv: REDACTED,
      otp: REDACTED,
      hasToken: true,
      tokenId: "ext_3kq7m2xv5n4hj6wz2c7p",
      maxTokens: 512,
    });
  });

  it("masks a card number stored as a number, and strips NUL characters", () => {
    expect(redactForAudit({ pan: 4242424242424242, total: 4242 })).toEqual({
      pan: "[redacted:card …4242]",
      total: 4242,
    });
    expect(redactForAudit("a\u0000b")).toBe("a\uFFFDb");
  });

  it("does not modify its input", () => {
    const input = { customer: { email: "maya@example.com" } };
    redactForAudit(input);
    expect(input.customer.email).toBe("maya@example.com");
  });
});

describe("validators", () => {
  it("checks Luhn, card schemes and IBAN checksums", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    expect(isCardNumber("4242424242424242")).toBe(true);
    expect(isCardNumber("1732122000000")).toBe(false);
    expect(isIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isIban("DE89 3704 0044 0532 0130 01")).toBe(false);
    expect(isIban("NL91ABNA0417164300")).toBe(true);
  });

  it("recognises secret-bearing keys only at the end of the name", () => {
    for (const key of ["password", "api_key", "accessToken", "Set-Cookie", "ssn", "clientSecret"])
      expect(isSensitiveKey(key)).toBe(true);
    for (const key of ["tokenId", "maxTokens", "author", "secretariat", "passwordChangedAt", "email"])
      expect(isSensitiveKey(key)).toBe(false);
  });
});
