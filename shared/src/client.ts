import { contract, type TProcedureInput, type TProcedureName, type TProcedureOutput } from "./contract";
import { API_ERROR_STATUS, KeelApiError, type TApiErrorCode } from "./errors";

/**
 * Sent on every API call. A cross-site HTML form cannot set a custom header, and a cross-site script
 * cannot without a CORS preflight the server refuses, so the server requires it on cookie-authenticated
 * writes (CSRF defence; bearer-token calls are exempt). See docs/decisions/008.
 */
export const KEEL_CSRF_HEADER = "x-keel-csrf";

export type KeelClientOptions = {
  /** Server origin, e.g. "http://localhost:3000". */
  baseUrl: string;
  /** Extension bearer token, when connected. */
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/** Normalise what a user typed as the server address: trims, adds http:// when missing, drops a trailing slash. */
export function normalizeServerUrl(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed) throw new KeelApiError("BAD_REQUEST", "Enter the Keel server address");
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new KeelApiError("BAD_REQUEST", `"${raw}" is not a valid server address`);
  }
  return url.origin;
}

function isKnownCode(code: unknown): code is TApiErrorCode {
  return typeof code === "string" && code in API_ERROR_STATUS;
}

/**
 * Calls one procedure of the Keel tRPC API over plain HTTP (tRPC's wire format, no transformer)
 * and validates the answer against the shared contract.
 */
export async function callKeel<P extends TProcedureName>(
  options: KeelClientOptions,
  procedure: P,
  input: TProcedureInput<P>,
): Promise<TProcedureOutput<P>> {
  const def = contract[procedure];
  const doFetch = options.fetch ?? fetch;
  const base = `${normalizeServerUrl(options.baseUrl)}/api/trpc/${procedure}`;
  const headers: Record<string, string> = { accept: "application/json", [KEEL_CSRF_HEADER]: "1" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  let url = base;
  const init: RequestInit = { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) };
  if (def.kind === "query") {
    if (input !== undefined) url = `${base}?input=${encodeURIComponent(JSON.stringify(input))}`;
    init.method = "GET";
  } else {
    init.method = "POST";
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(input ?? {});
  }

  let response: Response;
  try {
    response = await doFetch(url, init);
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not be reached";
    throw new KeelApiError("NETWORK_ERROR", `The Keel server at ${options.baseUrl} ${reason}.`);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new KeelApiError(
      "BAD_RESPONSE",
      `The server answered HTTP ${response.status} without a Keel API response. Is this a Keel server?`,
      response.status,
    );
  }

  if (!response.ok || (typeof body === "object" && body !== null && "error" in body)) {
    const err = (body as { error?: { message?: string; data?: { code?: unknown; httpStatus?: number } } })
      .error;
    const code = isKnownCode(err?.data?.code) ? err.data.code : "INTERNAL_SERVER_ERROR";
    throw new KeelApiError(
      code,
      err?.message ?? `HTTP ${response.status}`,
      err?.data?.httpStatus ?? response.status,
    );
  }

  const data = (body as { result?: { data?: unknown } }).result?.data;
  const parsed = def.output.safeParse(data);
  if (!parsed.success) {
    throw new KeelApiError(
      "BAD_RESPONSE",
      "The server's answer did not match the expected shape.",
      response.status,
    );
  }
  return parsed.data as TProcedureOutput<P>;
}
