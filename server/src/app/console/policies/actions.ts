"use server";

import type { TPolicyKind, TPolicyValidation } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export type TEditorResult = { error: string | null; version: number | null };

function failure(error: unknown): TEditorResult {
  if (error instanceof TRPCError) return { error: error.message, version: null };
  throw error;
}

/** Validates a document without saving it (the editor's Validate button). */
export async function validateDocumentAction(
  kind: TPolicyKind,
  source: string,
): Promise<TPolicyValidation | { error: string }> {
  const { ctx } = await requirePageActor("/console/policies");
  try {
    return await createCaller(ctx).policy.validate({ kind, source });
  } catch (error) {
    if (error instanceof TRPCError) return { error: error.message };
    throw error;
  }
}

/** Saves the editor's text as a new draft version. */
export async function saveDraftAction(
  kind: TPolicyKind,
  source: string,
  note: string,
): Promise<TEditorResult> {
  const { ctx } = await requirePageActor("/console/policies");
  try {
    const row = await createCaller(ctx).policy.saveDraft({ kind, source, note: note.trim() || undefined });
    revalidatePath("/console/policies");
    return { error: null, version: row.version };
  } catch (error) {
    return failure(error);
  }
}

/** Publishes a saved version; the one in force before is archived. */
export async function publishAction(kind: TPolicyKind, version: number): Promise<TEditorResult> {
  const { ctx } = await requirePageActor("/console/policies");
  try {
    const row = await createCaller(ctx).policy.publish({ kind, version });
    revalidatePath("/console/policies");
    return { error: null, version: row.version };
  } catch (error) {
    return failure(error);
  }
}
