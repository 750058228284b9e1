"use server";

import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export type TReplayState = {
  error: string | null;
  result: { replayTraceId: string; changes: string[]; diff: { op: " " | "-" | "+"; line: string }[] } | null;
};

/** Replays a draft trace against what is in force now; the server checks access and audits it. */
export async function replay(traceId: string, _prev: TReplayState, _form: FormData): Promise<TReplayState> {
  const { ctx } = await requirePageActor(`/console/traces/${traceId}`);
  try {
    const result = await createCaller(ctx).trace.replay({ traceId });
    revalidatePath(`/console/traces/${traceId}`);
    return { error: null, result };
  } catch (error) {
    if (error instanceof TRPCError) return { error: error.message, result: null };
    throw error;
  }
}
