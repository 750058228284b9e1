import { getDatabase } from "~/server/db";
import { apiAuditExportResponse } from "~/server/services/api-audit-export";

export const dynamic = "force-dynamic";

/**
 * Server-to-server audit export: `Authorization: Bearer keel_key_...` with the scope audit:export;
 * the key's tenant only. ?format=jsonl|csv&from=ISO&to=ISO. Errors are JSON (401, 403, 400).
 */
export async function GET(req: Request) {
  return apiAuditExportResponse(await getDatabase(), req);
}
