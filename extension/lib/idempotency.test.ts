import { describe, expect, it } from "vitest";
import { fingerprint, isRetryableError, keyForSubmission, newIdempotencyKey } from "./idempotency";

describe("idempotency keys", () => {
  it("makes random keys the server accepts (8 to 100 characters)", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^keel-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
    expect(newIdempotencyKey((b) => b.fill(255))).toBe(`keel-${"ff".repeat(16)}`);
  });

  it("reuses the key for a retry of the same parameters and makes a new one when they change", () => {
    let n = 0;
    const make = () => `key-${++n}`;
    const print = fingerprint("order.refund", { amount: 20, orderId: "ord_1" });
    const first = keyForSubmission(null, print, make);
    expect(first.key).toBe("key-1");
    expect(keyForSubmission(first, fingerprint("order.refund", { orderId: "ord_1", amount: 20 }), make)).toBe(
      first,
    );
    expect(
      keyForSubmission(first, fingerprint("order.refund", { orderId: "ord_1", amount: 21 }), make).key,
    ).toBe("key-2");
  });

  it("treats only answers that may not have reached the server as retryable", () => {
    expect(isRetryableError("NETWORK_ERROR")).toBe(true);
    expect(isRetryableError("BAD_REQUEST")).toBe(false);
    expect(isRetryableError("FORBIDDEN")).toBe(false);
  });
});
