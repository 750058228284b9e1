import { newId } from "@keel/db";
import { getEnv } from "~/env";
import { getDatabase } from "~/server/db";

export const dynamic = "force-dynamic";

/**
 * The governed-path benchmark's baseline (scripts/bench-governed.mjs): the same change as a governed
 * `ticket.addInternalNote`, with the governance removed: one plain insert, no identity, tenant,
 * permission, policy or audit. Exists only when KEEL_BENCH=1; 404 otherwise.
 */
export async function POST(req: Request) {
  if (getEnv().KEEL_BENCH !== "1") return new Response("Not found", { status: 404 });
  const { ticketId, tenantId, body } = (await req.json()) as {
    ticketId: string;
    tenantId: string;
    body: string;
  };
  const db = await getDatabase();
  const id = newId("msg");
  // The same statement shape the governed path's note uses (raw SQL, no ORM planning), minus governance.
  await db.prisma.$executeRaw`
    INSERT INTO "Message" ("id", "tenantId", "ticketId", "authorType", "authorName", "body", "internal", "createdAt")
    VALUES (${id}, ${tenantId}, ${ticketId}, 'agent'::"MessageAuthorType", 'bench', ${body}, true, ${new Date()})`;
  return Response.json({ id });
}
