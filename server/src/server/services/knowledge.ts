/*
 * Knowledge: a tenant's articles in four tiers, their versions, who may read each tier, and retrieval.
 *
 * Retrieval is PostgreSQL full-text search over a GIN index (migration 0004), always inside the
 * caller's tenant transaction (row-level security), filtered to the tiers the caller's role AND the
 * published knowledge charter allow, customer-specific records only for the ticket's own customer, and it
 * returns excerpts, not whole articles (data minimisation). Every passage names its article and version.
 */

import type { Database, KnowledgeTier } from "@keel/db";
import { newId, type TenantTx, withTenant } from "@keel/db";
import {
  can,
  DEFAULT_TIER_ROLES,
  KNOWLEDGE_TIERS,
  ROLES,
  type TKnowledgeArticleView,
  type TKnowledgePassage,
  type TRole,
  type TSaveArticleInput,
  ZSaveArticleInput,
} from "@keel/shared";
import type * as z from "zod";
import type { TActor } from "../actor";
import { AppError, notFound } from "../errors";
import { auditActorOf, recordAudit } from "./audit";
import { getPublishedCharter } from "./policies";
import { redactForAudit } from "./redact";
import { storeTrace } from "./traces";

type Tier = (typeof KNOWLEDGE_TIERS)[number];

// ---- search terms ----------------------------------------------------------------------------------------

const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "myself no nor not now of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves hi hello hey thanks thank please regards dear best cheers ok okay yes also " +
    "get got would like want need know one two still just really"
  ).split(" "),
);

/**
 * The distinct content words of a text, most frequent first: what a query is built from. Only plain
 * lowercase letters and digits survive, so the words are safe to put into a tsquery.
 */
export function searchTerms(text: string, max = 24): string[] {
  const counts = new Map<string, number>();
  for (const raw of text
    .toLowerCase()
    .normalize("NFKD")
    .split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || raw.length > 30 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([word]) => word);
}

// ---- who may read what -----------------------------------------------------------------------------------

type TierPolicy = { tier: Tier; roles: TRole[]; retentionDays: number | null; isDefault: boolean };

async function tierPolicies(tx: TenantTx, tenantId: string): Promise<TierPolicy[]> {
  const rows = await tx.knowledgeTierPolicy.findMany({ where: { tenantId } });
  return KNOWLEDGE_TIERS.map((tier) => {
    const row = rows.find((r) => r.tier === tier);
    if (!row) return { tier, roles: [...DEFAULT_TIER_ROLES[tier]], retentionDays: null, isDefault: true };
    const roles = row.roles.filter((r): r is TRole => (ROLES as readonly string[]).includes(r));
    return { tier, roles, retentionDays: row.retentionDays, isDefault: false };
  });
}

/** Tiers the actor may have the copilot read: allowed for the role AND by the published charter. */
export async function readableTiers(db: Database, tx: TenantTx, actor: TActor): Promise<Tier[]> {
  const policies = await tierPolicies(tx, actor.tenant.id);
  const { charter } = await getPublishedCharter(db, actor.tenant.id, tx);
  const charterRead = new Set<string>(charter.knowledge.read);
  return policies.filter((p) => p.roles.includes(actor.role) && charterRead.has(p.tier)).map((p) => p.tier);
}

// ---- retrieval ------------------------------------------------------------------------------------------

type PassageRow = {
  id: string;
  version: number;
  title: string;
  tier: Tier;
  score: number;
  snippet: string;
  body: string;
};

