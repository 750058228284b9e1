import { can } from "@keel/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { takeEscalation } from "./actions";

export const metadata: Metadata = { title: "Escalations" };
export const dynamic = "force-dynamic";

const TRIGGER_LABELS: Record<string, string> = {
  low_confidence: "Low confidence",
  policy_must_escalate: "Policy says escalate",
  policy_silent: "Policy is silent",
  customer_requested_human: "Customer asked for a human",
  high_risk_action: "High-risk action",
  identity_verification_needed: "Identity verification needed",
  agent_requested: "Agent hand-off",
};

export default async function EscalationsPage() {
  const { actor, ctx } = await requirePageActor("/console/escalations");
  if (!can(actor.role, "ticket.read").allowed) {
    return (
      <AppShell actor={actor} area="console">
        <EmptyState title="Your role does not work tickets">
          Escalations are for agents, supervisors and admins.
        </EmptyState>
      </AppShell>
    );
  }
  const { escalations } = await createCaller(ctx).escalation.list({});
  const mayTake = can(actor.role, "escalation.take").allowed;
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Escalations"
        subtitle="Tickets handed to a human, with everything needed to continue without starting over."
      />
      {escalations.length === 0 ? (
        <EmptyState title="No escalations">
          When the copilot or an agent hands a ticket off, it appears here with its context.
        </EmptyState>
      ) : (
        <ul className="space-y-4" data-testid="escalation-list">
          {escalations.map((e) => (
            <li
              key={e.id}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="escalation-item"
              data-status={e.status}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">{TRIGGER_LABELS[e.trigger] ?? e.trigger}</span>
                <Badge
                  value={e.status === "open" ? "pending" : e.status === "taken" ? "success" : "closed"}
                  label={e.status}
                />
                <span className="text-xs text-slate-500">
                  {formatDateTime(e.createdAt)} · by {e.createdBy ?? "the copilot"}
                  {e.takenBy ? ` · taken by ${e.takenBy}` : ""}
                </span>
                <Link
                  href={`/helpdesk/tickets/${e.ticketId}`}
                  className="ml-auto text-sm text-indigo-600 hover:underline"
                >
                  Open the ticket →
                </Link>
              </div>
              <p className="mt-2 text-sm text-slate-600">{e.bundle.triggerDetail}</p>
              <div className="mt-4 grid gap-6 md:grid-cols-2">
                <div>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                    Customer's request
                  </h3>
                  <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">
                    {e.bundle.customerRequest}
                  </p>
                  <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Facts</h3>
                  <dl className="mt-1 space-y-1 text-sm">
                    {e.bundle.facts.map((f) => (
                      <div key={`${f.label}-${f.value}`}>
                        <dt className="inline text-slate-500">{f.label}: </dt>
                        <dd className="inline text-slate-800">{f.value}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
                <div className="text-sm">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Confidence</h3>
                  <p className="mt-1 text-slate-800">{Math.round(e.bundle.confidence * 100)}%</p>
                  <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    Actions already taken
                  </h3>
                  {e.bundle.actionsTaken.length ? (
                    <ul className="mt-1 space-y-1">
                      {e.bundle.actionsTaken.map((a) => (
                        <li key={`${a.actionId}-${a.at}`} className="text-slate-700">
                          <span className="font-mono text-xs">{a.actionId}</span> ·{" "}
                          {a.status.replace("_", " ")} · {formatDateTime(a.at)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-slate-500">None.</p>
                  )}
                  <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    Sources
                  </h3>
                  <ul className="mt-1 space-y-1 text-slate-700">
                    {e.bundle.citedSources.map((s) => (
                      <li key={`${s.kind}-${s.id}`}>
                        {s.kind === "article" ? "Article: " : "Ticket "}
                        {s.label}
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
              {mayTake && e.status === "open" ? (
                <form action={takeEscalation} className="mt-4">
                  <input type="hidden" name="escalationId" value={e.id} />
                  <button
                    type="submit"
                    className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500"
                  >
                    Take over
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}
