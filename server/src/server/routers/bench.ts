import { insertBareNote, ZBareNoteInput } from "../bench/bare-note";
import { publicProcedure, router } from "../trpc/init";
import { appRouter } from ".";

/**
 * The governed-path benchmark's baseline on the same tRPC endpoint as `action.request`: the same HTTP
 * handling, JSON, input validation and error mapping, with the governance removed (one plain insert).
 * Mounted only when KEEL_BENCH=1 (app/api/trpc/[trpc]/route.ts); not part of the shared contract.
 */
export const benchRouter = router({
  bareNote: publicProcedure.input(ZBareNoteInput).mutation(({ ctx, input }) => insertBareNote(ctx.db, input)),
});

export const appRouterWithBench = router({ ...appRouter._def.record, bench: benchRouter });
