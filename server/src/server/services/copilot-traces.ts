import type { Database } from "@keel/db";
import { withTenant } from "@keel/db";
import type { TTraceDetail, TTraceSummary } from "@keel/shared";
import type { TActor } from "../actor";
import { notFound } from "../errors";

type TraceRow = {
  id: string;
  createdAt: Date;
  step: string;
  ticketId: string | null;
  actorId: string | null;
  promptId: string;
  promptVersion: number;
  model: string;
  latencyMs: number;
  output: unknown;
  replayOfId: string | null;
};

function summaryOf(t: TraceRow): TTraceSummary {
  const confidence = (t.output as { confidence?: unknown } | null)?.confidence;
  return {
    id: t.id,
    createdAt: t.createdAt.toISOString(),
    step: t.step,
    ticketId: t.ticketId,
    actorId: t.actorId,
    prompt: `${t.promptId}@${t.promptVersion}`,
    model: t.model,
    latencyMs: t.latencyMs,
    confidence: typeof confidence === "number" ? confidence : null,
    replayOfId: t.replayOfId,
  };
}

/** The tenant's copilot traces, newest first (optionally one ticket's), for people who read audit data. */
export async function listTraces(
  db: Database,
  actor: TActor,
  input: { limit: number; cursor?: string; ticketId?: string },
): Promise<{ traces: TTraceSummary[]; nextCursor: string | null }> {
  return withTenant(db, actor.tenant.id, async (tx) => {
    const rows = await tx.copilotTrace.findMany({
      where: { tenantId: actor.tenant.id, ...(input.ticketId ? { ticketId: input.ticketId } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const page = rows.slice(0, input.limit);
    return {
      traces: page.map(summaryOf),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }).catch((error: unknown) => {
    // A cursor from another tenant (or none at all) is simply not found.
    if ((error as { code?: string }).code === "P2025") throw notFound("Trace");
    throw error;
  });
}

/** One trace with the audit events that name it and its replays; another tenant's is not found. */
export async function getTrace(db: Database, actor: TActor, traceId: string): Promise<TTraceDetail> {
  const detail = await withTenant(db, actor.tenant.id, async (tx) => {
    const trace = await tx.copilotTrace.findFirst({ where: { id: traceId, tenantId: actor.tenant.id } });
    if (!trace) return null;
    // One transaction is one connection: its queries run one after the other.
    const events = await tx.auditEvent.findMany({
      where: {
        tenantId: actor.tenant.id,
        OR: [{ targetId: trace.id }, { metadata: { path: ["traceId"], equals: trace.id } }],
      },
      orderBy: { seq: "asc" },
      take: 50,
    });
    const replays = await tx.copilotTrace.findMany({
      where: { tenantId: actor.tenant.id, replayOfId: trace.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true },
      take: 20,
    });
    const retrieved = Array.isArray(trace.retrieved)
      ? (trace.retrieved as { articleId: string; version: number; score?: number }[]).map((r) => ({
          articleId: r.articleId,
          version: r.version,
          score: typeof r.score === "number" ? r.score : null,
        }))
      : [];
    return {
      ...summaryOf(trace),
      policyVersion: trace.policyVersion,
      charterVersion: trace.charterVersion,
      settings: trace.settings,
      retrieved,
      toolCalls: trace.toolCalls,
      input: trace.input,
      output: trace.output,
      tokensIn: trace.tokensIn,
      tokensOut: trace.tokensOut,
      events: events.map((e) => ({
        id: e.id,
        createdAt: e.createdAt.toISOString(),
        action: e.action,
        actorLabel: e.actorLabel,
        outcome: e.outcome,
        seq: e.seq ?? 0,
      })),
      replays: replays.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString() })),
    } satisfies TTraceDetail;
  });
  if (!detail) throw notFound("Trace");
  return detail;
}
