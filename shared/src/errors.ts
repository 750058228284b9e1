import * as z from "zod";

/** Error codes the API answers with (tRPC codes), and the HTTP status each maps to. */
export const API_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type TApiErrorCode = keyof typeof API_ERROR_STATUS;
export const ZApiErrorCode = z.enum(Object.keys(API_ERROR_STATUS) as [TApiErrorCode, ...TApiErrorCode[]]);

/** An error from the Keel API, carried to the extension and shown to the user as is. */
export class KeelApiError extends Error {
  override readonly name = "KeelApiError";
  constructor(
    readonly code: TApiErrorCode | "NETWORK_ERROR" | "BAD_RESPONSE",
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
