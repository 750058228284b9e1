import { ZAuditOutcome } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ outcome?: string; cursor?: string }> };

export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor, ctx } = await requirePageActor("/console/audit");
  const outcome = ZAuditOutcome.safeParse(params.outcome);
  let result: Awaited<ReturnType<ReturnType<typeof createCaller>["audit"]["list"]>>;
  try {
    result = await createCaller(ctx).audit.list({
      limit: 50,
      cursor: params.cursor?.slice(0, 64),
      outcome: outcome.success ? outcome.data : undefined,
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") {
      return (
        <AppShell actor={actor} area="console">
          <EmptyState title="You cannot read the audit log">
            Your role ({actor.role}) does not include audit access.
          </EmptyState>
        </AppShell>
      );
    }
    throw error;
  }

  const filters = ["all", ...ZAuditOutcome.options] as const;
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Audit log"
        subtitle={`Every read of ticket content and every change in ${actor.tenant.name}, newest first.`}
      />
      <div className="mb-4 flex gap-1">
        {filters.map((f) => {
          const active = f === "all" ? !outcome.success : outcome.success && outcome.data === f;
          return (
            <Link
              key={f}
              href={f === "all" ? "/console/audit" : `/console/audit?outcome=${f}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm ${active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"}`}
            >
              {f.replace("_", " ")}
            </Link>
          );
        })}
      </div>
      {result.events.length === 0 ? (
        <EmptyState title="No audit events yet">
          Events appear as soon as someone reads or changes a ticket.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Time (UTC)</th>
                <th className="px-4 py-3">Actor</th>
                <th className="px-4 py-3">Action</th>
                <th className="px-4 py-3">Target</th>
                <th className="px-4 py-3">Outcome</th>
                <th className="px-4 py-3">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.events.map((e) => (
                <tr
                  key={e.id}
                  data-testid="audit-row"
                  data-action={e.action}
                  data-outcome={e.outcome}
                  data-target-id={e.targetId ?? ""}
                >
                  <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                    {formatDateTime(e.createdAt)}
                  </td>
                  <td className="px-4 py-2">{e.actorLabel ?? e.actorId ?? "system"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-500">
                    {e.targetType}:{e.targetId}
                  </td>
                  <td className="px-4 py-2">
                    <Badge value={e.outcome} />
                  </td>
                  <td className="px-4 py-2 text-slate-500">{e.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.nextCursor ? (
        <div className="mt-4">
          <Link
            href={`/console/audit?${new URLSearchParams({ ...(outcome.success ? { outcome: outcome.data } : {}), cursor: result.nextCursor })}`}
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            Older events →
          </Link>
        </div>
      ) : null}
    </AppShell>
  );
}
