import type { TRole, ZTenantInfo, ZUserInfo } from "@keel/shared";
import type * as z from "zod";

/*
 * What the extension remembers about its connection to a Keel server.
 * The stored connection (with the token) lives in chrome.storage.local and is read by the background
 * worker and the extension's own pages only. Content scripts get the token-free public status.
 */

export const STORAGE_KEYS = {
  /** chrome.storage.local, trusted contexts only: the connection including the token. */
  connection: "keel.connection",
  notice: "keel.notice",
  lastServerUrl: "keel.lastServerUrl",
  /** chrome.storage.session, readable by content scripts: the public status mirror. */
  publicStatus: "keel.publicStatus",
} as const;

type TUserInfo = z.infer<typeof ZUserInfo>;
type TTenantInfo = z.infer<typeof ZTenantInfo>;

export type TStoredConnection = {
  serverUrl: string;
  token: string;
  tokenId: string;
  expiresAt: string;
  user: TUserInfo;
  tenant: TTenantInfo;
  role: TRole;
  connectedAt: string;
};

export type TStoredState = {
  connection: TStoredConnection | null;
  /** Why the extension is not connected any more (expired or revoked token), shown once to the user. */
  notice: string | null;
  /** The last server the user connected to, to prefill the form. */
  lastServerUrl: string | null;
};

export const EMPTY_STATE: TStoredState = { connection: null, notice: null, lastServerUrl: null };

export type TConnectedStatus = {
  connected: true;
  serverUrl: string;
  tokenId: string;
  expiresAt: string;
  user: TUserInfo;
  tenant: TTenantInfo;
  role: TRole;
};
export type TDisconnectedStatus = { connected: false; notice: string | null; lastServerUrl: string | null };

/** The connection as everyone may see it: never the token. */
export type TPublicStatus = TConnectedStatus | TDisconnectedStatus;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * Checks the status mirror read from chrome.storage.session (written by our own background worker).
 * A plain guard rather than zod keeps zod out of the content script.
 */
export function isPublicStatus(value: unknown): value is TPublicStatus {
  if (!isRecord(value)) return false;
  if (value.connected === false) return true;
  return (
    value.connected === true &&
    typeof value.serverUrl === "string" &&
    typeof value.tokenId === "string" &&
    typeof value.expiresAt === "string" &&
    typeof value.role === "string" &&
    isRecord(value.user) &&
    isRecord(value.tenant) &&
    typeof value.tenant.name === "string"
  );
}

export function isExpired(expiresAt: string, now: Date): boolean {
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) || at <= now.getTime();
}

export function toPublicStatus(state: TStoredState): TPublicStatus {
  const c = state.connection;
  if (!c) return { connected: false, notice: state.notice, lastServerUrl: state.lastServerUrl };
  return {
    connected: true,
    serverUrl: c.serverUrl,
    tokenId: c.tokenId,
    expiresAt: c.expiresAt,
    user: c.user,
    tenant: c.tenant,
    role: c.role,
  };
}

export const EXPIRED_NOTICE = "Your Keel session has expired or was revoked. Connect again to continue.";
