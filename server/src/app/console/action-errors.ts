import { TRPCError } from "@trpc/server";
import * as z from "zod";

/**
 * The message a console form shows for a refused call: the service's own message, or for invalid
 * input the validation messages (never the input itself). Null: not a refusal, rethrow it.
 */
export function formErrorOf(error: unknown): string | null {
  if (!(error instanceof TRPCError)) return null;
  if (error.cause instanceof z.ZodError) {
    return `Please check the form: ${error.cause.issues
      .slice(0, 5)
      .map((i) => i.message)
      .join("; ")}.`;
  }
  // An unexpected failure's message may carry internals (database errors quote their arguments): the
  // action rethrows it, and Next.js shows its error page without the message in production.
  if (error.code === "INTERNAL_SERVER_ERROR") return null;
  return error.message;
}
