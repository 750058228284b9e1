import { describe, expect, it } from "vitest";
import {
  buildParams,
  checkActionForm,
  formWarnings,
  initialValues,
  parseAmount,
  parseTags,
  refundableAmount,
  selectableOrders,
  withField,
} from "./action-form";
import { CONTEXT } from "./testing/governance-fixtures";

const usd = (n: number) => `$${n.toFixed(2)}`;

describe("refunds", () => {
  it("knows what is left to refund and offers only those orders", () => {
    expect(refundableAmount({ total: 389, refunded: 20.1 })).toBe(368.9);
    expect(refundableAmount({ total: 10, refunded: 12 })).toBe(0);
    expect(selectableOrders("order.refund", CONTEXT.orders).map((o) => o.number)).toEqual(["NW-48213"]);
    expect(selectableOrders("order.cancel", CONTEXT.orders)).toHaveLength(2);
  });

  it("preselects the only refundable order with its currency", () => {
    expect(initialValues("order.refund", CONTEXT)).toEqual({ orderId: "ord_1", amount: "", currency: "USD" });
    const twoOrders = initialValues("order.cancel", CONTEXT);
    expect(twoOrders).toEqual({ orderId: "", reason: "" });
  });

  it("takes the currency from the chosen order", () => {
    const ctx = {
      ...CONTEXT,
      orders: [...CONTEXT.orders, { ...CONTEXT.orders[0], id: "ord_3", number: "NW-9", currency: "EUR" }],
    } as typeof CONTEXT;
    const values = withField("order.refund", { orderId: "ord_1", currency: "USD" }, "orderId", "ord_3", ctx);
    expect(values).toEqual({ orderId: "ord_3", currency: "EUR" });
  });

  it("builds the parameters the server takes", () => {
    const check = checkActionForm(
      "order.refund",
      { orderId: "ord_1", amount: "20", currency: "usd" },
      CONTEXT,
    );
    expect(check).toEqual({
      ok: true,
      params: { ticketId: "tkt_1", orderId: "ord_1", amount: 20, currency: "USD" },
    });
  });

  it("reports each field with the schema's own words, and amounts above what is refundable", () => {
    const empty = checkActionForm("order.refund", { orderId: "", amount: "", currency: "" }, CONTEXT);
    expect(empty.ok ? null : empty.errors).toEqual({
      orderId: "Choose an order",
      amount: "Enter an amount",
      currency: "Enter the currency",
    });
    const bad = checkActionForm(
      "order.refund",
      { orderId: "ord_1", amount: "1.234", currency: "US" },
      CONTEXT,
    );
    expect(bad.ok ? null : bad.errors).toEqual({
      amount: "Use at most two decimals",
      currency: "Use a three-letter currency code such as USD",
    });
    const notANumber = checkActionForm(
      "order.refund",
      { orderId: "ord_1", amount: "ten", currency: "USD" },
      CONTEXT,
    );
    expect(notANumber.ok ? null : notANumber.errors).toEqual({
      amount: "Enter a number such as 20 or 19.99",
    });
    const tooMuch = checkActionForm(
      "order.refund",
      { orderId: "ord_1", amount: "400", currency: "EUR" },
      CONTEXT,
    );
    expect(tooMuch.ok ? null : tooMuch.errors).toEqual({
      amount: `At most ${usd(389)} can be refunded on NW-48213`,
      currency: "Order NW-48213 was paid in USD",
    });
  });

  it("says when nothing can be refunded", () => {
    const ctx = { ...CONTEXT, orders: CONTEXT.orders.slice(1) };
    const check = checkActionForm("order.refund", initialValues("order.refund", ctx), ctx);
    expect(check.ok ? null : check.errors.orderId).toBe("Every order of this customer is fully refunded");
  });
});

describe("other forms", () => {
  it("splits tags and checks each one", () => {
    expect(parseTags(" VIP, refund-requested  vip;shipping ")).toEqual([
      "vip",
      "refund-requested",
      "shipping",
    ]);
    const bad = checkActionForm("ticket.addTags", { tags: "ok, -bad" }, CONTEXT);
    expect(bad.ok ? null : bad.errors).toEqual({
      tags: '"-bad": Tags are lowercase letters, digits and dashes',
    });
    const empty = checkActionForm("ticket.addTags", { tags: " , " }, CONTEXT);
    expect(empty.ok ? null : empty.errors).toEqual({ tags: "Add at least one tag" });
  });

  it("turns zod's default wording into plain words", () => {
    const reason = checkActionForm("order.cancel", { orderId: "ord_1", reason: "no" }, CONTEXT);
    expect(reason.ok ? null : reason.errors).toEqual({ reason: "Use at least 3 characters" });
    const email = checkActionForm(
      "account.changeOwner",
      { accountId: "acc_1", newOwnerEmail: "nope" },
      CONTEXT,
    );
    expect(email.ok ? null : email.errors).toEqual({ newOwnerEmail: "Enter a valid e-mail address" });
    const status = checkActionForm("ticket.setStatus", { status: "" }, CONTEXT);
    expect(status.ok ? null : status.errors).toEqual({ status: "Choose a status" });
  });

  it("uses the context's customer for a verification request", () => {
    expect(buildParams("customer.requestVerification", {}, CONTEXT)).toEqual({
      ticketId: "tkt_1",
      customerId: "cus_1",
    });
    expect(checkActionForm("customer.requestVerification", {}, CONTEXT).ok).toBe(true);
  });

  it("needs an account for account actions and preselects the only one", () => {
    expect(initialValues("account.sendPasswordReset", CONTEXT)).toEqual({ accountId: "acc_1" });
    const ctx = { ...CONTEXT, accounts: [] };
    const check = checkActionForm("account.revokeAccess", { accountId: "", reason: "fraud" }, ctx);
    expect(check.ok ? null : check.errors).toEqual({ accountId: "This customer has no accounts" });
  });

  it("lowercases an e-mail and trims a note through the schema", () => {
    const owner = checkActionForm(
      "account.changeOwner",
      { accountId: "acc_1", newOwnerEmail: " New@Example.com " },
      CONTEXT,
    );
    expect(owner.ok && owner.params.newOwnerEmail).toBe("new@example.com");
    const note = checkActionForm("ticket.addInternalNote", { body: "  Called the courier.  " }, CONTEXT);
    expect(note.ok && note.params.body).toBe("Called the courier.");
  });

  it("warns about a password reset for an unverified customer", () => {
    expect(formWarnings("account.sendPasswordReset", CONTEXT)).toEqual([]);
    const unverified = { ...CONTEXT, customer: { ...CONTEXT.customer, identityVerified: false } };
    expect(formWarnings("account.sendPasswordReset", unverified)[0]).toMatch(/identity is not verified/);
  });

  it("reads amounts leniently", () => {
    expect(parseAmount("19,99")).toBe(19.99);
    expect(parseAmount(" 20 ")).toBe(20);
    expect(parseAmount("")).toBeUndefined();
    expect(parseAmount("-5")).toBeNaN();
  });
});
