import { describe, expect, it } from "vitest";
import {
  API_KEY_SCOPES,
  hasApiKeyScope,
  isLocalHttpUrl,
  ZConnectorBaseUrl,
  ZCreateApiKeyInput,
  ZSetConnectorCredentialInput,
} from "./contract-integrations";

describe("API key scopes", () => {
  it("grants exactly the scopes a key holds: no prefixes, wildcards or case games", () => {
    expect(hasApiKeyScope(["audit:export"], "audit:export")).toBe(true);
    expect(hasApiKeyScope(["audit:read"], "audit:export")).toBe(false);
    expect(hasApiKeyScope([], "audit:export")).toBe(false);
    expect(hasApiKeyScope(["audit:*", "*", "AUDIT:EXPORT", "audit"], "audit:export")).toBe(false);
    for (const scope of API_KEY_SCOPES) expect(hasApiKeyScope([...API_KEY_SCOPES], scope)).toBe(true);
  });

  it("accepts only known scopes, at least one, and deduplicates them", () => {
    const ok = ZCreateApiKeyInput.parse({
      name: "  SIEM export ",
      scopes: ["audit:export", "audit:read", "audit:export"],
      expiresInDays: 90,
    });
    expect(ok).toEqual({ name: "SIEM export", scopes: ["audit:export", "audit:read"], expiresInDays: 90 });
    expect(ZCreateApiKeyInput.safeParse({ name: "x", scopes: [], expiresInDays: null }).success).toBe(false);
    expect(ZCreateApiKeyInput.safeParse({ name: "x", scopes: ["admin"], expiresInDays: null }).success).toBe(
      false,
    );
    expect(ZCreateApiKeyInput.safeParse({ name: "", scopes: ["audit:read"], expiresInDays: 1 }).success).toBe(
      false,
    );
    expect(
      ZCreateApiKeyInput.safeParse({ name: "x", scopes: ["audit:read"], expiresInDays: 0 }).success,
    ).toBe(false);
  });
});

describe("connector base URLs", () => {
  it("takes https anywhere and http only on this machine, normalised", () => {
    expect(ZConnectorBaseUrl.parse("https://acme.zendesk.com/")).toBe("https://acme.zendesk.com");
    expect(ZConnectorBaseUrl.parse(" https://help.acme.com/api/v2// ")).toBe("https://help.acme.com/api/v2");
    expect(ZConnectorBaseUrl.parse("http://localhost:8080")).toBe("http://localhost:8080");
    expect(ZConnectorBaseUrl.parse("http://127.0.0.1:3000/")).toBe("http://127.0.0.1:3000");
    expect(isLocalHttpUrl("http://localhost:8080")).toBe(true);
    expect(isLocalHttpUrl("https://localhost:8080")).toBe(false);
  });

  it("refuses plain http elsewhere, other schemes, credentials, queries and non-URLs", () => {
    for (const bad of [
      "http://acme.zendesk.com",
      "ftp://acme.com",
      "javascript:alert(1)",
      "https://user:pw@acme.zendesk.com",
      "https://acme.zendesk.com/?token=abc",
      "https://acme.zendesk.com/#x",
      "acme.zendesk.com",
      "",
    ]) {
      expect(ZConnectorBaseUrl.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("never echoes the secret in a validation message", () => {
    const secret = "short";
    const result = ZSetConnectorCredentialInput.safeParse({
      connector: "zendesk",
      baseUrl: "https://acme.zendesk.com",
      secret,
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain(secret);
  });
});
