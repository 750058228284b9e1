import * as z from "zod";
import { ACTION_IDS, type TActionId } from "./actions";
import { ROLES, type TRole } from "./roles";

/**
 * What a role may do with an action, from least to most:
 * deny < read < draft < execute_with_approval < execute.
 */
export const ACTION_MODES = ["deny", "read", "draft", "execute_with_approval", "execute"] as const;
export type TActionMode = (typeof ACTION_MODES)[number];
export const ZActionMode = z.enum(ACTION_MODES);

/** Modes that let a role start a change (a draft, a request for approval, or running it). */
export const WRITE_MODES: readonly TActionMode[] = ["draft", "execute_with_approval", "execute"];
/** Roles that may never hold a write mode, whatever a tenant's matrix says. */
export const READ_ONLY_ROLES: readonly TRole[] = ["auditor"];

/** Non-action permissions: reading data and managing the product itself. */
export const PERMISSIONS = [
  "ticket.read",
  "audit.read",
  "extensionToken.manageOwn",
  "extensionToken.manageTenant",
  "console.access",
  "approval.decide",
  "escalation.take",
  "policy.read",
  "policy.manage",
  "permissions.read",
  "permissions.manage",
  "apiKey.manage",
  "connector.manage",
  "knowledge.manage",
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
    "policy.read",
    "permissions.read",
  ],
  admin: [
    "ticket.read",
    "audit.read",
    "extensionToken.manageOwn",
    "extensionToken.manageTenant",
    "console.access",
    "approval.decide",
    "escalation.take",
    "policy.read",
    "policy.manage",
    "permissions.read",
    "permissions.manage",
    // Server-to-server keys and helpdesk credentials reach the whole tenant: admins only.
    "apiKey.manage",
    "connector.manage",
    // Articles, imports and who may read each knowledge tier.
    "knowledge.manage",
  ],
  // Auditors read audit data and the rules in force, and change nothing.
  auditor: ["audit.read", "extensionToken.manageOwn", "console.access", "policy.read", "permissions.read"],
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

/** A complete matrix: every role, every action, a valid mode, and nothing else. */
export const ZPermissionMatrix = z.strictObject(
  Object.fromEntries(
    ROLES.map((role) => [
      role,
      z.strictObject(Object.fromEntries(ACTION_IDS.map((action) => [action, ZActionMode]))),
    ]),
  ),
) as unknown as z.ZodType<TPermissionMatrix>;

/** Rules a matrix must follow beyond its shape: read-only roles never get a write mode. */
export function matrixProblems(matrix: TPermissionMatrix): string[] {
  const problems: string[] = [];
  for (const role of READ_ONLY_ROLES) {
    for (const action of ACTION_IDS) {
      const mode = matrix[role]?.[action];
      if (mode && WRITE_MODES.includes(mode)) {
        problems.push(`${role} may only have "deny" or "read" (${action} has "${mode}")`);
      }
    }
  }
  return problems;
}

export type TDecision = { allowed: true } | { allowed: false; reason: string };

/** The one place that decides whether a role holds a permission. Returns a result; never throws. */
export function can(role: TRole, permission: TPermission): TDecision {
  const grants = DEFAULT_PERMISSION_GRANTS[role];
  if (grants?.includes(permission)) return { allowed: true };
  return { allowed: false, reason: `role "${role}" lacks permission "${permission}"` };
}

/** The mode a role has for an action; unknown roles or actions, or a write mode for a read-only role, get "deny". */
export function actionMode(
  role: TRole,
  action: TActionId,
  matrix: TPermissionMatrix = DEFAULT_ACTION_MODES,
): TActionMode {
  const mode = matrix[role]?.[action];
  if (!mode || !(ACTION_MODES as readonly string[]).includes(mode)) return "deny";
  // Defence in depth: a stored matrix that slipped past validation still cannot let an auditor write.
  if (READ_ONLY_ROLES.includes(role) && WRITE_MODES.includes(mode)) return "deny";
  return mode;
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

/**
 * What an extension token may be used for: a subset of its holder's permissions, fixed when the token is
 * issued. "copilot" is the sidebar's work; administration (policies, permissions, keys, connectors,
 * other people's tokens) and the audit log stay in the console, even for an admin's token.
 */
export const TOKEN_SCOPES = {
  copilot: [
    "ticket.read",
    "approval.decide",
    "escalation.take",
    "extensionToken.manageOwn",
    "policy.read",
    "permissions.read",
  ],
} as const satisfies Record<string, readonly TPermission[]>;
export type TTokenScope = keyof typeof TOKEN_SCOPES;

/** Whether a token with these scopes may use a permission (unknown scopes grant nothing). */
export function tokenAllows(scopes: readonly string[], permission: TPermission): boolean {
  return scopes.some((scope) =>
    Object.hasOwn(TOKEN_SCOPES, scope)
      ? (TOKEN_SCOPES[scope as TTokenScope] as readonly TPermission[]).includes(permission)
      : false,
  );
}
