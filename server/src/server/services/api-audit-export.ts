/*
 * GET /api/v1/audit/export?format=jsonl|csv&from=ISO&to=ISO for servers: authenticated by an API key
 * (`Authorization: Bearer keel_key_...`) with the scope audit:export, and always the key's own tenant.
 * 401 for a missing, unknown, revoked or expired key, 403 for a key without the scope; errors are JSON
 * `{ "error": { "code", "message" } }`. The export is audited (actor: the key) before the first byte.
 */
import {
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  type AuditExportFormat,
  auditExportFilename,
  type Database,
  exportAuditEvents,
  withTenant,
} from "@keel/db";
import { authenticateApiKey } from "./api-keys";
import { recordApiKeyAudit } from "./audit";

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

function parseInstant(value: string | null): Date | null | "invalid" {
  if (value === null || value === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || value.length > 40) return "invalid";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "invalid" : date;
}

/** A web stream of the export's text chunks; cancelling it stops reading pages. */
function toByteStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

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

  const params = new URL(req.url).searchParams;
  const format = (params.get("format") ?? "jsonl") as AuditExportFormat;
  if (!AUDIT_EXPORT_FORMATS.includes(format))
    return jsonError(400, "BAD_REQUEST", `format must be one of ${AUDIT_EXPORT_FORMATS.join(", ")}.`);
  const from = parseInstant(params.get("from"));
  const to = parseInstant(params.get("to"));
  if (from === "invalid" || to === "invalid")
    return jsonError(400, "BAD_REQUEST", "from and to must be ISO 8601 dates or instants.");
  if (from && to && from >= to) return jsonError(400, "BAD_REQUEST", "from must be before to.");

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
  // Each page is read in its own tenant-bound transaction: row-level security keeps the export inside
  // the key's tenant, and no transaction stays open while a slow client reads.
  const exported = exportAuditEvents((read) => withTenant(db, tenantId, read), {
    tenantId,
    format,
    from,
    to,
  });
  return new Response(toByteStream(exported.chunks), {
    status: 200,
    headers: {
      "content-type": AUDIT_EXPORT_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${auditExportFilename(auth.tenant.slug, format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
