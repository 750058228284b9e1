import { ZRole, ZTenantInfo, ZUserInfo } from "@keel/shared";
import * as z from "zod";
import { STORAGE_KEYS, type TStoredConnection, type TStoredState } from "./connection";

/** The stored connection as the background reads it back from chrome.storage.local. */
export const ZStoredConnection = z.object({
  serverUrl: z.string(),
  token: z.string().min(1),
  tokenId: z.string(),
  expiresAt: z.string(),
  user: ZUserInfo,
  tenant: ZTenantInfo,
  role: ZRole,
  connectedAt: z.string(),
}) satisfies z.ZodType<TStoredConnection>;

/** Reads stored values defensively: anything malformed counts as "not connected". */
export function parseStoredState(raw: Record<string, unknown>): TStoredState {
  const connection = ZStoredConnection.safeParse(raw[STORAGE_KEYS.connection]);
  const notice = raw[STORAGE_KEYS.notice];
  const lastServerUrl = raw[STORAGE_KEYS.lastServerUrl];
  return {
    connection: connection.success ? connection.data : null,
    notice: typeof notice === "string" ? notice : null,
    lastServerUrl: typeof lastServerUrl === "string" ? lastServerUrl : null,
  };
}
