import type { TApiErrorCode } from "@keel/shared";

/**
 * Error codes the extension shows: the API's own codes, the client's transport codes, and a few that
 * only the extension produces (no connection yet, a missing host permission, a dead background worker).
 */
export type TExtErrorCode =
  | TApiErrorCode
  | "NETWORK_ERROR"
  | "BAD_RESPONSE"
  | "NOT_CONNECTED"
  | "PERMISSION_REQUIRED"
  | "EXTENSION_ERROR";

export type TExtError = { code: TExtErrorCode; message: string; httpStatus?: number };

/** What every background message answers: errors travel as data, since thrown errors do not survive messaging. */
export type TResult<T> = { ok: true; data: T } | { ok: false; error: TExtError };

export const ok = <T>(data: T): TResult<T> => ({ ok: true, data });
export const fail = (code: TExtErrorCode, message: string, httpStatus?: number): TResult<never> => ({
  ok: false,
  error: httpStatus === undefined ? { code, message } : { code, message, httpStatus },
});
