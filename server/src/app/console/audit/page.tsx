import { ZAuditOutcome } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { auditSeqsOf, verifyTenantAuditChain } from "~/server/services/audit-integrity";

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

  // Audit access is established above; the chain is verified on every visit (server-side).
  const [chain, seqs] = await Promise.all([
    verifyTenantAuditChain(ctx.db, actor),
    auditSeqsOf(
      ctx.db,
      actor,
      result.events.map((e) => e.id),
    ),
  ]);
  const problem = chain.firstProblem;
  const filters = ["all", ...ZAuditOutcome.options] as const;
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Audit log"
        subtitle={`Every read of ticket content and every change in ${actor.tenant.name}, newest first.`}
        actions={
          <div className="flex gap-2">
            {(["jsonl", "csv"] as const).map((format) => (
              <a
                key={format}
                href={`/api/audit/export?format=${format}`}
                download
                data-testid={`audit-export-${format}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
              >
                Export {format.toUpperCase()}
              </a>
            ))}
          </div>
        }
      />
      <section
        aria-labelledby="audit-chain-heading"
        data-testid="audit-chain-status"
        data-ok={chain.ok ? "true" : "false"}
        className={`mb-6 rounded-xl border p-4 shadow-sm ${chain.ok ? "border-emerald-200 bg-emerald-50" : "border-rose-300 bg-rose-50"}`}
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="audit-chain-heading" className="text-sm font-semibold text-slate-900">
            Verify chain
          </h2>
          <Link href="/console/audit" className="text-xs font-medium text-indigo-600 hover:underline">
            Verify again
          </Link>
        </div>
        {problem ? (
          <div role="alert" className="mt-1 text-sm text-rose-700">
            <p className="font-semibold">
              Chain broken at #{problem.seq}
              {"eventId" in problem && problem.eventId ? ` (${problem.eventId})` : ""}:{" "}
              {problem.kind.replace("_", " ")}
            </p>
            <p className="mt-0.5">{problem.detail}.</p>
            <p className="mt-0.5 text-rose-600">
              {chain.events} events; {chain.verified} verified before the break.
            </p>
          </div>
        ) : (
          <p className="mt-1 text-sm text-emerald-800">
            ✔ OK: {chain.verified} of {chain.events} events verified
            {chain.preChain > 0
              ? `, ${chain.preChain} from before the chain${chain.preChainSealed ? " (sealed)" : ""}`
              : ""}
            . No event was altered, removed or inserted.
          </p>
        )}
      </section>
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
                <th className="px-4 py-3 text-right">Seq</th>
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
                  data-seq={seqs.get(e.id) ?? ""}
                >
                  <td className="whitespace-nowrap px-4 py-2 text-right font-mono text-xs text-slate-500">
                    {seqs.get(e.id) ?? ""}
                  </td>
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
