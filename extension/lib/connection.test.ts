import { describe, expect, it } from "vitest";
import { EMPTY_STATE, isExpired, isPublicStatus, STORAGE_KEYS, toPublicStatus } from "./connection";
import { parseStoredState } from "./stored-state";

describe("stored state", () => {
  it("treats malformed storage as not connected", () => {
    expect(parseStoredState({ [STORAGE_KEYS.connection]: { token: 1 } })).toEqual(EMPTY_STATE);
  });

  it("keeps the token out of the public status", () => {
    const state = parseStoredState({
      [STORAGE_KEYS.connection]: {
        serverUrl: "http://localhost:3000",
        token: "secret",
        tokenId: "tok",
        expiresAt: "2026-04-01T00:00:00.000Z",
        user: { id: "u", email: "a@b.co", name: "A" },
        tenant: { id: "t", slug: "s", name: "S" },
        role: "admin",
        connectedAt: "2026-03-01T00:00:00.000Z",
      },
    });
    expect(state.connection?.token).toBe("secret");
    expect(JSON.stringify(toPublicStatus(state))).not.toContain("secret");
  });

  it("knows when a token has expired", () => {
    const now = new Date("2026-03-01T00:00:00.000Z");
    expect(isExpired("2026-02-28T23:59:59.000Z", now)).toBe(true);
    expect(isExpired("2026-03-01T00:00:01.000Z", now)).toBe(false);
    expect(isExpired("garbage", now)).toBe(true);
  });

  it("recognises the status mirror and nothing else", () => {
    expect(isPublicStatus({ connected: false, notice: null, lastServerUrl: null })).toBe(true);
    expect(
      isPublicStatus({
        connected: true,
        serverUrl: "http://localhost:3000",
        tokenId: "tok",
        expiresAt: "2026-04-01T00:00:00.000Z",
        user: { id: "u", email: "a@b.co", name: "A" },
        tenant: { id: "t", slug: "s", name: "S" },
        role: "agent",
      }),
    ).toBe(true);
    expect(isPublicStatus({ connected: true, serverUrl: "x" })).toBe(false);
    expect(isPublicStatus(undefined)).toBe(false);
  });
});
