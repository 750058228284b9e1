import { getEnv } from "~/env";
import { insertBareNote, ZBareNoteInput } from "~/server/bench/bare-note";
import { getDatabase } from "~/server/db";

export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline change as a bare route handler, without tRPC (a reference row in
 * `pnpm bench:governed`; the baseline itself is `bench.bareNote` on the tRPC endpoint). Exists only
 * when KEEL_BENCH=1; 404 otherwise.
 */
export async function POST(req: Request) {
  if (getEnv().KEEL_BENCH !== "1") return new Response("Not found", { status: 404 });
  const input = ZBareNoteInput.safeParse(await req.json().catch(() => null));
  if (!input.success)
    return Response.json({ error: "ticketId, tenantId and body are required" }, { status: 400 });
  return Response.json(await insertBareNote(await getDatabase(), input.data));
}
