"use server";

import type { TPermissionMatrix } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export type TMatrixSaveResult = { error: string | null; version: number | null };

/** Saves the matrix editor's cells as a new version (validated and audited on the server). */
export async function updatePermissionsAction(
  matrix: TPermissionMatrix,
  note: string,
): Promise<TMatrixSaveResult> {
  const { ctx } = await requirePageActor("/console/permissions");
  try {
    const view = await createCaller(ctx).permissions.update({ matrix, note });
    revalidatePath("/console/permissions");
    return { error: null, version: view.version };
  } catch (error) {
    if (error instanceof TRPCError) return { error: error.message, version: null };
    throw error;
  }
}
