import { identityFromSession } from "~/server/auth/session";
import { getDatabase } from "~/server/db";
import { auditExportResponse } from "~/server/services/audit-download";

export const dynamic = "force-dynamic";

/** Downloads the signed-in user's tenant audit log (JSONL or CSV); needs a console session with audit.read. */
export async function GET(req: Request) {
  const bearerPresented = req.headers.has("authorization");
  return auditExportResponse(
    await getDatabase(),
    { identity: bearerPresented ? null : await identityFromSession(), bearerPresented },
    new URL(req.url).searchParams,
  );
}
