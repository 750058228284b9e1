import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleCookies, secureCookiesFor } from "./cookies";

const SECRET = "unit-test-secret-0123456789";

describe("console cookies", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("are Secure only when NEXTAUTH_URL is https", () => {
    expect(secureCookiesFor("https://keel.example")).toBe(true);
    expect(secureCookiesFor("HTTPS://keel.example/console")).toBe(true);
    expect(secureCookiesFor("http://localhost:3000")).toBe(false);
    expect(secureCookiesFor(undefined)).toBe(false);
    expect(secureCookiesFor("not a url")).toBe(false);
  });

  it("over https: every cookie httpOnly, SameSite=Lax, Secure, with __Secure-/__Host- names", () => {
    const cookies = Object.values(consoleCookies(true));
    expect(cookies).toHaveLength(6);
    for (const cookie of cookies) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
      expect(cookie.name).toMatch(/^__(Secure|Host)-next-auth\./);
    }
    const { csrfToken, sessionToken } = consoleCookies(true);
    expect(sessionToken.name).toBe("__Secure-next-auth.session-token");
    // __Host- cookies must be Secure, path /, and carry no Domain.
    expect(csrfToken.name).toBe("__Host-next-auth.csrf-token");
    expect(csrfToken.options).not.toHaveProperty("domain");
  });

  it("over http (localhost): httpOnly and SameSite=Lax, without Secure or prefixes", () => {
    for (const cookie of Object.values(consoleCookies(false))) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
      expect(cookie.name).toMatch(/^next-auth\./);
    }
  });

  it("the console's auth options use them, following NEXTAUTH_URL", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    vi.stubEnv("NEXTAUTH_URL", "https://keel.example");
    const secure = (await import("./options")).getAuthOptions();
    expect(secure.useSecureCookies).toBe(true);
    expect(secure.cookies?.sessionToken?.name).toBe("__Secure-next-auth.session-token");
    expect(secure.cookies?.sessionToken?.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
    });

    vi.resetModules();
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const local = (await import("./options")).getAuthOptions();
    expect(local.useSecureCookies).toBe(false);
    expect(local.cookies?.sessionToken?.name).toBe("next-auth.session-token");
    expect(local.cookies?.sessionToken?.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      secure: false,
    });
  });
});
