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
  await db.prisma.message.create({
    data: { id, tenantId, ticketId, authorType: "agent", authorName: "bench", body, internal: true },
  });
  return Response.json({ id });
}
