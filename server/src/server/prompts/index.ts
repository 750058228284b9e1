import { KB_SUGGEST_V1 } from "./kb-suggest.v1";
import { REPLY_DRAFT_V1 } from "./reply-draft.v1";
import { SUMMARIZE_V1 } from "./summarize.v1";

/** The prompt versions in force, by step. A replay runs the current version (see services/copilot.ts). */
export const PROMPTS = {
  "reply.draft": REPLY_DRAFT_V1,
  "ticket.summarize": SUMMARIZE_V1,
  "kb.suggest": KB_SUGGEST_V1,
} as const;

export type TPromptId = keyof typeof PROMPTS;

/** Fills {{name}} and {{a.b}} from values; unknown names stay visible rather than vanish. */
export function renderPrompt(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{([\w.]+)\}\}/g, (whole, path: string) => {
    const value = path
      .split(".")
      .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
    return value === undefined || value === null ? whole : String(value);
  });
}
