import * as z from "zod";
import { ZKnowledgeTier } from "./charter";
import { ROLES, ZRole } from "./roles";

/*
 * Knowledge: articles in four tiers per tenant, their versions, who may read each tier, and retrieval
 * with citations (article id and version on every passage). Spread into the main contract.
 */

const ZId = z.string().trim().min(1).max(64);
const ZIsoDate = z.string().datetime({ offset: true });

/** Who may read each tier when the tenant has not said otherwise (auditors read audit data only). */
export const DEFAULT_TIER_ROLES: Record<z.infer<typeof ZKnowledgeTier>, readonly z.infer<typeof ZRole>[]> = {
  public: ["agent", "supervisor", "admin"],
  internal: ["agent", "supervisor", "admin"],
  privileged: ["supervisor", "admin"],
  customer: ["agent", "supervisor", "admin"],
};

/** One retrieved passage: what the copilot may cite, with the exact article version. */
export const ZKnowledgePassage = z.object({
  articleId: z.string(),
  version: z.number().int(),
  title: z.string(),
  tier: ZKnowledgeTier,
  /** A short excerpt around the matching words (data minimisation: not the whole article). */
  snippet: z.string(),
  score: z.number(),
  /** The query words this article matched: why it was suggested. */
  matched: z.array(z.string()),
});
export type TKnowledgePassage = z.infer<typeof ZKnowledgePassage>;

export const ZKnowledgeArticleView = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  tier: ZKnowledgeTier,
  tags: z.array(z.string()),
  version: z.number().int(),
  updatedAt: ZIsoDate,
});
export type TKnowledgeArticleView = z.infer<typeof ZKnowledgeArticleView>;

const ZTitle = z.string().trim().min(3, "Give the article a title (at least 3 characters)").max(200);
const ZBody = z.string().trim().min(10, "The article needs a body (at least 10 characters)").max(50_000);
const ZTags = z.array(z.string().trim().min(1).max(40)).max(20).default([]);

export const ZSaveArticleInput = z.strictObject({
  /** Absent: a new article. */
  id: ZId.optional(),
  title: ZTitle,
  body: ZBody,
  tier: ZKnowledgeTier,
  tags: ZTags,
});
export type TSaveArticleInput = z.input<typeof ZSaveArticleInput>;

export const ZImportArticlesInput = z.strictObject({
  format: z.enum(["markdown", "jsonl"]),
  /** Markdown: articles separated by lines of `---`, each starting with `# Title`, optional `tier:` and `tags:` lines. JSONL: one {title, body, tier?, tags?} per line. */
  content: z.string().min(1, "Paste or choose something to import").max(2_000_000),
  /** The tier for articles that do not name one. */
  defaultTier: ZKnowledgeTier.default("internal"),
});

export const ZTierPolicyView = z.object({
  tier: ZKnowledgeTier,
  roles: z.array(ZRole),
  retentionDays: z.number().int().nullable(),
  /** True when the tenant has not changed Keel's default. */
  isDefault: z.boolean(),
});

export const knowledgeContract = {
  "knowledge.suggest": {
    kind: "query",
    input: z.strictObject({ ticketId: ZId, limit: z.number().int().min(1).max(10).default(5) }),
    output: z.object({
      passages: z.array(ZKnowledgePassage),
      /** The words searched for (from the ticket, personal data removed). */
      terms: z.array(z.string()),
      /** The tiers searched: those the caller's role and the knowledge charter both allow. */
      tiers: z.array(ZKnowledgeTier),
    }),
  },
  "knowledge.search": {
    kind: "query",
    input: z.strictObject({
      query: z.string().trim().min(2, "Type at least 2 characters").max(500),
      limit: z.number().int().min(1).max(20).default(8),
    }),
    output: z.object({ passages: z.array(ZKnowledgePassage), tiers: z.array(ZKnowledgeTier) }),
  },
  "knowledge.list": {
    kind: "query",
    input: z.strictObject({
      tier: ZKnowledgeTier.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ articles: z.array(ZKnowledgeArticleView.omit({ body: true })) }),
  },
  "knowledge.get": {
    kind: "query",
    input: z.strictObject({ articleId: ZId }),
    output: z.object({
      article: ZKnowledgeArticleView,
      versions: z.array(z.object({ version: z.number().int(), title: z.string(), createdAt: ZIsoDate })),
    }),
  },
  "knowledge.save": { kind: "mutation", input: ZSaveArticleInput, output: ZKnowledgeArticleView },
  "knowledge.import": {
    kind: "mutation",
    input: ZImportArticlesInput,
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      errors: z.array(z.object({ item: z.number().int(), message: z.string() })),
    }),
  },
  "knowledge.tiers": {
    kind: "query",
    input: z.strictObject({}).optional(),
    output: z.object({ tiers: z.array(ZTierPolicyView) }),
  },
  "knowledge.setTier": {
    kind: "mutation",
    input: z.strictObject({
      tier: ZKnowledgeTier,
      roles: z.array(ZRole).max(ROLES.length),
      retentionDays: z.number().int().min(1).max(36_500).nullable(),
    }),
    output: ZTierPolicyView,
  },
} as const;
