import "server-only";
import { getServerSession } from "next-auth";
import type { TIdentity } from "../actor";
import { getAuthOptions } from "./options";

type KeelSession = { keelUserId?: string | null; keelTenantId?: string | null };

/** The identity behind the console's session cookie, if any. */
export async function identityFromSession(): Promise<TIdentity | null> {
  const session = (await getServerSession(getAuthOptions())) as KeelSession | null;
  if (!session?.keelUserId) return null;
  return { via: "session", userId: session.keelUserId, sessionTenantId: session.keelTenantId ?? null };
}