/** The lexeme naming a tenant in the stored search vector (see migration 0007). */
export function tenantLexeme(tenantId: string): string {
  return `keeltenant${tenantId.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

/**
 * Full-text search in the transaction's tenant: any of the terms (OR), ranked by term frequency with the
 * title weighted above the body, in the given tiers only; customer-specific records only for
 * `customerId`. Uses the stored vector column and its GIN index.
 */
export async function searchPassages(
  tx: TenantTx,
  input: { tenantId: string; terms: string[]; tiers: Tier[]; customerId: string | null; limit: number },
): Promise<TKnowledgePassage[]>;
/** The same, with each article's body: for a step that writes from the article (the reply draft). */
export async function searchPassages(
  tx: TenantTx,
  input: { tenantId: string; terms: string[]; tiers: Tier[]; customerId: string | null; limit: number },
  options: { body: true },
): Promise<(TKnowledgePassage & { body: string })[]>;
export async function searchPassages(
  tx: TenantTx,
  input: { tenantId: string; terms: string[]; tiers: Tier[]; customerId: string | null; limit: number },
  options: { body?: boolean } = {},
): Promise<(TKnowledgePassage & { body?: string })[]> {
  const terms = input.terms.filter((t) => /^[a-z0-9]+$/.test(t));
  if (terms.length === 0 || input.tiers.length === 0) return [];
  const query = terms.join(" | ");
  const rows = await tx.$queryRawUnsafe<PassageRow[]>(
    // Ranked and cut to the top `limit` first; only those get a headline (ts_headline is the costly part).
    `SELECT t."id", t."version", t."title", t."tier", t."body", t."score",
       ts_headline('english', t."body", to_tsquery('english', $1), 'MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … ", StartSel="", StopSel=""') AS "snippet"
     FROM (
       SELECT a."id", a."version", a."title", a."tier"::text AS "tier", a."body", ts_rank(a."search", q, 1) AS "score"
       FROM "KnowledgeArticle" a, to_tsquery('english', $1) q
       WHERE a."tenantId" = $2
         -- The tenant's own lexeme (migration 0007): the index reads this tenant's postings only.
         AND a."search" @@ (q && to_tsquery('simple', $6))
         AND a."tier"::text = ANY($3::text[])
         AND (a."tier" <> 'customer' OR a."customerId" = $4)
       ORDER BY "score" DESC, a."id"
       LIMIT $5
     ) t
     ORDER BY t."score" DESC, t."id"`,
    query,
    input.tenantId,
    input.tiers,
    input.customerId ?? "",
    input.limit,
    tenantLexeme(input.tenantId),
  );
  return rows.map((r) => {
    const haystack = `${r.title}\n${r.body}`.toLowerCase();
    const matched = terms.filter((t) => new RegExp(`\\b${t}`).test(haystack)).slice(0, 8);
    return {
      articleId: r.id,
      version: Number(r.version),
      title: r.title,
      tier: r.tier,
      snippet: r.snippet.replace(/\s+/g, " ").trim().slice(0, 400),
      score: Math.round(Number(r.score) * 1000) / 1000,
      matched,
      ...(options.body ? { body: r.body } : {}),
    };
  });
}

/** Articles that match a ticket, with the words they matched (the kb.suggest copilot step). */
export async function suggestArticles(db: Database, actor: TActor, ticketId: string, limit: number) {
  const started = performance.now();
  return withTenant(db, actor.tenant.id, async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: ticketId, tenantId: actor.tenant.id },
      include: { messages: { where: { authorType: "customer" }, orderBy: { createdAt: "desc" }, take: 5 } },
    });
    if (!ticket) {
      await recordAudit(tx, auditActorOf(actor), {
        action: "kb.suggest",
        targetType: "ticket",
        targetId: ticketId,
        outcome: "not_found",
        reason: "no such ticket in the caller's tenant",
      });
      return null;
    }
    const tiers = await readableTiers(db, tx, actor);
    // Personal data never becomes a search term: terms come from the redacted text.
    const text = redactForAudit(`${ticket.subject}\n${ticket.messages.map((m) => m.body).join("\n")}`);
    const terms = searchTerms(text);
    const passages = await searchPassages(tx, {
      tenantId: actor.tenant.id,
      terms,
      tiers,
      customerId: ticket.customerId,
      limit,
    });
    const traceId = await storeTrace(tx, actor, {
      ticketId: ticket.id,
      step: "suggest",
      prompt: "kb.suggest",
      model: "postgres-fts@1",
      startedAt: started,
      settings: { limit },
      retrieved: passages.map((p) => ({ articleId: p.articleId, version: p.version, score: p.score })),
      input: { terms, tiers },
      output: { articles: passages.map((p) => `${p.articleId}@${p.version}`) },
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "kb.suggest",
      targetType: "ticket",
      targetId: ticket.id,
      outcome: "success",
      metadata: { articles: passages.map((p) => `${p.articleId}@${p.version}`), tiers, traceId },
    });
    return { passages, terms, tiers };
  }).then((result) => {
    if (!result) throw notFound("Ticket");
    return result;
  });
}

/** Free-text search of the knowledge the caller may read (no customer-specific records). */
export async function searchKnowledge(db: Database, actor: TActor, query: string, limit: number) {
  return withTenant(db, actor.tenant.id, async (tx) => {
    const tiers = (await readableTiers(db, tx, actor)).filter((t) => t !== "customer");
    const passages = await searchPassages(tx, {
      tenantId: actor.tenant.id,
      terms: searchTerms(query),
      tiers,
      customerId: null,
      limit,
    });
    return { passages, tiers };
  });
}

// ---- articles (console) ------------------------------------------------------------------------------------

function requireManage(actor: TActor): void {
  const decision = can(actor.role, "knowledge.manage");
  if (!decision.allowed)
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not manage knowledge.`);
}

