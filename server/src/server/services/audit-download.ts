import {
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  type AuditExportFormat,
  auditExportFilename,
  type Database,
  exportAuditEvents,
  withTenant,
} from "@keel/db";
import { can } from "@keel/shared";
import type { TIdentity } from "../actor";
import { auditActorOf, recordAudit } from "./audit";
import { auditPermissionDenied, resolveActor } from "./identity";

/*
 * The audit log download behind /api/audit/export: console sessions only, audit.read only, and the
 * export itself is audited before the first byte is sent. The file streams page by page.
 */

type TDownloadCaller = {
  /** The console session's identity, if any. */
  identity: TIdentity | null;
  /** Whether the request carried an Authorization header: extension tokens may not download the log. */
  bearerPresented: boolean;
};

const jsonError = (status: 400 | 401 | 403, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });

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

export type TExportQuery = { format: AuditExportFormat; from: Date | null; to: Date | null };

/** Reads format, from and to of an export request; a message for a 400 when they are invalid. */
export function parseExportQuery(params: URLSearchParams): TExportQuery | { error: string } {
  const format = (params.get("format") ?? "jsonl") as AuditExportFormat;
  if (!AUDIT_EXPORT_FORMATS.includes(format))
    return { error: `format must be one of ${AUDIT_EXPORT_FORMATS.join(", ")}.` };
  const from = parseInstant(params.get("from"));
  const to = parseInstant(params.get("to"));
  if (from === "invalid" || to === "invalid")
    return { error: "from and to must be ISO 8601 dates or instants." };
  if (from && to && from >= to) return { error: "from must be before to." };
  return { format, from, to };
}

/**
 * The export file of one tenant as a streamed download. Each page is read in its own tenant-bound
 * transaction: row-level security keeps it inside the tenant, and no transaction stays open while a
 * slow client reads.
 */
export function auditExportFile(
  db: Database,
  tenant: { id: string; slug: string },
  query: TExportQuery,
): Response {
  const exported = exportAuditEvents((read) => withTenant(db, tenant.id, read), {
    tenantId: tenant.id,
    ...query,
  });
  return new Response(toByteStream(exported.chunks), {
    status: 200,
    headers: {
      "content-type": AUDIT_EXPORT_CONTENT_TYPES[query.format],
      "content-disposition": `attachment; filename="${auditExportFilename(tenant.slug, query.format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Answers GET /api/audit/export?format=jsonl|csv&from=ISO&to=ISO: the file, or a 4xx JSON error. */
export async function auditExportResponse(
  db: Database,
  caller: TDownloadCaller,
  params: URLSearchParams,
): Promise<Response> {
  if (caller.bearerPresented)
    return jsonError(
      401,
      "UNAUTHORIZED",
      "The audit export needs a console session; tokens are not accepted.",
    );
  if (!caller.identity) return jsonError(401, "UNAUTHORIZED", "Sign in to continue.");
  const actor = await resolveActor(db, caller.identity);
  if (!actor) return jsonError(401, "UNAUTHORIZED", "Your account no longer has access to this workspace.");
  const decision = can(actor.role, "audit.read");
  if (!decision.allowed) {
    await auditPermissionDenied(db, actor, "audit.export", decision.reason);
    return jsonError(403, "FORBIDDEN", `Your role (${actor.role}) may not export the audit log.`);
  }

  const query = parseExportQuery(params);
  if ("error" in query) return jsonError(400, "BAD_REQUEST", query.error);
  const { format, from, to } = query;

  await withTenant(db, actor.tenant.id, (tx) =>
    recordAudit(tx, auditActorOf(actor), {
      action: "audit.exported",
      targetType: "audit_log",
      targetId: actor.tenant.id,
      outcome: "success",
      metadata: { format, from: from?.toISOString() ?? null, to: to?.toISOString() ?? null },
    }),
  );
  return auditExportFile(db, actor.tenant, query);
}
