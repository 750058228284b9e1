import { describe, expect, it } from "vitest";
import { asksForTenant, tenantSlugsInMessage } from "./tenant-choice";

describe("tenant choice", () => {
  it("recognises the server asking for a tenant", () => {
    const message = "You belong to several tenants; choose one: acme, globex or initech.";
    expect(asksForTenant({ code: "BAD_REQUEST", message })).toBe(true);
    expect(tenantSlugsInMessage(message)).toEqual(["acme", "globex", "initech"]);
  });

  it("does not mistake other errors for it", () => {
    expect(asksForTenant({ code: "UNAUTHORIZED", message: "Wrong e-mail or password" })).toBe(false);
    expect(asksForTenant({ code: "BAD_REQUEST", message: "Enter a valid e-mail address" })).toBe(false);
    expect(tenantSlugsInMessage("Pick a tenant.")).toEqual([]);
  });
});
