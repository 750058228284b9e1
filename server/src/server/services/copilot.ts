import type { Database, Prisma } from "@keel/db";
import { newId, withTenant } from "@keel/db";
import type { TReplyDraft } from "@keel/shared";
import type { TActor } from "../actor";
import { DRAFT_ENGINE, draftReply, firstName, learnStyle, type TDraft } from "../engine/draft";
import { AppError, notFound } from "../errors";
import { PROMPTS } from "../prompts";
import { redactPii, restorePii, type TPiiVault } from "../safety/pii";
import { auditActorOf, recordAudit } from "./audit";
import { readableTiers, searchPassages, searchTerms } from "./knowledge";
import { getPublished, lineDiff } from "./policies";
import { ticketSafety } from "./ticket-safety";
import { storeTrace } from "./traces";

/** How many of the agent's past replies the style is learned from. */
const STYLE_SAMPLES = 30;
/** The customer's latest messages a draft answers. */
const REQUEST_MESSAGES = 3;
/** The placeholder the customer's own name becomes before any engine sees it. */
const CUSTOMER = "[PERSON_0]";

function firstNameOf(name: string): string {
  return firstName(name) ?? name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Redacts the text an engine sees: the customer's name becomes [PERSON_0], every other piece of
 * personal data a numbered placeholder (safety/pii.ts). The vault restores them in the agent's view
 * only; it is never stored or logged.
 */
function redactForEngine(text: string, customerName: string): { text: string; vault: TPiiVault } {
  const names = [customerName.trim(), firstNameOf(customerName)].filter((n) => n.length >= 2);
  let masked = text;
  for (const name of names)
    masked = masked.replace(new RegExp(`\\b${escapeRegExp(name)}\\b`, "gi"), CUSTOMER);
  const redacted = redactPii(masked);
  return { text: redacted.text, vault: { ...redacted.vault, [CUSTOMER]: firstNameOf(customerName) } };
}

/**
 * The reply.draft copilot step: a draft in the agent's own style, grounded in the knowledge the caller
 * may read, with citations. Personal data is replaced by placeholders before the engine runs and
 * restored in the answer only; the trace stores the redacted input and output with the prompt, engine,
 * policy and charter versions and the retrieved articles with their versions. Tenant-scoped; a ticket
 * outside the tenant answers NOT_FOUND and the attempt is audited.
 */
export async function draftReplyFor(
  db: Database,
  actor: TActor,
  ticketId: string,
  requestId?: string,
): Promise<TReplyDraft> {
  const started = performance.now();
  const who = auditActorOf(actor);
  const prompt = PROMPTS["reply.draft"];
  const result = await withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: {
        customer: { select: { name: true } },
        tenant: { select: { escalationThreshold: true } },
        messages: {
          where: { authorType: "customer", internal: false },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: REQUEST_MESSAGES,
        },
      },
    });
    if (!ticket) {
      await recordAudit(
        tx,
        who,
        {
          action: "reply.draft",
          targetType: "ticket",
          targetId: ticketId,
          outcome: "not_found",
          reason: "no ticket with this id in the caller's tenant",
        },
        requestId,
      );
      return null;
    }
    const safety = await ticketSafety(tx, ticket);
    const pastReplies = await tx.message.findMany({
      where: { tenantId: actor.tenant.id, authorUserId: actor.userId, authorType: "agent", internal: false },
      orderBy: { createdAt: "desc" },
      take: STYLE_SAMPLES,
      select: { body: true },
    });
    const style = learnStyle(
      pastReplies.map((m) => m.body),
      actor.name,
    );

    const request = ticket.messages
      .slice()
      .reverse()
      .map((m) => m.body)
      .join("\n\n");
    const { text: redacted, vault } = redactForEngine(
      `${ticket.subject}\n\n${request}`,
      ticket.customer.name,
    );
    const [subject = "", ...rest] = redacted.split("\n\n");
    const redactedRequest = rest.join("\n\n");

    const searchStarted = performance.now();
    // The reply goes to the customer: it is written from public help content only. Internal playbooks,
    // incident data and customer records guide the agent (kb.suggest) but are never quoted to the customer.
    const tiers = (await readableTiers(db, tx, actor)).filter((t) => t === "public");
    const terms = searchTerms(redacted);
    const passages = await searchPassages(
      tx,
      { tenantId: actor.tenant.id, terms, tiers, customerId: ticket.customerId, limit: 5 },
      { body: true },
    );
    const searchMs = Math.round((performance.now() - searchStarted) * 100) / 100;

    const draft: TDraft = draftReply({
      customerName: CUSTOMER,
      subject,
      request: redactedRequest,
      passages,
      style,
    });
    // One transaction is one connection: its queries run one after the other.
    const policy = await getPublished(db, actor.tenant.id, "policy", tx);
    const charter = await getPublished(db, actor.tenant.id, "charter", tx);
    const traceId = await storeTrace(tx, actor, {
      ticketId: ticket.id,
      step: "draft",
      prompt: "reply.draft",
      model: `${DRAFT_ENGINE.id}@${DRAFT_ENGINE.version}`,
      startedAt: started,
      policyVersion: policy.version,
      charterVersion: charter.version,
      settings: { styleSamples: STYLE_SAMPLES, requestMessages: REQUEST_MESSAGES },
      retrieved: passages.map((p) => ({ articleId: p.articleId, version: p.version, score: p.score })),
      toolCalls: [
        {
          name: "knowledge.search",
          at: new Date().toISOString(),
          ms: searchMs,
          input: { terms, tiers },
          output: { articles: passages.map((p) => `${p.articleId}@${p.version}`) },
        },
      ],
      // Redacted: placeholders, never the vault.
      input: {
        subject,
        request: redactedRequest,
        style,
        injectionFlagged: safety?.injectionFlagged ?? false,
      } as Prisma.InputJsonObject,
      output: {
        text: draft.text,
        citations: draft.citations,
        confidence: draft.confidence,
        grounded: draft.grounded,
      },
    });
    await recordAudit(
      tx,
      who,
      {
        action: "reply.draft",
        targetType: "ticket",
        targetId: ticket.id,
        outcome: "success",
        metadata: {
          traceId,
          engine: DRAFT_ENGINE.id,
          articles: draft.citations.map((c) => `${c.articleId}@${c.version}`),
          confidence: draft.confidence,
        },
      },
      requestId,
    );
    return {
      traceId,
      ticketId: ticket.id,
      text: restorePii(draft.text, vault),
      citations: draft.citations,
      confidence: draft.confidence,
      belowThreshold: draft.confidence < ticket.tenant.escalationThreshold,
      grounded: draft.grounded,
      style: {
        greeting: style.greeting,
        signOff: style.signOff,
        contractions: style.contractions,
        samples: style.samples,
      },
      engine: { ...DRAFT_ENGINE },
      prompt: { id: prompt.id, version: prompt.version },
      generatedAt: new Date().toISOString(),
    } satisfies TReplyDraft;
  });
  if (!result) throw notFound("Ticket");
  return result;
}

