import type { Database, Prisma } from "@keel/db";
import { newId, withTenant } from "@keel/db";
import {
  ACTIONS,
  type TActionId,
  type TEscalationBundle,
  type TEscalationView,
  ZEscalationBundle,
  type ZEscalationTrigger,
} from "@keel/shared";
import type * as z from "zod";
import type { TActor } from "../actor";
import { summarizeConversation, terms } from "../engine/extractive";
import { AppError, notFound } from "../errors";
import { charterSaysEscalate } from "../policy";
import { auditActorOf, recordAudit } from "./audit";
import { getPublishedCharter } from "./policies";

type Trigger = z.infer<typeof ZEscalationTrigger>;
type Rule = { trigger: Trigger; fired: boolean; detail: string };

/** The customer asks for a person (checked on the customer's own messages only). */
const HUMAN_REQUEST =
  /\b(speak|talk|chat)\s+(to|with)\s+(a\s+|an\s+|the\s+|your\s+)?(real\s+|actual\s+)?(human|person|manager|supervisor|agent|someone)\b|\breal (human|person)\b|\bnot (a|another) bot\b|\bescalate (this|it|my)\b|\b(human|manager|supervisor),? please\b/i;

/** Topics that always need a human, whatever the confidence. */
const MUST_ESCALATE =
  /\b(lawyer|attorney|legal action|lawsuit|sue you|small claims|chargeback|dispute the charge|data breach|gdpr request|regulator|ombudsman)\b/i;

/** Account and money topics for which an unverified customer must be verified first. */
const NEEDS_IDENTITY =
  /\b(password|log ?in|sign ?in|account owner|ownership|transfer (the )?account|change (the )?email|refund|billing details|card)\b/i;

type TicketForAssessment = Prisma.TicketGetPayload<{
  include: { customer: true; messages: { orderBy: { createdAt: "asc" } } };
}>;

/**
 * How well the tenant's knowledge covers the customer's latest request: the best share of the
 * request's content terms found in one article. Low when nothing relevant is known.
 */
export function estimateConfidence(request: string, articles: { title: string; body: string }[]): number {
  const wanted = new Set(terms(request));
  if (wanted.size === 0) return 0;
  let best = 0;
  for (const article of articles) {
    const have = new Set(terms(`${article.title} ${article.body}`));
    let hits = 0;
    for (const t of wanted) if (have.has(t)) hits += 1;
    best = Math.max(best, hits / wanted.size);
  }
  // Coverage of ~60% of the request's terms already means a well-matching article.
  return Math.min(1, Math.round((best / 0.6) * 100) / 100);
}

async function loadTicket(
  db: Database,
  actor: TActor,
  ticketId: string,
): Promise<TicketForAssessment | null> {
  return withTenant(db, actor.tenant.id, (tx) =>
    tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: { customer: true, messages: { orderBy: { createdAt: "asc" } } },
    }),
  );
}

