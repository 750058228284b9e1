import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@keel/db";
import {
  AUDIT_HEAD_NOT_READY,
  auditAppendSql,
  isKeelRaise,
  isUniqueViolation,
  newId,
  runTenantBatch,
  withTenant,
} from "@keel/db";
import {
  ACTIONS,
  formatMinor,
  type TActionId,
  type TActionRequestView,
  type TGovernanceDecision,
  type TRequestActionInput,
  ZRequestActionInput,
} from "@keel/shared";
import type * as z from "zod";
import type { TActor } from "../actor";
import { sandboxConnector } from "../connectors/sandbox";
import type { ActionConnector, TExecutionContext, TTarget } from "../connectors/types";
import { AppError, notFound } from "../errors";
import {
  actionRequestInsertSql,
  actionRequestRow,
  insertActionRequest,
  loadGovernedSnapshot,
  readGovernedSnapshot,
  type TNewActionRequest,
} from "./action-store";
import { auditActorOf, auditEventOf, recordAudit, type TAuditEvent } from "./audit";
import { decideGovernance } from "./governance";
import { paramsHash } from "./params-hash";
import { scanTicketSafety } from "./ticket-safety";

/** Pending approvals lapse after this long. */
export const APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;

type Tx = Prisma.TransactionClient;
type RequestRow = Prisma.ActionRequestGetPayload<{ include: { approvals: true } }>;

const connectorFor = (_tenantId: string): ActionConnector => sandboxConnector;

function describeZod(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "params"}: ${i.message}`)
    .join("; ");
}

/** Parses a request and its parameters against the action's own schema (clear 400 on failure). */
function parseRequest(raw: TRequestActionInput) {
  const input = ZRequestActionInput.parse(raw);
  const def = ACTIONS[input.actionId];
  if (def.changes === "nothing") {
    throw new AppError("BAD_REQUEST", `${input.actionId} is a copilot step, not an action to request.`);
  }
  const parsed = def.input.safeParse(input.params);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `Invalid parameters. ${describeZod(parsed.error)}`);
  return { ...input, params: parsed.data as Record<string, unknown>, def };
}

/**
 * Loads the action's target with everything the decision reads (one query for a ticket target, two
 * for others) and checks the target belongs to the ticket's customer (no cross-customer actions).
 */
async function loadBoundTarget(
  tx: Tx,
  tenantId: string,
  actionId: TActionId,
  params: Record<string, unknown>,
) {
  const def = ACTIONS[actionId];
  const targetId = String(params[def.target.field]);
  const ticketId = String(params.ticketId);
  const snapshot = await loadGovernedSnapshot(tx, tenantId, ticketId);
  const ticket = snapshot?.ticket;
  if (!snapshot || !ticket) return { missing: "Ticket" as const, targetId, ticketId };
  const target =
    def.target.kind === "ticket"
      ? ticket
      : await connectorFor(tenantId).loadTarget(tx, tenantId, def.target.kind, targetId);
  if (!target) return { missing: def.target.kind, targetId, ticketId };
  if (target.customerId && ticket.customerId && target.customerId !== ticket.customerId) {
    throw new AppError("BAD_REQUEST", `That ${def.target.kind} does not belong to this ticket's customer.`);
  }
  // Ticket content is untrusted: a ticket whose scan is not current is scanned before anything is decided.
  const injectionFlagged = snapshot.safety.current
    ? snapshot.safety.injectionFlagged
    : ((await scanTicketSafety(tx, tenantId, ticketId))?.injectionFlagged ?? true);
  return {
    target,
    ticket,
    targetId,
    ticketId,
    heads: snapshot.heads,
    customer: snapshot.customer,
    injectionFlagged,
  };
}

/** Locks an action request row for the rest of the transaction (serialises approvals). */
async function lockRequest(tx: Tx, tenantId: string, requestId: string): Promise<RequestRow | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ActionRequest" WHERE "id" = ${requestId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.actionRequest.findFirst({ where: { id: requestId, tenantId }, include: { approvals: true } });
}