/** Word-level edit distance share (0: unchanged, 1: all different), for feedback without the text. */
function changedShare(a: string, b: string): number {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  if (x.length === 0 && y.length === 0) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return Math.round(((prev[y.length] ?? 0) / Math.max(x.length, y.length)) * 100) / 100;
}

/**
 * The agent's verdict on a draft (accepted as is, edited, rejected), recorded as an audit event on the
 * draft's trace. Only the size of an edit is kept, never the text. Only the agent the draft was made
 * for may give it; another tenant's trace answers NOT_FOUND.
 */
export async function recordDraftFeedback(
  db: Database,
  actor: TActor,
  input: { traceId: string; verdict: "accept" | "edit" | "reject"; text?: string },
): Promise<{ recorded: true }> {
  if (input.verdict === "edit" && input.text === undefined) {
    throw new AppError("BAD_REQUEST", "An edit needs the text that was used.");
  }
  const who = auditActorOf(actor);
  const found = await withTenant(db, actor.tenant.id, async (tx) => {
    const trace = await tx.copilotTrace.findFirst({
      where: { id: input.traceId, tenantId: actor.tenant.id, step: "draft" },
    });
    if (!trace || trace.actorId !== actor.userId) {
      await recordAudit(tx, who, {
        action: "reply.feedback",
        targetType: "copilot_trace",
        targetId: input.traceId,
        outcome: "not_found",
        reason: trace ? "the draft was made for another agent" : "no such draft in the caller's tenant",
      });
      return false;
    }
    const drafted = (trace.output as { text?: string }).text ?? "";
    const edit =
      input.verdict === "edit" && input.text !== undefined
        ? { changed: changedShare(drafted, input.text), length: input.text.length }
        : null;
    await recordAudit(tx, who, {
      action: "reply.feedback",
      targetType: "copilot_trace",
      targetId: trace.id,
      outcome: "success",
      metadata: { verdict: input.verdict, ticketId: trace.ticketId, ...(edit ? edit : {}) },
    });
    return true;
  });
  if (!found) throw notFound("Draft");
  return { recorded: true };
}

