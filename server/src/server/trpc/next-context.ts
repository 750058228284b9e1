import "server-only";
import { headers as nextHeaders } from "next/headers";
import { getEnv } from "~/env";
import { identityFromSession } from "../auth/session";
import { getDatabase } from "../db";
import { selfOriginsOf } from "../http/origins";
import { createContext } from "./init";

function originOf(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return null;
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** Context for an HTTP request to /api/trpc. */
export async function createHttpContext(req: Request) {
  return createContext({
    db: await getDatabase(),
    headers: req.headers,
    method: req.method,
    sessionIdentity: identityFromSession,
    // Where the request was addressed, and NEXTAUTH_URL (a TLS-terminating proxy may hide the scheme).
    selfOrigin: selfOriginsOf(req.headers, getEnv().NEXTAUTH_URL),
  });
}

/** Context for a server component or server action: the console's session cookie only. */
export async function createRscContext() {
  const headers = new Headers(await nextHeaders());
  headers.delete("authorization");
  return createContext({
    db: await getDatabase(),
    headers,
    method: "GET",
    sessionIdentity: identityFromSession,
    selfOrigin: originOf(headers),
  });
}