type ExecutionOutcome =
  | { status: "executed"; result: Record<string, unknown> }
  | { status: "failed"; error: string };

/**
 * Runs an action through the connector inside the transaction. Business refusals (AppError) become a
 * failed request; anything unexpected propagates and rolls everything back.
 */
async function execute(
  tx: Tx,
  actor: TActor,
  request: { id: string; actionId: TActionId; params: Record<string, unknown> },
) {
  const connector = connectorFor(actor.tenant.id);
  try {
    const result = await connector.execute(
      tx,
      executionContext(actor, request.id),
      request.actionId,
      request.params,
    );
    return { status: "executed", result } satisfies ExecutionOutcome;
  } catch (error) {
    if (error instanceof AppError)
      return { status: "failed", error: error.message } satisfies ExecutionOutcome;
    throw error;
  }
}

type TDecision = Awaited<ReturnType<typeof decideGovernance>>;

/**
 * What a decision leads to, before anything is written: refused outright (an audit event only), or a
 * request row in its state with its audit event; `execute` when the action runs now.
 */
function outcomeOf(
  decision: TDecision,
  base: Omit<TNewActionRequest, "status">,
  target: Pick<TTarget, "kind" | "id">,
):
  | { forbidden: string; event: TAuditEvent }
  | { request: TNewActionRequest; event: TAuditEvent; execute: boolean } {
  const { actionId, id } = base;
  if (decision.mode === "deny" || decision.mode === "read") {
    const reason = decision.reasons.join("; ");
    return {
      forbidden: reason,
      event: {
        action: "action.denied",
        targetType: target.kind,
        targetId: target.id,
        outcome: "denied",
        reason,
        metadata: { actionId, ruleIds: decision.ruleIds },
      },
    };
  }
  if (decision.effect === "deny") {
    return {
      request: { ...base, status: "denied" },
      execute: false,
      event: {
        action: "action.denied",
        targetType: target.kind,
        targetId: target.id,
        outcome: "denied",
        reason: decision.reasons.join("; "),
        metadata: { actionId, requestId: id, ruleIds: decision.ruleIds },
      },
    };
  }
  if (decision.effect === "require_approval") {
    return {
      request: { ...base, status: "pending_approval", expiresAt: new Date(Date.now() + APPROVAL_TTL_MS) },
      execute: false,
      event: {
        action: "action.requested",
        targetType: target.kind,
        targetId: target.id,
        outcome: "success",
        reason: `waiting for ${decision.approvalsRequired} approval(s)`,
        metadata: { actionId, requestId: id, ruleIds: decision.ruleIds },
      },
    };
  }
  // Executes now; the request and its event are completed with the execution's outcome.
  return {
    request: { ...base, status: "executed" },
    execute: true,
    event: executedEvent(target, actionId, id, { status: "executed", result: {} }),
  };
}

/** A request completed with its execution's outcome, and the event recording it. */
function withExecution(
  request: TNewActionRequest,
  target: Pick<TTarget, "kind" | "id">,
  outcome: ExecutionOutcome,
): { request: TNewActionRequest; event: TAuditEvent } {
  return {
    request:
      outcome.status === "executed"
        ? { ...request, status: "executed", result: outcome.result }
        : { ...request, status: "failed", error: outcome.error },
    event: executedEvent(target, request.actionId, request.id, outcome),
  };
}

type TRequested =
  | null // no such ticket or target in the caller's tenant
  | { forbidden: string }
  | { id: string; row?: Prisma.ActionRequestGetPayload<object> };

/** The request's fixed part, before its status is known. */
function requestBase(
  actor: TActor,
  input: ReturnType<typeof parseRequest>,
  target: Pick<TTarget, "kind" | "id" | "version">,
  ticketId: string,
  decision: TDecision,
  keys: { idempotencyKey: string; hash: string },
): Omit<TNewActionRequest, "status"> {
  return {
    id: newId("act"),
    tenantId: actor.tenant.id,
    actionId: input.actionId,
    params: input.params,
    paramsHash: keys.hash,
    targetType: target.kind,
    targetId: target.id,
    targetVersion: target.version,
    ticketId,
    requestedById: actor.userId,
    decision: decision as unknown as Record<string, unknown>,
    approvalsRequired: decision.approvalsRequired,
    idempotencyKey: keys.idempotencyKey,
    expiresAt: null,
    result: null,
    error: null,
  };
}

