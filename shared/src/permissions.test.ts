import { describe, expect, it } from "vitest";
import { can, DEFAULT_PERMISSION_GRANTS, PERMISSIONS, type TPermission, tokenAllows } from "./permissions";
import { ROLES, type TRole } from "./roles";

/** Who may manage what reaches the whole tenant from outside: admins only. */
const ADMIN_ONLY: readonly TPermission[] = [
  "apiKey.manage",
  "connector.manage",
  "extensionToken.manageTenant",
  "policy.manage",
  "permissions.manage",
];

describe("permission registry", () => {
  it("gives every role a decision (allowed or a reason) for every permission, and grants only known ones", () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        const decision = can(role, permission);
        expect(typeof decision.allowed, `${role} × ${permission}`).toBe("boolean");
        if (!decision.allowed) expect(decision.reason).toContain(permission);
      }
      for (const granted of DEFAULT_PERMISSION_GRANTS[role]) expect(PERMISSIONS).toContain(granted);
    }
  });

  it("keeps the tenant-wide management permissions for admins", () => {
    for (const permission of ADMIN_ONLY) {
      const holders = ROLES.filter((role: TRole) => can(role, permission).allowed);
      expect(holders, permission).toEqual(["admin"]);
    }
  });
});

describe("token scopes", () => {
  it("copilot covers the sidebar's work and none of the console's administration", () => {
    expect(tokenAllows(["copilot"], "ticket.read")).toBe(true);
    expect(tokenAllows(["copilot"], "approval.decide")).toBe(true);
    for (const p of [
      "policy.manage",
      "permissions.manage",
      "apiKey.manage",
      "connector.manage",
      "audit.read",
    ] as const)
      expect(tokenAllows(["copilot"], p)).toBe(false);
  });
  it("grants nothing for no or unknown scopes", () => {
    expect(tokenAllows([], "ticket.read")).toBe(false);
    expect(tokenAllows(["admin", "constructor", "__proto__"], "ticket.read")).toBe(false);
  });
});
