import { type Database, newId } from "@keel/db";
import * as z from "zod";

/**
 * The governed-path benchmark's baseline change (server/scripts/bench-governed.ts): the note a governed
 * `ticket.addInternalNote` writes, as one plain insert, with the governance removed: no identity,
 * tenant, permission, policy or audit. Reachable only when KEEL_BENCH=1, through the same tRPC endpoint
 * as the governed action (routers/bench.ts) and through a bare route handler (app/api/bench/bare).
 */
export const ZBareNoteInput = z.object({
  ticketId: z.string().min(1).max(64),
  tenantId: z.string().min(1).max(64),
  body: z.string().min(1).max(10_000),
});

export async function insertBareNote(
  db: Database,
  input: z.infer<typeof ZBareNoteInput>,
): Promise<{ id: string }> {
  const id = newId("msg");
  // The same statement shape the governed path's note uses (raw SQL, no ORM planning), minus governance.
  await db.prisma.$executeRaw`
    INSERT INTO "Message" ("id", "tenantId", "ticketId", "authorType", "authorName", "body", "internal", "createdAt")
    VALUES (${id}, ${input.tenantId}, ${input.ticketId}, 'agent'::"MessageAuthorType", 'bench', ${input.body}, true, ${new Date()})`;
  return { id };
}
