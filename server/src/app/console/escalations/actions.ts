"use server";

import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

/** A supervisor takes over an escalated ticket. */
export async function takeEscalation(form: FormData): Promise<void> {
  const { ctx } = await requirePageActor("/console/escalations");
  await createCaller(ctx).escalation.take({ escalationId: String(form.get("escalationId") ?? "") });
  revalidatePath("/console/escalations");
}
