/**
 * Prompt "kb.suggest", version 1: retrieval only (no model call). The search terms come from the
 * ticket's subject and latest customer messages with personal data removed; the tiers are those the
 * caller's role and the knowledge charter both allow.
 */
export const KB_SUGGEST_V1 = {
  id: "kb.suggest",
  version: 1,
  system: "Find the knowledge articles that answer the customer's request.",
  user: "Terms: {{terms}}\nTiers: {{tiers}}",
} as const;
