"use server";

import type { TApiKeyScope } from "@keel/shared";
import { revalidatePath } from "next/cache";
import type { TConfirmState } from "~/components/confirm-form";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { formErrorOf } from "../action-errors";

export type TCreateKeyState = {
  error: string | null;
  /** The new key, with its secret: shown once by the form, never stored by the page. */
  created: { secret: string; name: string; prefix: string } | null;
};

/** Creates an API key from the console form (admins; the procedure checks and audits). */
export async function createApiKeyAction(_prev: TCreateKeyState, form: FormData): Promise<TCreateKeyState> {
  const { ctx } = await requirePageActor("/console/api-keys");
  const expiry = String(form.get("expiresInDays") ?? "");
  try {
    const result = await createCaller(ctx).apiKey.create({
      name: String(form.get("name") ?? ""),
      // Checked against the scope list by the procedure's input schema.
      scopes: form.getAll("scopes").map(String) as TApiKeyScope[],
      expiresInDays: expiry === "never" ? null : Number(expiry),
    });
    revalidatePath("/console/api-keys");
    return {
      error: null,
      created: { secret: result.secret, name: result.key.name, prefix: result.key.prefix },
    };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, created: null };
    throw error;
  }
}

/** Revokes an API key; the next call made with it is refused. */
export async function revokeApiKeyAction(keyId: string, _prev: TConfirmState): Promise<TConfirmState> {
  const { ctx } = await requirePageActor("/console/api-keys");
  try {
    await createCaller(ctx).apiKey.revoke({ keyId });
    revalidatePath("/console/api-keys");
    return { error: null, done: true };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, done: false };
    throw error;
  }
}
