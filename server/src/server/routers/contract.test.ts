import { contract } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { appRouter } from ".";

describe("router and shared contract", () => {
  it("implements exactly the procedures of the shared contract, with the same kind", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(contract).sort());
    for (const [name, def] of Object.entries(contract)) {
      expect(procedures[name]?._def.type, name).toBe(def.kind);
    }
  });
});
