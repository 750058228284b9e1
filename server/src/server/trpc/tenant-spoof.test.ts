import { describe, expect, it } from "vitest";
import { findTenantSpoof, TENANT_HEADERS } from "./tenant-spoof";

const tenant = { id: "ten_northwind", slug: "northwind" };
const check = (rawInput: unknown, headers: Record<string, string> = {}, path = "ticket.summarize") =>
  findTenantSpoof({ path, rawInput, headers: new Headers(headers), tenant });

describe("tenant spoofing", () => {
  it("passes requests that name no tenant", () => {
    expect(check({ ticketId: "tkt_1" })).toBeNull();
    expect(check(undefined)).toBeNull();
    expect(check(["tenantId"])).toBeNull();
    // Nested keys are the procedure's own business (its schema decides); only top-level ones spoof.
    expect(check({ params: { tenantId: "x" } })).toBeNull();
  });

  it.each(TENANT_HEADERS)("refuses the %s header naming another tenant, by id or slug", (name) => {
    expect(check({}, { [name]: "ten_cloudly" })).toEqual({ where: `header ${name}`, named: "ten_cloudly" });
    expect(check({}, { [name]: "cloudly" })).toEqual({ where: `header ${name}`, named: "cloudly" });
  });

  it("passes a tenant header naming the caller's own tenant", () => {
    expect(check({}, { "x-keel-tenant": "ten_northwind" })).toBeNull();
    expect(check({}, { "x-tenant": "Northwind" })).toBeNull();
  });

  it.each(["tenantId", "tenant", "tenantSlug"])(
    "refuses a top-level %s input key, whatever its value",
    (key) => {
      expect(check({ ticketId: "tkt_1", [key]: "ten_cloudly" })).toEqual({
        where: `input key ${key}`,
        named: "ten_cloudly",
      });
      expect(check({ [key]: "ten_northwind" })).not.toBeNull();
      expect(check({ [key]: { id: "x" } })).toEqual({ where: `input key ${key}`, named: null });
    },
  );

  it("lets auth.connectExtension choose among the caller's memberships with tenantSlug", () => {
    expect(
      check({ email: "a@b.c", password: "x", tenantSlug: "cloudly" }, {}, "auth.connectExtension"),
    ).toBeNull();
  });
});
