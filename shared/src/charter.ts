import * as z from "zod";
import { ZActionId } from "./actions";

/**
 * The knowledge charter: a tenant's versioned statement of what the copilot may read and write, what
 * it must never infer about a person, and what must always go to a human. Stored as JSON text in the
 * same versioned form as the policy (draft, published, archived); this schema validates it.
 */

/** Knowledge tiers, as stored on knowledge articles (`KnowledgeTier` in prisma/schema.prisma). */
export const KNOWLEDGE_TIERS = ["public", "internal", "privileged", "customer"] as const;
export const ZKnowledgeTier = z.enum(KNOWLEDGE_TIERS);
export type TKnowledgeTier = z.infer<typeof ZKnowledgeTier>;

export const CHARTER_FORMAT = "keel.charter/v1";

const ZSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, "Use lowercase letters, digits and dashes (at most 48 characters)");

const ZKeyword = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Keywords need at least 2 characters")
  .max(60, "Keywords have at most 60 characters");

export const ZCharterTopic = z.strictObject({
  id: ZSlug,
  label: z.string().trim().min(1).max(80),
  /** Words or phrases that name the topic in a conversation, matched as whole words, case-insensitively. */
  keywords: z.array(ZKeyword).min(1, "Give at least one keyword").max(50),
});
export type TCharterTopic = z.infer<typeof ZCharterTopic>;

const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;

export const ZKnowledgeCharter = z
  .strictObject({
    format: z.literal(CHARTER_FORMAT, { error: `"format" must be "${CHARTER_FORMAT}"` }),
    description: z.string().max(2000).optional(),
    knowledge: z.strictObject({
      /** Tiers the copilot may read and cite. */
      read: z.array(ZKnowledgeTier).refine(unique, "A tier is listed twice"),
      /** Tiers the copilot may write to (drafts that a human reviews). */
      write: z.array(ZKnowledgeTier).refine(unique, "A tier is listed twice"),
    }),
    /** Attributes of a person the copilot must never infer, guess or mention (special categories). */
    neverInfer: z.array(z.strictObject({ id: ZSlug, label: z.string().trim().min(1).max(120) })).max(50),
    /** Topics and actions that always go to a human. */
    mustEscalate: z.strictObject({
      topics: z.array(ZCharterTopic).max(50),
      actions: z.array(ZActionId).refine(unique, "An action is listed twice"),
    }),
    /**
     * What the copilot may handle itself. A high-risk action or a known high-risk topic that appears in
     * neither list is one the charter is silent on, and silence escalates too.
     */
    mayHandle: z.strictObject({
      topics: z.array(ZSlug).refine(unique, "A topic is listed twice"),
      actions: z.array(ZActionId).refine(unique, "An action is listed twice"),
    }),
  })
  .superRefine((charter, ctx) => {
    const topicIds = charter.mustEscalate.topics.map((t) => t.id);
    if (!unique(topicIds)) {
      ctx.addIssue({ code: "custom", path: ["mustEscalate", "topics"], message: "Two topics share an id" });
    }
    if (!unique(charter.neverInfer.map((n) => n.id))) {
      ctx.addIssue({ code: "custom", path: ["neverInfer"], message: "Two entries share an id" });
    }
    for (const action of charter.mayHandle.actions) {
      if (charter.mustEscalate.actions.includes(action)) {
        ctx.addIssue({
          code: "custom",
          path: ["mayHandle", "actions"],
          message: `${action} cannot both escalate and be handled by the copilot`,
        });
      }
    }
    for (const topic of charter.mayHandle.topics) {
      if (topicIds.includes(topic)) {
        ctx.addIssue({
          code: "custom",
          path: ["mayHandle", "topics"],
          message: `Topic "${topic}" cannot both escalate and be handled by the copilot`,
        });
      }
    }
  });
export type TKnowledgeCharter = z.infer<typeof ZKnowledgeCharter>;
