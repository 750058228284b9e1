import type { Prisma } from "@keel/db";
import type { TActionId } from "@keel/shared";

export type TTargetKind = "ticket" | "customer" | "order" | "account";

/** The record an action reads or changes, as the connector sees it right now. */
export type TTarget = {
  kind: TTargetKind;
  id: string;
  /** Approvals bind to this; any change to the record voids them. */
  version: number;
  /** The customer the record belongs to, for policy attributes and ticket consistency checks. */
  customerId: string | null;
  /** Facts shown to approvers and put in escalation bundles. */
  facts: Record<string, string>;
};

export type TExecutionContext = {
  tenantId: string;
  requestId: string;
  actor: { userId: string; name: string };
};

/**
 * An execution known before it runs: the statements that make the change (tenant-scoped, run in
 * order, all or nothing with the request row and its audit event) and the result they produce.
 */
export type TExecutionPlan = {
  writes: Prisma.Sql[];
  result: Record<string, string | number | boolean | null>;
};

/**
 * Where actions take effect. A connector loads targets (tenant-scoped) and executes actions. The
 * sandbox connector runs inside the caller's database transaction, so the change, the request's
 * status and the audit event commit together; HTTP connectors (Zendesk, Freshdesk) will execute with
 * the request id as idempotency key.
 */
export interface ActionConnector {
  readonly id: string;
  loadTarget(
    tx: Prisma.TransactionClient,
    tenantId: string,
    kind: TTargetKind,
    id: string,
  ): Promise<TTarget | null>;
  /**
   * The action as a plan of writes, for actions that need no reads to execute (null otherwise). The
   * governed path then commits change, request and audit event in one statement (action-store.ts).
   */
  plan?(
    context: TExecutionContext,
    actionId: TActionId,
    params: Record<string, unknown>,
  ): TExecutionPlan | null;
  execute(
    tx: Prisma.TransactionClient,
    context: TExecutionContext,
    actionId: TActionId,
    params: Record<string, unknown>,
  ): Promise<Record<string, string | number | boolean | null>>;
}
