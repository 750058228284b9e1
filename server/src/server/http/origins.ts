/*
 * Browser-facing origin rules (docs/decisions/008): which origins may call the API cross-origin (CORS),
 * and whether a cookie-authenticated write came from the console's own pages (CSRF). Pure functions
 * over headers and settings: no Next, tRPC or database imports.
 */
import { KEEL_CSRF_HEADER } from "@keel/shared";

export { KEEL_CSRF_HEADER };

export type TOriginPolicy = {
  /** The server's own origin(s): from the Host header and from NEXTAUTH_URL. */
  self: readonly string[];
  /** Extension origins allowed cross-origin, or "any-chrome-extension" (development default). */
  extensions: readonly string[] | "any-chrome-extension";
};

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/;

/**
 * Parses KEEL_EXTENSION_ORIGINS ("chrome-extension://<id>,chrome-extension://<id>"). Returns null when
 * an entry is not an extension origin (so the environment check can say so).
 */
export function parseExtensionOrigins(raw: string): string[] | null {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim().toLowerCase().replace(/\/+$/, ""))
    .filter(Boolean);
  return entries.every((entry) => EXTENSION_ORIGIN.test(entry)) ? entries : null;
}

/**
 * The extension origins the API accepts: the listed ones when KEEL_EXTENSION_ORIGINS is set; when it
 * is not, any chrome-extension:// origin outside production, and none in production.
 */
export function extensionOriginsFor(
  raw: string | undefined,
  nodeEnv: "development" | "test" | "production",
): TOriginPolicy["extensions"] {
  if (raw?.trim()) return parseExtensionOrigins(raw) ?? [];
  return nodeEnv === "production" ? [] : "any-chrome-extension";
}

/** The origin of a URL (scheme://host[:port]), or null when it is not one. */
export function originOfUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The origin this request was addressed to, from the (forwarded) Host header. */
export function hostOriginOf(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return null;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return originOfUrl(`${proto}://${host}`);
}

/** The server's own origins for a request: where it was addressed, and the configured NEXTAUTH_URL. */
export function selfOriginsOf(headers: Headers, nextAuthUrl: string | undefined): string[] {
  const origins = [hostOriginOf(headers), originOfUrl(nextAuthUrl)].filter((o): o is string => Boolean(o));
  return [...new Set(origins)];
}

/** Whether a browser origin may call the API: the server's own, or an allowed extension. */
export function isAllowedOrigin(origin: string, policy: TOriginPolicy): boolean {
  if (policy.self.includes(origin)) return true;
  const normalized = origin.toLowerCase();
  if (policy.extensions === "any-chrome-extension")
    return /^chrome-extension:\/\/[a-z0-9-]{1,64}$/.test(normalized);
  return policy.extensions.includes(normalized);
}

/**
 * Why a cookie-authenticated request must be refused as possible CSRF, or null when it may proceed.
 * Reads (GET/HEAD) pass. A write must (1) come from one of the server's own origins: the Origin header
 * when present, otherwise `Sec-Fetch-Site: same-origin`; a write carrying neither is refused; and (2)
 * carry the `x-keel-csrf: 1` header, which a cross-site form cannot send.
 */
export function cookieWriteRefusal(
  headers: Headers,
  method: string,
  selfOrigins: readonly string[],
): string | null {
  const verb = method.toUpperCase();
  if (verb === "GET" || verb === "HEAD" || verb === "OPTIONS") return null;
  const origin = headers.get("origin");
  const fetchSite = headers.get("sec-fetch-site");
  if (origin !== null) {
    if (!selfOrigins.includes(origin)) return "origin is not this server";
  } else if (fetchSite === null) {
    return "neither Origin nor Sec-Fetch-Site says where the request came from";
  }
  if (fetchSite !== null && fetchSite !== "same-origin") return `Sec-Fetch-Site is ${fetchSite.slice(0, 20)}`;
  if (headers.get(KEEL_CSRF_HEADER) !== "1") return `the ${KEEL_CSRF_HEADER} header is missing`;
  return null;
}
