import { can } from "@keel/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { RequestSummary } from "~/components/request-details";
import { EmptyState, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { decide } from "./actions";
import { DecideForm } from "./decide-form";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

export default async function ApprovalsPage() {
  const { actor, ctx } = await requirePageActor("/console/approvals");
  const caller = createCaller(ctx);
  const mayDecide = can(actor.role, "approval.decide").allowed;
  const [{ requests: pending }, { requests: latest }] = await Promise.all([
    mayDecide ? caller.action.list({ approvable: true, limit: 50 }) : Promise.resolve({ requests: [] }),
    can(actor.role, "ticket.read").allowed
      ? caller.action.list({ limit: 20 })
      : Promise.resolve({ requests: [] }),
  ]);
  const waiting = new Set(pending.map((r) => r.id));
  const recent = latest.filter((r) => !waiting.has(r.id));
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Approvals"
        subtitle="Risky actions wait here for a second person. Approving re-checks permission, policy and the record, then executes exactly once."
      />
      {!mayDecide ? (
        <EmptyState title="Your role does not approve actions">
          Supervisors and admins decide pending requests.
        </EmptyState>
      ) : pending.length === 0 ? (
        <EmptyState title="Nothing waiting for you">New requests from agents appear here.</EmptyState>
      ) : (
        <ul className="space-y-4" data-testid="approval-list">
          {pending.map((r) => (
            <li
              key={r.id}
              className="rounded-xl border border-amber-200 bg-white p-5 shadow-sm"
              data-testid="approval-item"
              data-request-id={r.id}
            >
              <div className="grid gap-6 md:grid-cols-[1fr_300px]">
                <div>
                  <RequestSummary request={r} />
                  {r.ticketId ? (
                    <Link
                      href={`/helpdesk/tickets/${r.ticketId}`}
                      className="mt-3 inline-block text-sm text-indigo-600 hover:underline"
                    >
                      Open the ticket →
                    </Link>
                  ) : null}
                </div>
                <DecideForm action={decide.bind(null, r.id)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {recent.length ? (
        <section className="mt-10">
          <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
            Recent requests
          </h2>
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
            {recent.map((r) => (
              <li key={r.id} className="p-4" data-testid="recent-request" data-status={r.status}>
                <RequestSummary request={r} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AppShell>
  );
}
