"use server";

import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export type TDecideState = { error: string | null; done: string | null };

/** Approves or rejects a request from the console; the server re-checks everything. */
export async function decide(requestId: string, _prev: TDecideState, form: FormData): Promise<TDecideState> {
  const { ctx } = await requirePageActor("/console/approvals");
  const decision = form.get("decision") === "reject" ? "reject" : "approve";
  try {
    const result = await createCaller(ctx).approval.decide({
      requestId,
      decision,
      reason: String(form.get("reason") ?? ""),
    });
    revalidatePath("/console/approvals");
    return { error: null, done: result.status.replace("_", " ") };
  } catch (error) {
    if (error instanceof TRPCError) return { error: error.message, done: null };
    throw error;
  }
}