function slugify(title: string): string {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "article";
}

type ArticleRow = {
  id: string;
  slug: string;
  title: string;
  body: string;
  tier: KnowledgeTier;
  tags: string[];
  version: number;
  updatedAt: Date;
};

function articleView(a: ArticleRow): TKnowledgeArticleView {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    body: a.body,
    tier: a.tier,
    tags: a.tags,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Creates an article, or saves a new version of one; every save is kept as a version and audited. */
async function saveInTx(
  tx: TenantTx,
  actor: TActor,
  input: z.output<typeof ZSaveArticleInput>,
): Promise<{ article: ArticleRow; created: boolean }> {
  const tenantId = actor.tenant.id;
  const tags = [...new Set(input.tags.map((t) => t.toLowerCase()))];
  let article: ArticleRow;
  let created = false;
  if (input.id) {
    const existing = await tx.knowledgeArticle.findFirst({ where: { id: input.id, tenantId } });
    if (!existing) throw notFound("Article");
    const same =
      existing.title === input.title &&
      existing.body === input.body &&
      existing.tier === input.tier &&
      existing.tags.join(",") === tags.join(",");
    if (same) return { article: existing, created: false };
    article = await tx.knowledgeArticle.update({
      where: { id: existing.id },
      data: { title: input.title, body: input.body, tier: input.tier, tags, version: { increment: 1 } },
    });
  } else {
    let slug = slugify(input.title);
    if (await tx.knowledgeArticle.findFirst({ where: { tenantId, slug }, select: { id: true } })) {
      slug = `${slug}-${newId("x").slice(-6)}`;
    }
    article = await tx.knowledgeArticle.create({
      data: {
        id: newId("kb"),
        tenantId,
        slug,
        title: input.title,
        body: input.body,
        tier: input.tier,
        tags,
        createdById: actor.userId,
      },
    });
    created = true;
  }
  await tx.knowledgeArticleVersion.create({
    data: {
      id: newId("kbv"),
      tenantId,
      articleId: article.id,
      version: article.version,
      title: article.title,
      body: article.body,
      tier: article.tier,
      tags: article.tags,
      createdById: actor.userId,
    },
  });
  return { article, created };
}

export async function saveArticle(db: Database, actor: TActor, raw: TSaveArticleInput) {
  requireManage(actor);
  const input = ZSaveArticleInput.parse(raw);
  return withTenant(db, actor.tenant.id, async (tx) => {
    const { article, created } = await saveInTx(tx, actor, input);
    await recordAudit(tx, auditActorOf(actor), {
      action: "knowledge.article_saved",
      targetType: "knowledge_article",
      targetId: article.id,
      outcome: "success",
      metadata: { version: article.version, tier: article.tier, created },
    });
    return articleView(article);
  });
}

/** Parses an import: Markdown articles separated by `---` lines, or JSONL objects. */
export function parseImport(
  format: "markdown" | "jsonl",
  content: string,
  defaultTier: Tier,
): { items: Array<{ item: number; input?: z.output<typeof ZSaveArticleInput>; error?: string }> } {
  const chunks =
    format === "jsonl"
      ? content.split(/\r?\n/).filter((line) => line.trim())
      : content.split(/^\s*---\s*$/m).filter((chunk) => chunk.trim());
  const items = chunks.map((chunk, index) => {
    const item = index + 1;
    let candidate: Record<string, unknown>;
    if (format === "jsonl") {
      try {
        candidate = JSON.parse(chunk) as Record<string, unknown>;
      } catch {
        return { item, error: "not valid JSON" };
      }
      if (!candidate || typeof candidate !== "object" || Array.isArray(candidate))
        return { item, error: "each line must be a JSON object" };
    } else {
      const lines = chunk.trim().split(/\r?\n/);
      const heading = lines.findIndex((l) => /^#\s+\S/.test(l));
      if (heading < 0) return { item, error: "an article starts with a `# Title` line" };
      const title = (lines[heading] ?? "").replace(/^#\s+/, "").trim();
      const rest = lines.slice(heading + 1);
      let tier: string | undefined;
      let tags: string[] = [];
      while (rest.length && /^(tier|tags)\s*:/i.test(rest[0] ?? "")) {
        const [key, ...value] = (rest.shift() ?? "").split(":");
        if (key?.trim().toLowerCase() === "tier") tier = value.join(":").trim();
        else
          tags = value
            .join(":")
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean);
      }
      candidate = { title, body: rest.join("\n").trim(), tier, tags };
    }
    const parsed = ZSaveArticleInput.safeParse({
      title: candidate.title,
      body: candidate.body,
      tier: candidate.tier ?? defaultTier,
      tags: candidate.tags ?? [],
    });
    if (!parsed.success) {
      return {
        item,
        error: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".") || "article"}: ${i.message}`)
          .join("; "),
      };
    }
    return { item, input: parsed.data };
  });
  return { items };
}

/**
 * Imports articles; an article whose title matches an existing one (same slug) becomes its next version.
 * All or nothing: with any invalid item, nothing is saved and every problem is listed.
 */
export async function importArticles(
  db: Database,
  actor: TActor,
  input: { format: "markdown" | "jsonl"; content: string; defaultTier: Tier },
) {
  requireManage(actor);
  const { items } = parseImport(input.format, input.content, input.defaultTier);
  if (items.length === 0) throw new AppError("BAD_REQUEST", "Nothing to import: no articles found.");
  if (items.length > 1000) throw new AppError("BAD_REQUEST", "Import at most 1000 articles at a time.");
  const errors = items.flatMap((i) => (i.error ? [{ item: i.item, message: i.error }] : []));
  if (errors.length) return { created: 0, updated: 0, errors };
  return withTenant(
    db,
    actor.tenant.id,
    async (tx) => {
      let created = 0;
      let updated = 0;
      for (const { input: article } of items) {
        if (!article) continue;
        const existing = await tx.knowledgeArticle.findFirst({
          where: { tenantId: actor.tenant.id, slug: slugify(article.title) },
          select: { id: true },
        });
        const saved = await saveInTx(tx, actor, { ...article, ...(existing ? { id: existing.id } : {}) });
        if (saved.created) created += 1;
        else updated += 1;
      }
      await recordAudit(tx, auditActorOf(actor), {
        action: "knowledge.imported",
        targetType: "knowledge_base",
        targetId: actor.tenant.id,
        outcome: "success",
        metadata: { format: input.format, created, updated },
      });
      return { created, updated, errors: [] };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export async function listArticles(db: Database, actor: TActor, filter: { tier?: Tier; limit: number }) {
  requireManage(actor);
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.knowledgeArticle.findMany({
      where: { tenantId: actor.tenant.id, ...(filter.tier ? { tier: filter.tier } : {}) },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: filter.limit,
    }),
  );
  return {
    articles: rows.map((a) => ({
      id: a.id,
      slug: a.slug,
      title: a.title,
      tier: a.tier,
      tags: a.tags,
      version: a.version,
      updatedAt: a.updatedAt.toISOString(),
    })),
  };
}

export async function getArticle(db: Database, actor: TActor, articleId: string) {
  requireManage(actor);
  const found = await withTenant(db, actor.tenant.id, async (tx) => {
    const article = await tx.knowledgeArticle.findFirst({
      where: { id: articleId, tenantId: actor.tenant.id },
    });
    if (!article) return null;
    const versions = await tx.knowledgeArticleVersion.findMany({
      where: { tenantId: actor.tenant.id, articleId },
      orderBy: { version: "desc" },
      select: { version: true, title: true, createdAt: true },
    });
    return { article, versions };
  });
  if (!found) throw notFound("Article");
  return {
    article: articleView(found.article),
    versions: found.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}

export async function getTierPolicies(db: Database, actor: TActor) {
  return { tiers: await withTenant(db, actor.tenant.id, (tx) => tierPolicies(tx, actor.tenant.id)) };
}

export async function setTierPolicy(
  db: Database,
  actor: TActor,
  input: { tier: Tier; roles: TRole[]; retentionDays: number | null },
) {
  requireManage(actor);
  // Auditors read audit data only (and the rules in force); knowledge is not theirs to read.
  if (input.roles.includes("auditor"))
    throw new AppError(
      "BAD_REQUEST",
      "Auditors read audit data only; they cannot be given a knowledge tier.",
    );
  const roles = [...new Set(input.roles)];
  return withTenant(db, actor.tenant.id, async (tx) => {
    await tx.knowledgeTierPolicy.upsert({
      where: { tenantId_tier: { tenantId: actor.tenant.id, tier: input.tier } },
      create: {
        id: newId("ktp"),
        tenantId: actor.tenant.id,
        tier: input.tier,
        roles,
        retentionDays: input.retentionDays,
        updatedById: actor.userId,
      },
      update: { roles, retentionDays: input.retentionDays, updatedById: actor.userId },
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "knowledge.tier_updated",
      targetType: "knowledge_tier",
      targetId: input.tier,
      outcome: "success",
      metadata: { roles, retentionDays: input.retentionDays },
    });
    return { tier: input.tier, roles, retentionDays: input.retentionDays, isDefault: false };
  });
}
