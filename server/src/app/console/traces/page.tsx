import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";

export const metadata: Metadata = { title: "Copilot traces" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ cursor?: string; ticket?: string }> };

export default async function TracesPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor, ctx } = await requirePageActor("/console/traces");
  let result: Awaited<ReturnType<ReturnType<typeof createCaller>["trace"]["list"]>>;
  try {
    result = await createCaller(ctx).trace.list({
      limit: 50,
      ...(params.cursor ? { cursor: params.cursor.slice(0, 64) } : {}),
      ...(params.ticket ? { ticketId: params.ticket.slice(0, 64) } : {}),
    });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) {
      return (
        <AppShell actor={actor} area="console">
          <EmptyState title={error.code === "FORBIDDEN" ? "You cannot read copilot traces" : "No such page"}>
            {error.code === "FORBIDDEN"
              ? `Your role (${actor.role}) does not include audit access.`
              : "That page of traces does not exist."}
          </EmptyState>
        </AppShell>
      );
    }
    throw error;
  }
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Copilot traces"
        subtitle={`Every copilot step in ${actor.tenant.name}: prompt and model versions, what was retrieved, redacted input and output. Newest first.`}
      />
      {params.ticket ? (
        <p className="mb-4 text-sm text-slate-600">
          Ticket <span className="font-mono">{params.ticket}</span> only.{" "}
          <Link href="/console/traces" className="font-medium text-indigo-600 hover:underline">
            Show all
          </Link>
        </p>
      ) : null}
      {result.traces.length === 0 ? (
        <EmptyState title="No copilot traces yet">
          A trace is stored for every copilot step: each summary, each set of suggested articles and each
          reply draft.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="trace-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Time (UTC)</th>
                <th className="px-4 py-3">Step</th>
                <th className="px-4 py-3">Ticket</th>
                <th className="px-4 py-3">Prompt</th>
                <th className="px-4 py-3">Model</th>
                <th className="px-4 py-3 text-right">Confidence</th>
                <th className="px-4 py-3 text-right">Latency</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.traces.map((t) => (
                <tr key={t.id} data-testid="trace-row" data-trace-id={t.id}>
                  <td className="whitespace-nowrap px-4 py-2">
                    <Link href={`/console/traces/${t.id}`} className="text-indigo-600 hover:underline">
                      {formatDateTime(t.createdAt)}
                    </Link>
                    {t.replayOfId ? <span className="ml-2 text-xs text-slate-500">replay</span> : null}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{t.step}</td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-500">
                    {t.ticketId ? (
                      <Link href={`/console/traces?ticket=${t.ticketId}`}>{t.ticketId}</Link>
                    ) : (
                      ""
                    )}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{t.prompt}</td>
                  <td className="px-4 py-2 font-mono text-xs">{t.model}</td>
                  <td className="px-4 py-2 text-right">
                    {t.confidence === null ? "" : `${Math.round(t.confidence * 100)}%`}
                  </td>
                  <td className="px-4 py-2 text-right text-slate-500">{t.latencyMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.nextCursor ? (
        <div className="mt-4">
          <Link
            href={`/console/traces?${new URLSearchParams({ ...(params.ticket ? { ticket: params.ticket } : {}), cursor: result.nextCursor })}`}
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            Older traces →
          </Link>
        </div>
      ) : null}
    </AppShell>
  );
}