export type TTraceSide = {
  traceId: string;
  prompt: string;
  model: string;
  policyVersion: number | null;
  charterVersion: number | null;
  retrieved: string[];
  text: string;
  confidence: number | null;
  latencyMs: number;
};

export type TReplay = {
  original: TTraceSide;
  replay: TTraceSide;
  /** What differs, in words: prompt, model, policy, charter, retrieved articles, output. */
  changes: string[];
  /** The output line by line: " " same, "-" only in the original, "+" only in the replay. */
  diff: { op: " " | "-" | "+"; line: string }[];
};

type TDraftTraceInput = {
  subject?: string;
  request?: string;
  style?: Parameters<typeof draftReply>[0]["style"];
};

function sideOf(trace: {
  id: string;
  promptId: string;
  promptVersion: number;
  model: string;
  policyVersion: number | null;
  charterVersion: number | null;
  retrieved: unknown;
  output: unknown;
  latencyMs: number;
}): TTraceSide {
  const output = (trace.output ?? {}) as { text?: string; confidence?: number };
  const retrieved = Array.isArray(trace.retrieved)
    ? (trace.retrieved as { articleId: string; version: number }[]).map((r) => `${r.articleId}@${r.version}`)
    : [];
  return {
    traceId: trace.id,
    prompt: `${trace.promptId}@${trace.promptVersion}`,
    model: trace.model,
    policyVersion: trace.policyVersion,
    charterVersion: trace.charterVersion,
    retrieved,
    text: output.text ?? "",
    confidence: typeof output.confidence === "number" ? output.confidence : null,
    latencyMs: trace.latencyMs,
  };
}

/** The output's line diff, from the same diff the policy versions use. */
export function outputDiff(before: string, after: string): TReplay["diff"] {
  return lineDiff(before, after).lines.map((l) => ({
    op: l.type === "added" ? "+" : l.type === "removed" ? "-" : " ",
    line: l.text,
  }));
}

/**
 * Re-runs a stored draft trace against what is in force now (the current prompt version, engine,
 * policy and charter, and the tenant's knowledge as it is today) from the trace's own redacted input,
 * stores the result as a new trace (replayOfId) and says what changed. Tenant-scoped: another tenant's
 * trace is not found. Personal data never enters: the input was stored redacted.
 */
