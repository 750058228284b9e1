import type { TExtErrorCode } from "./result";

const TITLES: Partial<Record<TExtErrorCode, string>> = {
  NETWORK_ERROR: "Can't reach Keel",
  BAD_RESPONSE: "Unexpected answer from the server",
  UNAUTHORIZED: "Signed out",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Ticket not found",
  TOO_MANY_REQUESTS: "Too many requests",
  SERVICE_UNAVAILABLE: "Keel is unavailable",
  PERMISSION_REQUIRED: "Permission needed",
  NOT_CONNECTED: "Not connected",
  EXTENSION_ERROR: "Keel needs a reload",
};

/** A short heading for an error; the message itself is always shown as the server wrote it. */
export function errorTitle(code: TExtErrorCode): string {
  return TITLES[code] ?? "Something went wrong";
}

/** Errors that the options page can fix (sign in again, grant access), so the sidebar offers to open it. */
export function isFixedInOptions(code: TExtErrorCode): boolean {
  return code === "PERMISSION_REQUIRED" || code === "NOT_CONNECTED" || code === "UNAUTHORIZED";
}
