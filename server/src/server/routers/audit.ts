import { contract } from "@keel/shared";
import { listAuditEvents } from "../services/audit-query";
import { permissionProcedure, router } from "../trpc/init";

const c = contract;

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(c["audit.list"].input)
    .output(c["audit.list"].output)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
});
