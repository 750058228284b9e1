/*
 * GET /api/v1/audit/export?format=jsonl|csv&from=ISO&to=ISO for servers: authenticated by an API key
 * (`Authorization: Bearer keel_key_...`) with the scope audit:export, and always the key's own tenant.
 * 401 for a missing, unknown, revoked or expired key, 403 for a key without the scope; errors are JSON
 * `{ "error": { "code", "message" } }`. The export is audited (actor: the key) before the first byte.
 */
import { type Database, withTenant } from "@keel/db";
import { authenticateApiKey } from "./api-keys";
import { recordApiKeyAudit } from "./audit";
import { auditExportFile, parseExportQuery } from "./audit-download";

export const API_AUDIT_EXPORT_PATH = "/api/v1/audit/export";

const jsonError = (status: 400 | 401 | 403, code: string, message: string) =>
  Response.json(
    { error: { code, message } },
    {
      status,
      headers: {
        "cache-control": "no-store",
        ...(status === 401 ? { "www-authenticate": 'Bearer realm="keel"' } : {}),
      },
    },
  );

/** The bearer secret of an Authorization header, or null. */
export function bearerSecret(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** Answers the server-to-server audit export: the file, or a JSON error. */
export async function apiAuditExportResponse(db: Database, req: Request): Promise<Response> {
  const secret = bearerSecret(req.headers);
  if (!secret) return jsonError(401, "UNAUTHORIZED", "Send an API key: Authorization: Bearer keel_key_...");
  const auth = await authenticateApiKey(db, secret, "audit:export", { resource: API_AUDIT_EXPORT_PATH });
  if (!auth.ok)
    return jsonError(auth.status, auth.status === 401 ? "UNAUTHORIZED" : "FORBIDDEN", auth.message);

  const query = parseExportQuery(new URL(req.url).searchParams);
  if ("error" in query) return jsonError(400, "BAD_REQUEST", query.error);
  const { format, from, to } = query;

  const tenantId = auth.tenant.id;
  await withTenant(db, tenantId, (tx) =>
    recordApiKeyAudit(
      tx,
      { keyId: auth.key.id, prefix: auth.key.prefix, tenantId },
      {
        action: "audit.exported",
        targetType: "audit_log",
        targetId: tenantId,
        outcome: "success",
        metadata: { format, from: from?.toISOString() ?? null, to: to?.toISOString() ?? null },
      },
    ),
  );
  return auditExportFile(db, auth.tenant, query);
}
