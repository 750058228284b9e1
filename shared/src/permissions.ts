import type { TActionId } from "./actions";
import type { TRole } from "./roles";

/**
 * What a role may do with an action, from least to most:
 * deny < read < draft < execute_with_approval < execute.
 */
export const ACTION_MODES = ["deny", "read", "draft", "execute_with_approval", "execute"] as const;
export type TActionMode = (typeof ACTION_MODES)[number];

/** Non-action permissions: reading data and managing the product itself. */
export const PERMISSIONS = [
  "ticket.read",
  "audit.read",
  "extensionToken.manageOwn",
  "extensionToken.manageTenant",
  "console.access",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const DEFAULT_PERMISSION_GRANTS: Record<TRole, readonly TPermission[]> = {
  agent: ["ticket.read", "extensionToken.manageOwn", "console.access"],
  supervisor: ["ticket.read", "audit.read", "extensionToken.manageOwn", "console.access"],
  admin: [
    "ticket.read",
    "audit.read",
    "extensionToken.manageOwn",
    "extensionToken.manageTenant",
    "console.access",
  ],
  auditor: ["audit.read", "extensionToken.manageOwn", "console.access"],
};

/** Default mode for every role and action. A test fails when an action lacks a mode for a role. */
export const DEFAULT_ACTION_MODES: Record<TRole, Record<TActionId, TActionMode>> = {
  agent: { "ticket.summarize": "execute" },
  supervisor: { "ticket.summarize": "execute" },
  admin: { "ticket.summarize": "execute" },
  auditor: { "ticket.summarize": "deny" },
};

export type TDecision = { allowed: true } | { allowed: false; reason: string };

/** The one place that decides whether a role holds a permission. Returns a result; never throws. */
export function can(role: TRole, permission: TPermission): TDecision {
  const grants = DEFAULT_PERMISSION_GRANTS[role];
  if (grants?.includes(permission)) return { allowed: true };
  return { allowed: false, reason: `role "${role}" lacks permission "${permission}"` };
}

/** The mode a role has for an action; unknown roles or actions get "deny" (fail closed). */
export function actionMode(role: TRole, action: TActionId): TActionMode {
  return DEFAULT_ACTION_MODES[role]?.[action] ?? "deny";
}

/** Whether a role may run an action itself right now (mode "execute"). */
export function canExecute(role: TRole, action: TActionId): TDecision {
  const mode = actionMode(role, action);
  if (mode === "execute") return { allowed: true };
  return { allowed: false, reason: `role "${role}" has mode "${mode}" for action "${action}"` };
}
