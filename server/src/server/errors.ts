import type { TApiErrorCode } from "@keel/shared";

/**
 * The one error type services throw. The tRPC layer maps `code` to the wire error (and HTTP status);
 * services never import tRPC.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: TApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** NOT_FOUND for anything outside the caller's tenant or missing: the two are indistinguishable on purpose. */
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found in your workspace.`);