async function assess(db: Database, actor: TActor, ticket: TicketForAssessment) {
  const tenant = await withTenant(db, actor.tenant.id, (tx) =>
    tx.tenant.findUniqueOrThrow({
      where: { id: actor.tenant.id },
      select: { escalationThreshold: true },
    }),
  );
  const customerText = ticket.messages
    .filter((m) => m.authorType === "customer")
    .map((m) => m.body)
    .join("\n");
  const latestRequest =
    [...ticket.messages].reverse().find((m) => m.authorType === "customer")?.body ?? ticket.subject;
  const articles = await withTenant(db, actor.tenant.id, (tx) =>
    tx.knowledgeArticle.findMany({
      where: { tenantId: actor.tenant.id, tier: { in: ["public", "internal"] } },
      select: { id: true, title: true, body: true },
    }),
  );
  const confidence = estimateConfidence(`${ticket.subject}\n${latestRequest}`, articles);
  const pendingHighRisk = await withTenant(db, actor.tenant.id, (tx) =>
    tx.actionRequest.findMany({
      where: { tenantId: actor.tenant.id, ticketId: ticket.id, status: "pending_approval" },
      select: { actionId: true },
    }),
  );
  const highRisk = pendingHighRisk.filter((r) => ACTIONS[r.actionId as TActionId]?.risk === "high");
  const legal = MUST_ESCALATE.exec(customerText);
  const { charter } = await getPublishedCharter(db, actor.tenant.id);
  const charterVerdict = charterSaysEscalate(charter, { text: `${ticket.subject}\n${customerText}` });
  const human = HUMAN_REQUEST.exec(customerText);
  const identity = !ticket.customer.identityVerifiedAt
    ? NEEDS_IDENTITY.exec(`${ticket.subject}\n${customerText}`)
    : null;

  // In order: the first rule that fires is the trigger.
  const rules: Rule[] = [
    {
      trigger: "low_confidence",
      fired: confidence < tenant.escalationThreshold,
      detail: `confidence ${confidence.toFixed(2)} against the threshold ${tenant.escalationThreshold.toFixed(2)}`,
    },
    {
      trigger: "policy_must_escalate",
      fired: Boolean(legal) || (charterVerdict.escalate && !charterVerdict.silent),
      detail: legal
        ? `the customer mentions "${legal[0]}", which always goes to a human`
        : charterVerdict.escalate && !charterVerdict.silent
          ? `knowledge charter: ${charterVerdict.detail}`
          : "no must-escalate topic",
    },
    {
      trigger: "policy_silent",
      fired: charterVerdict.escalate && charterVerdict.silent,
      detail:
        charterVerdict.escalate && charterVerdict.silent
          ? `the knowledge charter is silent on a high-risk topic: ${charterVerdict.detail}`
          : "the charter covers what this ticket is about",
    },
    {
      trigger: "customer_requested_human",
      fired: Boolean(human),
      detail: human ? `the customer wrote "${human[0]}"` : "the customer did not ask for a person",
    },
    {
      trigger: "high_risk_action",
      fired: highRisk.length > 0,
      detail: highRisk.length
        ? `high-risk action pending: ${highRisk.map((r) => r.actionId).join(", ")}`
        : "no high-risk action pending",
    },
    {
      trigger: "identity_verification_needed",
      fired: Boolean(identity),
      detail: identity
        ? `the request concerns "${identity[0]}" and the customer's identity is not verified`
        : "no identity-sensitive request, or the customer is verified",
    },
  ];
  const first = rules.find((r) => r.fired) ?? null;
  return { rules, first, confidence, latestRequest, articles };
}

/** Runs the escalation rules for a ticket of the actor's tenant (read-only, audited as a read). */
export async function assessEscalation(db: Database, actor: TActor, ticketId: string) {
  const ticket = await loadTicket(db, actor, ticketId);
  if (!ticket) throw notFound("Ticket");
  const { rules, first, confidence } = await assess(db, actor, ticket);
  return {
    ticketId: ticket.id,
    escalate: Boolean(first),
    rules,
    trigger: first?.trigger ?? null,
    confidence,
  };
}

/**
 * Hands a ticket to a human with the whole context: the request, the facts, what was already done,
 * the confidence, the sources, and the exact trigger (or the agent's own request).
 */
