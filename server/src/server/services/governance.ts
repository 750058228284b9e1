import type { Database, Prisma } from "@keel/db";
import { ACTIONS, actionMode, type TActionId, type TGovernanceDecision } from "@keel/shared";
import type { TActor } from "../actor";
import { combine, decidePolicy } from "../policy";
import { getEffectiveMatrix } from "./permissions";
import { getPublished } from "./policies";

/** What is in force for a tenant right now, read with the action's target in one query (action-store.ts). */
export type TGovernanceHeads = {
  rolloutMode: TActor["tenant"]["rolloutMode"];
  /** The permission matrix version in force (null: Keel's defaults). */
  matrixVersion: number | null;
  /** The published policy version (null: the built-in default). */
  policyVersion: number | null;
};

export type TGovernanceInput = {
  heads: TGovernanceHeads;
  actor: TActor;
  actionId: TActionId;
  params: Record<string, unknown>;
  customer: { verified: boolean; tier: string };
  /** A human clicked to confirm this exact request. */
  confirmed: boolean;
  /** The ticket's customer messages hold instructions aimed at the copilot (services/ticket-safety.ts). */
  injectionFlagged: boolean;
};

/**
 * The one place that decides whether a governed action executes, waits for approval, or is denied:
 * the tenant's permission matrix (versioned), its published Cedar policy (versioned), and its rollout
 * mode, combined by policy/combine.ts. The decision names the versions and rules that decided it.
 */
export async function decideGovernance(
  db: Database,
  /** The caller's tenant transaction, if any (read only when a cache misses). */
  tx: Prisma.TransactionClient | undefined,
  input: TGovernanceInput,
): Promise<TGovernanceDecision & { mustEscalate: boolean }> {
  const tenantId = input.actor.tenant.id;
  const { rolloutMode } = input.heads;
  // Cached per process by version: with the versions in hand, a warm cache costs no query.
  const matrix = await getEffectiveMatrix(db, tenantId, tx, input.heads.matrixVersion);
  const policy = await getPublished(db, tenantId, "policy", tx, input.heads.policyVersion);
  const mode = actionMode(input.actor.role, input.actionId, matrix.matrix);
  const amount = typeof input.params.amount === "number" ? input.params.amount : undefined;
  const currency = typeof input.params.currency === "string" ? input.params.currency : undefined;
  const policyDecision = decidePolicy({
    tenantId,
    policy,
    principal: { userId: input.actor.userId, role: input.actor.role },
    action: input.actionId,
    risk: ACTIONS[input.actionId].risk,
    params: input.params,
    context: {
      ...(amount !== undefined ? { amount } : {}),
      ...(currency !== undefined ? { currency } : {}),
      customerVerified: input.customer.verified,
      customerTier: input.customer.tier,
      rolloutMode,
    },
  });
  const combined = combine({
    action: input.actionId,
    mode,
    policy: policyDecision,
    rolloutMode,
    confirmed: input.confirmed,
    injectionFlagged: input.injectionFlagged,
  });
  return {
    mode,
    effect: combined.effect,
    approvalsRequired: combined.approvalsRequired,
    mustEscalate: combined.mustEscalate,
    policyVersion: policy.version,
    permissionsVersion: matrix.version,
    rolloutMode,
    ruleIds: combined.ruleIds,
    reasons: combined.reasons,
  };
}
