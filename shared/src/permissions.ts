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
  "approval.decide",
  "escalation.take",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const DEFAULT_PERMISSION_GRANTS: Record<TRole, readonly TPermission[]> = {
  agent: ["ticket.read", "extensionToken.manageOwn", "console.access"],
  supervisor: [
    "ticket.read",
    "audit.read",
    "extensionToken.manageOwn",
    "console.access",
    "approval.decide",
    "escalation.take",
  ],
  admin: [
    "ticket.read",
    "audit.read",
    "extensionToken.manageOwn",
    "extensionToken.manageTenant",
    "console.access",
    "approval.decide",
    "escalation.take",
  ],
  auditor: ["audit.read", "extensionToken.manageOwn", "console.access"],
};

/** Default mode for every role and action. A test fails when an action lacks a mode for a role. */
export const DEFAULT_ACTION_MODES: Record<TRole, Record<TActionId, TActionMode>> = {
  agent: {
    "ticket.summarize": "execute",
    "kb.suggest": "execute",
    "reply.draft": "execute",
    "ticket.setStatus": "execute",
    "ticket.addTags": "execute",
    "ticket.addInternalNote": "execute",
    "customer.requestVerification": "execute",
    "ticket.assignQueue": "execute",
    "order.refund": "execute_with_approval",
    "order.cancel": "execute_with_approval",
    "account.changeOwner": "draft",
    "account.revokeAccess": "execute_with_approval",
    "account.sendPasswordReset": "execute_with_approval",
  },
  supervisor: {
    "ticket.summarize": "execute",
    "kb.suggest": "execute",
    "reply.draft": "execute",
    "ticket.setStatus": "execute",
    "ticket.addTags": "execute",
    "ticket.addInternalNote": "execute",
    "customer.requestVerification": "execute",
    "ticket.assignQueue": "execute",
    "order.refund": "execute",
    "order.cancel": "execute",
    "account.changeOwner": "execute_with_approval",
    "account.revokeAccess": "execute_with_approval",
    "account.sendPasswordReset": "execute",
  },
  admin: {
    "ticket.summarize": "execute",
    "kb.suggest": "execute",
    "reply.draft": "execute",
    "ticket.setStatus": "execute",
    "ticket.addTags": "execute",
    "ticket.addInternalNote": "execute",
    "customer.requestVerification": "execute",
    "ticket.assignQueue": "execute",
    "order.refund": "execute_with_approval",
    "order.cancel": "execute_with_approval",
    "account.changeOwner": "execute_with_approval",
    "account.revokeAccess": "execute_with_approval",
    "account.sendPasswordReset": "execute",
  },
  // Auditors read audit data and nothing else.
  auditor: {
    "ticket.summarize": "deny",
    "kb.suggest": "deny",
    "reply.draft": "deny",
    "ticket.setStatus": "deny",
    "ticket.addTags": "deny",
    "ticket.addInternalNote": "deny",
    "customer.requestVerification": "deny",
    "ticket.assignQueue": "deny",
    "order.refund": "deny",
    "order.cancel": "deny",
    "account.changeOwner": "deny",
    "account.revokeAccess": "deny",
    "account.sendPasswordReset": "deny",
  },
};

/** A tenant's matrix: a mode per role per action (stored versioned per tenant; defaults above). */
export type TPermissionMatrix = Record<TRole, Record<TActionId, TActionMode>>;

export type TDecision = { allowed: true } | { allowed: false; reason: string };

/** The one place that decides whether a role holds a permission. Returns a result; never throws. */
export function can(role: TRole, permission: TPermission): TDecision {
  const grants = DEFAULT_PERMISSION_GRANTS[role];
  if (grants?.includes(permission)) return { allowed: true };
  return { allowed: false, reason: `role "${role}" lacks permission "${permission}"` };
}

/** The mode a role has for an action; unknown roles or actions get "deny" (fail closed). */
export function actionMode(
  role: TRole,
  action: TActionId,
  matrix: TPermissionMatrix = DEFAULT_ACTION_MODES,
): TActionMode {
  const mode = matrix[role]?.[action];
  return mode && (ACTION_MODES as readonly string[]).includes(mode) ? mode : "deny";
}

/** Whether a role may run an action itself right now (mode "execute"). */
export function canExecute(
  role: TRole,
  action: TActionId,
  matrix: TPermissionMatrix = DEFAULT_ACTION_MODES,
): TDecision {
  const mode = actionMode(role, action, matrix);
  if (mode === "execute") return { allowed: true };
  return { allowed: false, reason: `role "${role}" has mode "${mode}" for action "${action}"` };
}