export async function replayTrace(db: Database, tenantId: string, traceId: string): Promise<TReplay> {
  const prompt = PROMPTS["reply.draft"];
  const result = await withTenant(db, tenantId, async (tx) => {
    const trace = await tx.copilotTrace.findFirst({ where: { id: traceId, tenantId } });
    if (!trace) return null;
    if (trace.step !== "draft")
      throw new AppError("BAD_REQUEST", `Only draft traces can be replayed (this is ${trace.step}).`);
    const input = (trace.input ?? {}) as TDraftTraceInput;
    const started = performance.now();
    const terms = searchTerms(`${input.subject ?? ""}\n\n${input.request ?? ""}`);
    const passages = await searchPassages(
      tx,
      { tenantId, terms, tiers: ["public"], customerId: null, limit: 5 },
      { body: true },
    );
    const draft = draftReply({
      customerName: CUSTOMER,
      subject: input.subject ?? "",
      request: input.request ?? "",
      passages,
      style: input.style ?? learnStyle([], ""),
    });
    const policy = await getPublished(db, tenantId, "policy", tx);
    const charter = await getPublished(db, tenantId, "charter", tx);
    const replay = await tx.copilotTrace.create({
      data: {
        id: newId("trc"),
        tenantId,
        ticketId: trace.ticketId,
        actorId: trace.actorId,
        step: trace.step,
        promptId: prompt.id,
        promptVersion: prompt.version,
        policyVersion: policy.version,
        charterVersion: charter.version,
        model: `${DRAFT_ENGINE.id}@${DRAFT_ENGINE.version}`,
        settings: trace.settings ?? {},
        retrieved: passages.map((p) => ({ articleId: p.articleId, version: p.version, score: p.score })),
        toolCalls: [
          { name: "knowledge.search", at: new Date().toISOString(), input: { terms, tiers: ["public"] } },
        ],
        input: trace.input ?? {},
        output: {
          text: draft.text,
          citations: draft.citations,
          confidence: draft.confidence,
          grounded: draft.grounded,
        },
        latencyMs: Math.round(performance.now() - started),
        replayOfId: trace.id,
      },
    });
    return { original: sideOf(trace), replay: sideOf(replay) };
  });
  if (!result) throw notFound("Trace");
  const { original, replay } = result;
  const changes: string[] = [];
  if (original.prompt !== replay.prompt) changes.push(`prompt ${original.prompt} → ${replay.prompt}`);
  if (original.model !== replay.model) changes.push(`model ${original.model} → ${replay.model}`);
  const version = (v: number | null) => (v === null ? "built-in" : `v${v}`);
  if (original.policyVersion !== replay.policyVersion)
    changes.push(`policy ${version(original.policyVersion)} → ${version(replay.policyVersion)}`);
  if (original.charterVersion !== replay.charterVersion)
    changes.push(`charter ${version(original.charterVersion)} → ${version(replay.charterVersion)}`);
  const gone = original.retrieved.filter((r) => !replay.retrieved.includes(r));
  const added = replay.retrieved.filter((r) => !original.retrieved.includes(r));
  if (gone.length || added.length)
    changes.push(`retrieved: ${[...gone.map((r) => `-${r}`), ...added.map((r) => `+${r}`)].join(", ")}`);
  if (original.text !== replay.text) changes.push("output text changed");
  if (original.confidence !== replay.confidence)
    changes.push(`confidence ${original.confidence ?? "?"} → ${replay.confidence ?? "?"}`);
  return { original, replay, changes, diff: outputDiff(original.text, replay.text) };
}

/** A replay asked for by a person in the console: the replay, audited in the caller's tenant. */
export async function replayTraceFor(
  db: Database,
  actor: TActor,
  traceId: string,
): Promise<{ replayTraceId: string; changes: string[]; diff: TReplay["diff"] }> {
  const who = auditActorOf(actor);
  try {
    const result = await replayTrace(db, actor.tenant.id, traceId);
    await withTenant(db, actor.tenant.id, (tx) =>
      recordAudit(tx, who, {
        action: "trace.replay",
        targetType: "copilot_trace",
        targetId: traceId,
        outcome: "success",
        metadata: { traceId: result.replay.traceId, changes: result.changes },
      }),
    );
    return { replayTraceId: result.replay.traceId, changes: result.changes, diff: result.diff };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      await withTenant(db, actor.tenant.id, (tx) =>
        recordAudit(tx, who, {
          action: "trace.replay",
          targetType: "copilot_trace",
          targetId: traceId,
          outcome: "not_found",
          reason: "no such trace in the caller's tenant",
        }),
      );
    }
    throw error;
  }
}