/**
 * The batched path, for actions on a ticket (nearly all of them): the snapshot in one round trip, the
 * decision in process, then every write (the change when the connector can plan it, the request row,
 * the audit event) in one statement, all or nothing (docs/decisions/014-one-statement-governed-writes.md).
 * Returns "interactive" when the interactive path must decide instead: another target kind, an
 * immediate action the connector executes with reads, or a tenant whose audit chain head must first
 * be created or sealed.
 */
async function requestBatched(
  db: Database,
  actor: TActor,
  input: ReturnType<typeof parseRequest>,
  keys: { idempotencyKey: string; hash: string },
): Promise<TRequested | "interactive"> {
  if (input.def.target.kind !== "ticket") return "interactive";
  const tenantId = actor.tenant.id;
  const who = auditActorOf(actor);
  const ticketId = String(input.params.ticketId);
  const append = (event: TAuditEvent) => auditAppendSql(auditEventOf(who, event), { strict: true });
  const commit = (writes: Prisma.Sql[]) => runTenantBatch(db, tenantId, writes);
  try {
    const snapshot = await readGovernedSnapshot(db, tenantId, ticketId);
    const ticket = snapshot?.ticket;
    if (!snapshot || !ticket) {
      await commit([append(notFoundEvent(ticketId, "Ticket", ticketId, input.actionId))]);
      return null;
    }
    // A ticket to scan first (never scanned, or a customer message since): the interactive path does.
    if (!snapshot.safety.current) return "interactive";
    const decision = await decideGovernance(db, undefined, {
      heads: snapshot.heads,
      actor,
      actionId: input.actionId,
      params: input.params,
      customer: snapshot.customer,
      confirmed: input.confirmed,
      injectionFlagged: snapshot.safety.injectionFlagged,
    });
    const base = requestBase(actor, input, ticket, ticketId, decision, keys);
    const outcome = outcomeOf(decision, base, ticket);
    if ("forbidden" in outcome) {
      await commit([append(outcome.event)]);
      return { forbidden: outcome.forbidden };
    }
    let writes: Prisma.Sql[] = [];
    let { request, event } = outcome;
    if (outcome.execute) {
      const plan = connectorFor(tenantId).plan?.(
        executionContext(actor, request.id),
        input.actionId,
        input.params,
      );
      if (!plan) return "interactive";
      writes = plan.writes;
      ({ request, event } = withExecution(request, ticket, { status: "executed", result: plan.result }));
    }
    const now = new Date();
    await commit([...writes, actionRequestInsertSql(request, now), append(event)]);
    return { id: request.id, row: actionRequestRow(request, now) };
  } catch (error) {
    // A chain head to create or seal first: the interactive path does that (once per tenant).
    if (isKeelRaise(error, AUDIT_HEAD_NOT_READY)) return "interactive";
    throw error;
  }
}

/** The event for a request whose ticket or target is not in the caller's tenant. */
function notFoundEvent(
  ticketId: string,
  missing: string,
  targetId: string,
  actionId: TActionId,
): TAuditEvent {
  return {
    action: "action.requested",
    targetType: "ticket",
    targetId: ticketId,
    outcome: "not_found",
    reason: `${missing} ${targetId} not found in the caller's tenant`,
    metadata: { actionId },
  };
}

function executionContext(actor: TActor, requestId: string): TExecutionContext {
  return { tenantId: actor.tenant.id, requestId, actor: { userId: actor.userId, name: actor.name } };
}

