import { describe, expect, it } from "vitest";
import { isId, isUniqueViolation, newId, stableId } from "./ids";

describe("newId", () => {
  it("makes prefix_ + 20 lowercase base32 characters", () => {
    const id = newId("tkt");
    expect(id).toMatch(/^tkt_[a-z2-7]{20}$/);
    expect(isId(id, "tkt")).toBe(true);
    expect(isId(id, "msg")).toBe(false);
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId("x")));
    expect(ids.size).toBe(10_000);
  });

  it("uses the whole alphabet", () => {
    const chars = new Set(
      Array.from({ length: 500 }, () => newId("a").slice(2))
        .join("")
        .split(""),
    );
    expect(chars.size).toBe(32);
  });

  it("rejects invalid prefixes", () => {
    for (const prefix of ["", "Tkt", "1abc", "a_b", "a-b", "waytoolongprefix17"]) {
      expect(() => newId(prefix), prefix).toThrow(/Invalid id prefix/);
    }
  });
});

describe("stableId", () => {
  it("is deterministic and has the same shape as newId", () => {
    expect(stableId("usr", "agent@northwind.test")).toBe(stableId("usr", "agent@northwind.test"));
    expect(stableId("usr", "agent@northwind.test")).toMatch(/^usr_[a-z2-7]{20}$/);
  });

  it("differs by key and by prefix", () => {
    expect(stableId("usr", "a")).not.toBe(stableId("usr", "b"));
    expect(stableId("usr", "a").slice(4)).not.toBe(stableId("mem", "a").slice(4));
  });

  it("is stable across releases (seed data ids must never change)", () => {
    expect(stableId("ten", "northwind")).toMatchInlineSnapshot(`"ten_ckq4moaeo7dhmb4jzelz"`);
  });
});

describe("isId", () => {
  it("rejects other shapes", () => {
    for (const value of [
      "",
      "tkt_",
      "tkt_ABCDEFGHIJKLMNOPQRST",
      "tkt_abc",
      "tkt_abcdefghijklmnopqrs1",
      "_abcdefghijklmnopqrst",
    ]) {
      expect(isId(value), value).toBe(false);
    }
  });
});

describe("isUniqueViolation", () => {
  it("recognises model and raw unique violations, nothing else", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(
      isUniqueViolation({
        code: "P2010",
        meta: { driverAdapterError: { cause: { originalCode: "23505" } } },
      }),
    ).toBe(true);
    expect(
      isUniqueViolation({
        code: "P2010",
        meta: { driverAdapterError: { cause: { originalCode: "23503" } } },
      }),
    ).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
