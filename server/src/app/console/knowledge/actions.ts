"use server";

import { type TKnowledgeTier, type TRole, ZImportArticlesInput, ZSaveArticleInput } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { formErrorOf } from "../action-errors";

const PATH = "/console/knowledge";

export type TArticleFormState = {
  error: string | null;
  /** Validation messages per field (title, body, tier, tags). */
  fieldErrors: Partial<Record<string, string>>;
  saved: { id: string; title: string; version: number } | null;
  /** What was submitted, put back into the fields when it was refused (React resets a form after its action). */
  values?: { title: string; body: string; tier: string; tags: string };
};

export type TImportState = {
  error: string | null;
  result: { created: number; updated: number; errors: Array<{ item: number; message: string }> } | null;
};

export type TTierFormState = { error: string | null; saved: boolean };

/** "a, b ,, c" → ["a", "b", "c"] (duplicates dropped). */
function tagsOf(value: string): string[] {
  return [
    ...new Set(
      value
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

function fieldErrorsOf(error: z.ZodError): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

/** Creates an article, or saves a new version of one (admins; the procedure checks and audits). */
export async function saveArticleAction(
  _prev: TArticleFormState,
  form: FormData,
): Promise<TArticleFormState> {
  const { ctx } = await requirePageActor(PATH);
  const id = String(form.get("id") ?? "").trim();
  const input = {
    ...(id ? { id } : {}),
    title: String(form.get("title") ?? ""),
    body: String(form.get("body") ?? ""),
    tier: String(form.get("tier") ?? "") as TKnowledgeTier,
    tags: tagsOf(String(form.get("tags") ?? "")),
  };
  const values = {
    title: input.title,
    body: input.body,
    tier: input.tier,
    tags: String(form.get("tags") ?? ""),
  };
  // Checked here first so each message can sit next to its field; the procedure checks again.
  const parsed = ZSaveArticleInput.safeParse(input);
  if (!parsed.success) {
    return {
      error: "Please check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      saved: null,
      values,
    };
  }
  try {
    const article = await createCaller(ctx).knowledge.save(input);
    revalidatePath(PATH);
    return {
      error: null,
      fieldErrors: {},
      saved: { id: article.id, title: article.title, version: article.version },
      // Editing: the fields keep the saved text; adding: they are cleared for the next article.
      ...(id
        ? {
            values: {
              title: article.title,
              body: article.body,
              tier: article.tier,
              tags: article.tags.join(", "),
            },
          }
        : {}),
    };
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof z.ZodError) {
      return {
        error: "Please check the highlighted fields.",
        fieldErrors: fieldErrorsOf(error.cause),
        saved: null,
        values,
      };
    }
    const message = formErrorOf(error);
    if (message) return { error: message, fieldErrors: {}, saved: null, values };
    throw error;
  }
}

/** Imports Markdown or JSONL articles; reports how many were created or updated and each item's error. */
export async function importArticlesAction(_prev: TImportState, form: FormData): Promise<TImportState> {
  const { ctx } = await requirePageActor(PATH);
  const parsed = ZImportArticlesInput.safeParse({
    format: String(form.get("format") ?? ""),
    content: String(form.get("content") ?? ""),
    defaultTier: String(form.get("defaultTier") ?? "internal"),
  });
  if (!parsed.success) {
    return {
      error: `Please check the form: ${parsed.error.issues.map((i) => i.message).join("; ")}.`,
      result: null,
    };
  }
  try {
    const result = await createCaller(ctx).knowledge.import(parsed.data);
    revalidatePath(PATH);
    return { error: null, result };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, result: null };
    throw error;
  }
}

/** Sets who may read a tier and how long its articles are kept. */
export async function setTierAction(
  tier: TKnowledgeTier,
  _prev: TTierFormState,
  form: FormData,
): Promise<TTierFormState> {
  const { ctx } = await requirePageActor(PATH);
  const days = String(form.get("retentionDays") ?? "").trim();
  const retentionDays = days === "" ? null : Number(days);
  if (
    retentionDays !== null &&
    (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36_500)
  ) {
    return {
      error: "Retention must be a whole number of days from 1 to 36500, or empty to keep articles.",
      saved: false,
    };
  }
  try {
    await createCaller(ctx).knowledge.setTier({
      tier,
      // Checked against the role list by the procedure's input schema.
      roles: form.getAll("roles").map(String) as TRole[],
      retentionDays,
    });
    revalidatePath(PATH);
    return { error: null, saved: true };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, saved: false };
    throw error;
  }
}