/** The interactive path: one tenant transaction that reads, decides, executes and records. */
async function requestInteractive(
  db: Database,
  actor: TActor,
  input: ReturnType<typeof parseRequest>,
  keys: { idempotencyKey: string; hash: string },
): Promise<TRequested> {
  const who = auditActorOf(actor);
  return withTenant(db, actor.tenant.id, async (tx) => {
    const bound = await loadBoundTarget(tx, actor.tenant.id, input.actionId, input.params);
    if (!("target" in bound) || !bound.target) {
      await recordAudit(
        tx,
        who,
        notFoundEvent(bound.ticketId, bound.missing, bound.targetId, input.actionId),
      );
      return null;
    }
    const { target } = bound;
    const decision = await decideGovernance(db, tx, {
      heads: bound.heads,
      actor,
      actionId: input.actionId,
      params: input.params,
      customer: bound.customer,
      confirmed: input.confirmed,
      injectionFlagged: bound.injectionFlagged,
    });
    const base = requestBase(actor, input, target, bound.ticketId, decision, keys);
    const outcome = outcomeOf(decision, base, target);
    if ("forbidden" in outcome) {
      await recordAudit(tx, who, outcome.event);
      return { forbidden: outcome.forbidden };
    }
    let { request, event } = outcome;
    // The sandbox connector executes inside this transaction, so the request is recorded once, with
    // its outcome, after the change (the change, the request and its audit event commit together).
    if (outcome.execute) {
      const executed = await execute(tx, actor, {
        id: request.id,
        actionId: input.actionId,
        params: input.params,
      });
      ({ request, event } = withExecution(request, target, executed));
    }
    const row = await insertActionRequest(tx, request);
    await recordAudit(tx, who, event);
    return { id: request.id, row };
  });
}

/**
 * Requests a governed action. The server decides (permission matrix, policy, rollout mode, the human's
 * confirmation): it executes now, waits for approvals bound to the exact parameters and the target's
 * version, or is denied. Retrying with the same idempotency key returns the same request.
 */
export async function requestAction(
  db: Database,
  actor: TActor,
  raw: TRequestActionInput,
): Promise<TActionRequestView> {
  const input = parseRequest(raw);
  const idempotencyKey = `${actor.tenant.id}:${input.idempotencyKey ?? randomUUID()}`;
  const keys = { idempotencyKey, hash: paramsHash(input.actionId, input.params) };

  // A generated key is new by construction; only a caller-supplied key can repeat.
  const existing = input.idempotencyKey
    ? await withTenant(db, actor.tenant.id, (tx) =>
        tx.actionRequest.findUnique({ where: { idempotencyKey } }),
      )
    : null;
  if (existing) {
    if (existing.requestedById !== actor.userId || existing.paramsHash !== keys.hash) {
      throw new AppError("CONFLICT", "This idempotency key was already used for a different request.");
    }
    return getActionRequest(db, actor, existing.id);
  }

  const requested = await (async () => {
    const batched = await requestBatched(db, actor, input, keys);
    return batched === "interactive" ? requestInteractive(db, actor, input, keys) : batched;
  })().catch(async (error: unknown): Promise<TRequested> => {
    // Two concurrent retries with one idempotency key: the loser sees the winner's request.
    const duplicate = isUniqueViolation(error) && input.idempotencyKey;
    if (!duplicate) throw error;
    const winner = await withTenant(db, actor.tenant.id, (tx) =>
      tx.actionRequest.findUnique({ where: { idempotencyKey } }),
    );
    if (!winner || winner.requestedById !== actor.userId || winner.paramsHash !== keys.hash) throw error;
    return { id: winner.id };
  });

  if (!requested) throw notFound("Ticket or target");
  if ("forbidden" in requested) throw new AppError("FORBIDDEN", requested.forbidden || "Not allowed.");
  // A fresh request: everything its view needs is in hand (no approvals yet, the requester is the actor).
  if (requested.row) {
    const requester = new Map([[actor.userId, { id: actor.userId, name: actor.name, email: actor.email }]]);
    return toView({ ...requested.row, approvals: [] }, requester, new Map());
  }
  return getActionRequest(db, actor, requested.id);
}

