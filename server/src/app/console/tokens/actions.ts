"use server";

import { revalidatePath } from "next/cache";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

/** Revokes an extension token from the console (own tokens; all of the tenant's for admins). */
export async function revokeToken(form: FormData): Promise<void> {
  const { ctx } = await requirePageActor("/console/tokens");
  const tokenId = String(form.get("tokenId") ?? "");
  await createCaller(ctx).auth.revokeExtensionToken({ tokenId });
  revalidatePath("/console/tokens");
}
