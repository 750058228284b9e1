/*
 * CORS for the API routes (docs/decisions/008). Only the server's own origin and the allowed extension
 * origins may call cross-origin. A request whose Origin header is present and not allowed is answered
 * 403 with a JSON error before the wrapped handler (and so any procedure) runs. Credentials are never
 * allowed cross-origin: the extension authenticates with a bearer token, not cookies.
 */
import { isAllowedOrigin, KEEL_CSRF_HEADER, type TOriginPolicy } from "./origins";

export const CORS_ALLOW_METHODS = "GET, POST, OPTIONS";
export const CORS_ALLOW_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  KEEL_CSRF_HEADER,
  "trpc-accept",
  "x-trpc-source",
].join(", ");
const PREFLIGHT_MAX_AGE_SECONDS = "600";

export type TCorsRefusal = { origin: string; request: Request; preflight: boolean };

export type TCorsOptions = {
  policy: (req: Request) => TOriginPolicy;
  /** Called (and awaited) for every refused request, before the 403 is sent; must not throw. */
  onRefused?: (refusal: TCorsRefusal) => Promise<void>;
};

/** The 403 answer, shaped like a tRPC error so `callKeel` and tRPC clients read its message. */
export function corsRefusedResponse(origin: string): Response {
  const message = `Origin ${origin.slice(0, 100)} may not call the Keel API.`;
  return Response.json(
    { error: { message, code: -32003, data: { code: "FORBIDDEN", httpStatus: 403 } } },
    { status: 403, headers: { vary: "Origin", "cache-control": "no-store" } },
  );
}

function withAllowHeaders(headers: Headers, origin: string): Headers {
  headers.set("access-control-allow-origin", origin);
  headers.append("vary", "Origin");
  return headers;
}

/** Wraps a fetch-style handler with the CORS rules above; answers preflight OPTIONS itself. */
export function withCors(
  handler: (req: Request) => Promise<Response>,
  options: TCorsOptions,
): (req: Request) => Promise<Response> {
  return async (req) => {
    const origin = req.headers.get("origin");
    const preflight = req.method === "OPTIONS";
    if (origin !== null && !isAllowedOrigin(origin, options.policy(req))) {
      await options.onRefused?.({ origin, request: req, preflight });
      return corsRefusedResponse(origin);
    }
    if (preflight) {
      const headers = new Headers({ allow: CORS_ALLOW_METHODS });
      if (origin !== null) {
        withAllowHeaders(headers, origin);
        headers.set("access-control-allow-methods", CORS_ALLOW_METHODS);
        headers.set("access-control-allow-headers", CORS_ALLOW_HEADERS);
        headers.set("access-control-max-age", PREFLIGHT_MAX_AGE_SECONDS);
      }
      return new Response(null, { status: 204, headers });
    }
    const response = await handler(req);
    if (origin === null) return response;
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: withAllowHeaders(new Headers(response.headers), origin),
    });
  };
}