/** The audit event recording an execution's outcome (appended last by the caller). */
function executedEvent(
  target: Pick<TTarget, "kind" | "id">,
  actionId: TActionId,
  requestId: string,
  outcome: ExecutionOutcome,
): TAuditEvent {
  return {
    action: "action.executed",
    targetType: target.kind,
    targetId: target.id,
    outcome: outcome.status === "executed" ? "success" : "error",
    reason: outcome.status === "failed" ? outcome.error : undefined,
    metadata: { actionId, requestId },
  };
}

/** Records the outcome on an approved request; returns the audit event for the caller to append last. */
async function finish(
  tx: Tx,
  requestId: string,
  target: Pick<TTarget, "kind" | "id">,
  actionId: TActionId,
  outcome: ExecutionOutcome,
): Promise<{ event: TAuditEvent }> {
  await tx.actionRequest.update({
    where: { id: requestId },
    data:
      outcome.status === "executed"
        ? { status: "executed", executedAt: new Date(), result: outcome.result as Prisma.InputJsonObject }
        : { status: "failed", error: outcome.error },
  });
  return { event: executedEvent(target, actionId, requestId, outcome) };
}

/**
 * A supervisor approves or rejects a pending request. The request row is locked, so concurrent clicks
 * queue up; the last required approval re-checks the target's version, permission and policy, then
 * executes exactly once. Later clicks see the outcome and change nothing.
 */