export async function createEscalation(
  db: Database,
  actor: TActor,
  input: { ticketId: string; note?: string },
): Promise<TEscalationView> {
  const ticket = await loadTicket(db, actor, input.ticketId);
  if (!ticket) throw notFound("Ticket");
  const open = await withTenant(db, actor.tenant.id, (tx) =>
    tx.escalation.findFirst({
      where: { tenantId: actor.tenant.id, ticketId: ticket.id, status: { in: ["open", "taken"] } },
    }),
  );
  if (open) throw new AppError("CONFLICT", "This ticket is already escalated.");

  const { first, confidence, latestRequest, articles } = await assess(db, actor, ticket);
  const trigger: Trigger = first?.trigger ?? "agent_requested";
  const triggerDetail =
    first?.detail ?? (input.note ? `agent: ${input.note}` : "the agent asked for a hand-off");
  const requests = await withTenant(db, actor.tenant.id, (tx) =>
    tx.actionRequest.findMany({
      where: { tenantId: actor.tenant.id, ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
      select: { actionId: true, status: true, createdAt: true },
    }),
  );
  const summary = summarizeConversation(
    ticket.subject,
    ticket.messages.map((m) => ({ id: m.id, authorType: m.authorType, body: m.body, internal: m.internal })),
    { maxSentences: 4 },
  );
  const requestTerms = new Set(terms(latestRequest));
  const relevantArticles = articles
    .map((a) => ({ a, hits: terms(`${a.title} ${a.body}`).filter((t) => requestTerms.has(t)).length }))
    .filter((x) => x.hits > 0)
    .sort((x, y) => y.hits - x.hits)
    .slice(0, 3);
  const positions = new Map(ticket.messages.map((m, i) => [m.id, i + 1]));

  const bundle: TEscalationBundle = ZEscalationBundle.parse({
    customerRequest: latestRequest,
    facts: [
      { label: "Ticket", value: `#${ticket.number} ${ticket.subject}` },
      { label: "Status / priority", value: `${ticket.status} / ${ticket.priority}` },
      { label: "Customer", value: `${ticket.customer.name} (${ticket.customer.tier})` },
      { label: "Identity", value: ticket.customer.identityVerifiedAt ? "verified" : "not verified" },
      ...summary.map((s) => ({ label: `From message ${positions.get(s.messageId) ?? "?"}`, value: s.text })),
      ...(input.note ? [{ label: "Agent note", value: input.note }] : []),
    ],
    actionsTaken: requests.map((r) => ({
      actionId: r.actionId,
      status: r.status,
      at: r.createdAt.toISOString(),
    })),
    confidence,
    citedSources: [
      ...summary.map((s) => ({
        kind: "message" as const,
        id: s.messageId,
        label: `message ${positions.get(s.messageId) ?? "?"}`,
      })),
      ...relevantArticles.map(({ a }) => ({ kind: "article" as const, id: a.id, label: a.title })),
    ],
    trigger,
    triggerDetail,
  });

  const id = newId("esc");
  await withTenant(db, actor.tenant.id, async (tx) => {
    await tx.escalation.create({
      data: {
        id,
        tenantId: actor.tenant.id,
        ticketId: ticket.id,
        trigger,
        bundle: bundle as unknown as Prisma.InputJsonObject,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "escalation.created",
      targetType: "ticket",
      targetId: ticket.id,
      outcome: "success",
      reason: triggerDetail,
      metadata: { trigger, escalationId: id, ticketId: ticket.id },
    });
  });
  return getEscalation(db, actor, id);
}

type EscalationRow = Prisma.EscalationGetPayload<object>;

async function toViews(db: Database, tenantId: string, rows: EscalationRow[]): Promise<TEscalationView[]> {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.createdById, r.takenById]).filter((x): x is string => Boolean(x))),
  ];
  const members = await withTenant(db, tenantId, (tx) =>
    tx.membership.findMany({
      where: { tenantId, userId: { in: ids } },
      include: { user: { select: { name: true } } },
    }),
  );
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticketId,
    trigger: r.trigger as Trigger,
    status: r.status,
    bundle: r.bundle as unknown as TEscalationBundle,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null,
    takenBy: r.takenById ? (names.get(r.takenById) ?? null) : null,
  }));
}

async function getEscalation(db: Database, actor: TActor, id: string): Promise<TEscalationView> {
  const row = await withTenant(db, actor.tenant.id, (tx) =>
    tx.escalation.findFirst({ where: { id, tenantId: actor.tenant.id } }),
  );
  if (!row) throw notFound("Escalation");
  const [view] = await toViews(db, actor.tenant.id, [row]);
  if (!view) throw notFound("Escalation");
  return view;
}

/** Escalations of the actor's tenant, newest first. */
export async function listEscalations(
  db: Database,
  actor: TActor,
  filter: { status?: TEscalationView["status"]; ticketId?: string },
): Promise<TEscalationView[]> {
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.escalation.findMany({
      where: {
        tenantId: actor.tenant.id,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.ticketId ? { ticketId: filter.ticketId } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
  );
  return toViews(db, actor.tenant.id, rows);
}

/** A human takes over an open escalation (exactly one person can). */
export async function takeEscalation(
  db: Database,
  actor: TActor,
  escalationId: string,
): Promise<TEscalationView> {
  const taken = await withTenant(db, actor.tenant.id, async (tx) => {
    const result = await tx.escalation.updateMany({
      where: { id: escalationId, tenantId: actor.tenant.id, status: "open" },
      data: { status: "taken", takenById: actor.userId, takenAt: new Date() },
    });
    if (result.count === 0) return false;
    const row = await tx.escalation.findFirstOrThrow({
      where: { id: escalationId, tenantId: actor.tenant.id },
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "escalation.taken",
      targetType: "escalation",
      targetId: escalationId,
      outcome: "success",
      metadata: { trigger: row.trigger, escalationId, ticketId: row.ticketId },
    });
    return true;
  });
  if (!taken) {
    const exists = await withTenant(db, actor.tenant.id, (tx) =>
      tx.escalation.findFirst({
        where: { id: escalationId, tenantId: actor.tenant.id },
      }),
    );
    if (!exists) throw notFound("Escalation");
    throw new AppError("CONFLICT", "Someone already took this escalation.");
  }
  return getEscalation(db, actor, escalationId);
}
