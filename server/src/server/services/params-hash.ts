import { createHash } from "node:crypto";
import { canonicalJson } from "@keel/db";

/** sha256 of an action's canonical parameters: an approval is bound to exactly these. */
export function paramsHash(actionId: string, params: Record<string, unknown>): string {
  return createHash("sha256").update(actionId).update("\n").update(canonicalJson(params)).digest("hex");
}