export async function decideApproval(
  db: Database,
  actor: TActor,
  input: { requestId: string; decision: "approve" | "reject"; reason: string },
): Promise<TActionRequestView> {
  const who = auditActorOf(actor);
  const outcome = await withTenant(
    db,
    actor.tenant.id,
    async (tx) => {
      const request = await lockRequest(tx, actor.tenant.id, input.requestId);
      if (!request) {
        await recordAudit(tx, who, {
          action: "approval.decided",
          targetType: "action_request",
          targetId: input.requestId,
          outcome: "not_found",
          reason: "no such request in the caller's tenant",
        });
        return { error: notFound("Request") };
      }
      const deny = async (reason: string, code: "FORBIDDEN" | "CONFLICT") => {
        await recordAudit(tx, who, {
          action: "approval.decided",
          targetType: "action_request",
          targetId: request.id,
          outcome: "denied",
          reason,
        });
        return { error: new AppError(code, reason) };
      };

      if (request.requestedById === actor.userId)
        return deny("You cannot approve or reject your own request.", "FORBIDDEN");
      // Repeated clicks (or a second instance) after the decision: report the outcome, change nothing.
      if (request.status !== "pending_approval") {
        if (request.approvals.some((a) => a.approverId === actor.userId)) return { ok: true } as const;
        return deny(`This request is already ${request.status.replace("_", " ")}.`, "CONFLICT");
      }
      if (request.approvals.some((a) => a.approverId === actor.userId)) return { ok: true } as const;
      if (request.expiresAt && request.expiresAt.getTime() <= Date.now()) {
        await tx.actionRequest.update({
          where: { id: request.id },
          data: { status: "expired", decidedAt: new Date() },
        });
        await recordAudit(tx, who, {
          action: "approval.decided",
          targetType: "action_request",
          targetId: request.id,
          outcome: "denied",
          reason: "the request expired before it was approved",
        });
        return { ok: true } as const;
      }

      await tx.approval.create({
        data: {
          id: newId("apv"),
          tenantId: actor.tenant.id,
          actionRequestId: request.id,
          approverId: actor.userId,
          decision: input.decision,
          reason: input.reason,
        },
      });
      // Audit events are appended last: the tenant's chain-head lock is then held only briefly,
      // not across the re-checks and the connector call.
      const audits: TAuditEvent[] = [
        {
          action: "approval.decided",
          targetType: "action_request",
          targetId: request.id,
          outcome: "success",
          reason: `${input.decision}: ${input.reason}`,
          metadata: { actionId: request.actionId },
        },
      ];
      const done = async () => {
        for (const event of audits) await recordAudit(tx, who, event);
        return { ok: true } as const;
      };

      if (input.decision === "reject") {
        await tx.actionRequest.update({
          where: { id: request.id },
          data: { status: "rejected", decidedAt: new Date() },
        });
        return done();
      }
      const approvals = request.approvals.filter((a) => a.decision === "approve").length + 1;
      if (approvals < request.approvalsRequired) return done();

      // Last approval: everything is checked again against the world as it is now.
      const actionId = request.actionId as TActionId;
      const params = request.params as Record<string, unknown>;
      const requester = await tx.membership.findFirst({
        where: { tenantId: actor.tenant.id, userId: request.requestedById },
        include: { user: { select: { name: true, email: true } } },
      });
      const voidWith = async (reason: string) => {
        await tx.actionRequest.update({
          where: { id: request.id },
          data: { status: "void", decidedAt: new Date(), error: reason },
        });
        audits.push({
          action: "action.voided",
          targetType: request.targetType,
          targetId: request.targetId,
          outcome: "denied",
          reason,
          metadata: { actionId, requestId: request.id },
        });
        return done();
      };
      if (paramsHash(actionId, params) !== request.paramsHash)
        return voidWith("the parameters no longer match the approved ones");
      const bound = await loadBoundTarget(tx, actor.tenant.id, actionId, params);
      if (!("target" in bound) || !bound.target) return voidWith("the record no longer exists");
      if (bound.target.version !== request.targetVersion) {
        return voidWith("the record changed after the request was made; ask again");
      }
      if (!requester) return voidWith("the requester is no longer a member of this workspace");
      const requesterActor: TActor = {
        ...actor,
        userId: request.requestedById,
        role: requester.role,
        name: requester.user.name,
        email: requester.user.email,
      };
      const recheck = await decideGovernance(db, tx, {
        heads: bound.heads,
        actor: requesterActor,
        actionId,
        params,
        customer: bound.customer,
        // The approvals are the people's clicks.
        confirmed: true,
        injectionFlagged: bound.injectionFlagged,
      });
      if (recheck.effect === "deny" || recheck.mode === "deny" || recheck.mode === "read") {
        return voidWith(`policy or permissions changed: ${recheck.reasons.join("; ")}`);
      }
      await tx.actionRequest.update({
        where: { id: request.id },
        data: { status: "executing", decidedAt: new Date() },
      });
      const executed = await execute(tx, requesterActor, { id: request.id, actionId, params });
      audits.push((await finish(tx, request.id, bound.target, actionId, executed)).event);
      return done();
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  if ("error" in outcome) throw outcome.error;
  return getActionRequest(db, actor, input.requestId);
}

// ---- reading -------------------------------------------------------------------------------------

async function toViews(tx: Tx, tenantId: string, rows: RequestRow[]): Promise<TActionRequestView[]> {
  const userIds = new Set<string>();
  for (const r of rows) {
    userIds.add(r.requestedById);
    for (const a of r.approvals) userIds.add(a.approverId);
  }
  // Users reached through this tenant's memberships only.
  const members = await tx.membership.findMany({
    where: { tenantId, userId: { in: [...userIds] } },
    include: { user: { select: { id: true, name: true, email: true } } },
  });
  const users = new Map(members.map((m) => [m.userId, m.user]));
  const labels = await targetLabels(tx, tenantId, rows);
  return rows.map((r) => toView(r, users, labels));
}

type TUserRef = { id: string; name: string; email: string };

/** One request as clients see it, from its row, the users it names and target labels. */
function toView(
  r: RequestRow,
  users: Map<string, TUserRef>,
  labels: Map<string, string>,
): TActionRequestView {
  const requester = users.get(r.requestedById);
  return {
    id: r.id,
    actionId: r.actionId as TActionId,
    risk: ACTIONS[r.actionId as TActionId]?.risk ?? "high",
    // A lapsed approval reads as expired even before anyone touches it (the row is marked, and
    // audited, when someone tries to decide it).
    status:
      r.status === "pending_approval" && r.expiresAt && r.expiresAt <= new Date() ? "expired" : r.status,
    params: r.params as Record<string, unknown>,
    ticketId: r.ticketId,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: labels.get(`${r.targetType}:${r.targetId}`),
    requestedBy: {
      id: r.requestedById,
      name: requester?.name ?? "former member",
      email: requester?.email ?? "",
    },
    decision: r.decision as unknown as TGovernanceDecision,
    approvals: r.approvals
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) => ({
        approverName: users.get(a.approverId)?.name ?? "former member",
        decision: a.decision,
        reason: a.reason,
        createdAt: a.createdAt.toISOString(),
      })),
    result: (r.result as Record<string, unknown> | null) ?? null,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    executedAt: r.executedAt?.toISOString() ?? null,
  };
}

