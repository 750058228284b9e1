"use server";

import type { TConnectorKind } from "@keel/shared";
import { revalidatePath } from "next/cache";
import type { TConfirmState } from "~/components/confirm-form";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { formErrorOf } from "../action-errors";

export type TSetCredentialState = { error: string | null; saved: boolean };

/** Saves (or replaces) a connector's credential; the secret goes straight to encryption. */
export async function setCredentialAction(
  connector: TConnectorKind,
  _prev: TSetCredentialState,
  form: FormData,
): Promise<TSetCredentialState> {
  const { ctx } = await requirePageActor("/console/connectors");
  try {
    await createCaller(ctx).connector.setCredential({
      connector,
      baseUrl: String(form.get("baseUrl") ?? ""),
      secret: String(form.get("secret") ?? ""),
    });
    revalidatePath("/console/connectors");
    return { error: null, saved: true };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, saved: false };
    throw error;
  }
}

/** Deletes a connector's credential. */
export async function deleteCredentialAction(
  connector: TConnectorKind,
  _prev: TConfirmState,
): Promise<TConfirmState> {
  const { ctx } = await requirePageActor("/console/connectors");
  try {
    await createCaller(ctx).connector.deleteCredential({ connector });
    revalidatePath("/console/connectors");
    return { error: null, done: true };
  } catch (error) {
    const message = formErrorOf(error);
    if (message) return { error: message, done: false };
    throw error;
  }
}
