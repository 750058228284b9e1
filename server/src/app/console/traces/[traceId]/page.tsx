import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { replay } from "./actions";
import { ReplayForm } from "./replay-form";

export const metadata: Metadata = { title: "Copilot trace" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ traceId: string }> };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-mono text-xs text-slate-800">{children}</dd>
    </div>
  );
}

function Json({ value, testId }: { value: unknown; testId: string }) {
  return (
    <pre
      data-testid={testId}
      className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-900 p-3 text-xs text-slate-100"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export default async function TracePage({ params }: Props) {
  const { traceId } = await params;
  const { actor, ctx } = await requirePageActor(`/console/traces/${traceId}`);
  let trace: Awaited<ReturnType<ReturnType<typeof createCaller>["trace"]["get"]>>;
  try {
    trace = await createCaller(ctx).trace.get({ traceId: traceId.slice(0, 64) });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) {
      return (
        <AppShell actor={actor} area="console">
          <EmptyState
            title={error.code === "FORBIDDEN" ? "You cannot read copilot traces" : "Trace not found"}
          >
            {error.code === "FORBIDDEN"
              ? `Your role (${actor.role}) does not include audit access.`
              : "There is no such trace in this workspace."}
          </EmptyState>
        </AppShell>
      );
    }
    throw error;
  }
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title={`Trace ${trace.id}`}
        subtitle={`${trace.step} · ${formatDateTime(trace.createdAt)} UTC${trace.replayOfId ? ` · replay of ${trace.replayOfId}` : ""}`}
      />
      <p className="mb-4 text-sm">
        <Link href="/console/traces" className="font-medium text-indigo-600 hover:underline">
          ← All traces
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <section
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
          aria-labelledby="trace-versions"
        >
          <h2 id="trace-versions" className="mb-3 text-sm font-semibold text-slate-900">
            What ran
          </h2>
          <dl className="grid grid-cols-2 gap-3" data-testid="trace-versions">
            <Field label="Prompt">{trace.prompt}</Field>
            <Field label="Model">{trace.model}</Field>
            <Field label="Policy">
              {trace.policyVersion === null ? "built-in" : `v${trace.policyVersion}`}
            </Field>
            <Field label="Charter">
              {trace.charterVersion === null ? "built-in" : `v${trace.charterVersion}`}
            </Field>
            <Field label="Latency">{trace.latencyMs} ms</Field>
            <Field label="Tokens">
              {trace.tokensIn} in / {trace.tokensOut} out
            </Field>
            <Field label="Ticket">{trace.ticketId ?? "—"}</Field>
            <Field label="Confidence">
              {trace.confidence === null ? "—" : `${Math.round(trace.confidence * 100)}%`}
            </Field>
          </dl>
          <h3 className="mb-2 mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Retrieved
          </h3>
          {trace.retrieved.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing was retrieved.</p>
          ) : (
            <ul className="space-y-1 font-mono text-xs" data-testid="trace-retrieved">
              {trace.retrieved.map((r) => (
                <li key={`${r.articleId}@${r.version}`}>
                  {r.articleId}@{r.version}
                  {r.score === null ? "" : <span className="text-slate-500"> · score {r.score}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
          aria-labelledby="trace-events"
        >
          <h2 id="trace-events" className="mb-3 text-sm font-semibold text-slate-900">
            Audit events
          </h2>
          {trace.events.length === 0 ? (
            <p className="text-sm text-slate-500">No audit event names this trace.</p>
          ) : (
            <table className="min-w-full text-sm" data-testid="trace-events">
              <tbody className="divide-y divide-slate-100">
                {trace.events.map((e) => (
                  <tr key={e.id} data-testid="trace-event" data-action={e.action}>
                    <td className="py-1.5 pr-3 text-right font-mono text-xs text-slate-500">#{e.seq}</td>
                    <td className="py-1.5 pr-3 font-mono text-xs">{e.action}</td>
                    <td className="py-1.5 pr-3 text-slate-600">{e.actorLabel ?? "system"}</td>
                    <td className="py-1.5">
                      <Badge value={e.outcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {trace.replays.length > 0 ? (
            <>
              <h3 className="mb-2 mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Replays
              </h3>
              <ul className="space-y-1 text-xs">
                {trace.replays.map((r) => (
                  <li key={r.id}>
                    <Link
                      href={`/console/traces/${r.id}`}
                      className="font-mono text-indigo-600 hover:underline"
                    >
                      {r.id}
                    </Link>{" "}
                    <span className="text-slate-500">{formatDateTime(r.createdAt)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {trace.step === "draft" ? (
            <>
              <ReplayForm action={replay.bind(null, trace.id)} />
              <p className="mt-2 text-xs text-slate-500">
                From a shell:{" "}
                <code className="rounded bg-slate-100 px-1">pnpm copilot:replay {trace.id}</code>
              </p>
            </>
          ) : null}
        </section>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="trace-input">
          <h2 id="trace-input" className="mb-2 text-sm font-semibold text-slate-900">
            Input (redacted)
          </h2>
          <Json value={trace.input} testId="trace-input" />
        </section>
        <section aria-labelledby="trace-output">
          <h2 id="trace-output" className="mb-2 text-sm font-semibold text-slate-900">
            Output (redacted)
          </h2>
          <Json value={trace.output} testId="trace-output" />
        </section>
        <section aria-labelledby="trace-tools" className="lg:col-span-2">
          <h2 id="trace-tools" className="mb-2 text-sm font-semibold text-slate-900">
            Tool calls
          </h2>
          <Json value={trace.toolCalls} testId="trace-tools" />
        </section>
      </div>
    </AppShell>
  );
}