/** Human labels for the targets of these requests, looked up in the tenant only. */
async function targetLabels(tx: Tx, tenantId: string, rows: RequestRow[]): Promise<Map<string, string>> {
  const ids = (kind: string) => [
    ...new Set(rows.filter((r) => r.targetType === kind).map((r) => r.targetId)),
  ];
  // Only the kinds present are queried: one request needs one lookup, not four. One transaction runs
  // one query at a time, so they run in turn.
  const lookup = async <T>(kind: string, query: (targetIds: string[]) => Promise<T[]>) => {
    const targetIds = ids(kind);
    return targetIds.length ? query(targetIds) : ([] as T[]);
  };
  const orders = await lookup("order", (id) => tx.order.findMany({ where: { tenantId, id: { in: id } } }));
  const accounts = await lookup("account", (id) =>
    tx.customerAccount.findMany({ where: { tenantId, id: { in: id } } }),
  );
  const customers = await lookup("customer", (id) =>
    tx.customer.findMany({ where: { tenantId, id: { in: id } } }),
  );
  const tickets = await lookup("ticket", (id) => tx.ticket.findMany({ where: { tenantId, id: { in: id } } }));
  const labels = new Map<string, string>();
  for (const o of orders) {
    labels.set(
      `order:${o.id}`,
      `Order ${o.number} · ${formatMinor(o.totalMinor, o.currency)} · ${o.status}, ${formatMinor(o.refundedMinor, o.currency)} refunded`,
    );
  }
  for (const a of accounts) labels.set(`account:${a.id}`, `${a.name} · owner ${a.ownerEmail} · ${a.status}`);
  for (const c of customers) labels.set(`customer:${c.id}`, `${c.name} · ${c.tier}`);
  for (const t of tickets) labels.set(`ticket:${t.id}`, `Ticket #${t.number} ${t.subject}`);
  return labels;
}

/** One request of the actor's tenant. */
export async function getActionRequest(
  db: Database,
  actor: TActor,
  requestId: string,
): Promise<TActionRequestView> {
  const view = await withTenant(db, actor.tenant.id, async (tx) => {
    const row = await tx.actionRequest.findFirst({
      where: { id: requestId, tenantId: actor.tenant.id },
      include: { approvals: true },
    });
    return row ? (await toViews(tx, actor.tenant.id, [row]))[0] : undefined;
  });
  if (!view) throw notFound("Request");
  return view;
}

/** Requests of the actor's tenant, newest first; `approvable` narrows to what the actor may decide. */
export async function listActionRequests(
  db: Database,
  actor: TActor,
  filter: { ticketId?: string; status?: TActionRequestView["status"]; approvable?: boolean; limit: number },
): Promise<TActionRequestView[]> {
  return withTenant(db, actor.tenant.id, async (tx) => {
    const rows = await tx.actionRequest.findMany({
      where: {
        tenantId: actor.tenant.id,
        ...(filter.ticketId ? { ticketId: filter.ticketId } : {}),
        ...(filter.approvable
          ? {
              status: "pending_approval",
              requestedById: { not: actor.userId },
              expiresAt: { gt: new Date() },
            }
          : filter.status
            ? { status: filter.status }
            : {}),
      },
      include: { approvals: true },
      orderBy: { createdAt: "desc" },
      take: filter.limit,
    });
    return toViews(tx, actor.tenant.id, rows);
  });
}
