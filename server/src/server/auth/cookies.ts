/*
 * The console's next-auth cookies, spelled out (docs/decisions/008): every cookie is httpOnly and
 * SameSite=Lax; when NEXTAUTH_URL is https they are also Secure and carry the __Secure- prefix (the
 * CSRF token __Host-: Secure, path /, no Domain), so a network attacker or a sibling subdomain cannot
 * plant or read them. Over http (localhost development and tests) browsers would drop Secure cookies,
 * so neither the flag nor the prefixes are used there.
 */
import type { CookieOption, CookiesOptions } from "next-auth";

/** Whether the console is served over https (NEXTAUTH_URL), which turns on Secure cookies. */
export function secureCookiesFor(nextAuthUrl: string | undefined): boolean {
  if (!nextAuthUrl) return false;
  try {
    return new URL(nextAuthUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/** next-auth's cookie names and options for the console. */
export function consoleCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? "__Secure-" : "";
  const cookie = (name: string, maxAge?: number, hostOnly = false): CookieOption => ({
    name: `${hostOnly && secure ? "__Host-" : prefix}next-auth.${name}`,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
      ...(maxAge === undefined ? {} : { maxAge }),
    },
  });
  return {
    sessionToken: cookie("session-token"),
    callbackUrl: cookie("callback-url"),
    csrfToken: cookie("csrf-token", undefined, true),
    pkceCodeVerifier: cookie("pkce.code_verifier", 15 * 60),
    state: cookie("state", 15 * 60),
    nonce: cookie("nonce"),
  };
}
