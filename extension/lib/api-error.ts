import { KeelApiError } from "@keel/shared";
import type { TExtError } from "./result";

/** The message shown when the server cannot be reached at all (no HTTP answer). */
export function networkErrorMessage(serverUrl: string, timedOut = false): string {
  return timedOut
    ? `Can't reach the Keel server at ${serverUrl}: it did not answer in time.`
    : `Can't reach the Keel server at ${serverUrl}. Check that it is running and that the address is right.`;
}

/** Turns anything thrown while calling the API into an error the UI can show. */
export function toExtError(error: unknown, serverUrl: string): TExtError {
  if (error instanceof KeelApiError) {
    if (error.code === "NETWORK_ERROR") {
      return {
        code: "NETWORK_ERROR",
        message: networkErrorMessage(serverUrl, /timed out/.test(error.message)),
      };
    }
    return error.httpStatus === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, httpStatus: error.httpStatus };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "EXTENSION_ERROR", message: `Keel ran into an unexpected problem: ${message}` };
}
