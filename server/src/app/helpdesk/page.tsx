import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePagePermission } from "~/server/page-auth";
import { listTickets } from "~/server/services/tickets";

export const metadata: Metadata = { title: "Sandbox helpdesk" };
export const dynamic = "force-dynamic";

const STATUSES = ["open", "pending", "solved", "closed"] as const;
type Status = (typeof STATUSES)[number];

type Props = { searchParams: Promise<{ status?: string; q?: string }> };

export default async function HelpdeskPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor, ctx, allowed } = await requirePagePermission("/helpdesk", "ticket.read");
  if (!allowed) {
    return (
      <AppShell actor={actor} area="helpdesk">
        <EmptyState title="Your role does not work tickets">
          {actor.role} accounts cannot open the helpdesk. The console has what your role may see.
        </EmptyState>
      </AppShell>
    );
  }
  const status = STATUSES.includes(params.status as Status) ? (params.status as Status) : undefined;
  const query = params.q?.slice(0, 100);
  const tickets = await listTickets(ctx.db, actor, { status, query });

  const filterLink = (value: Status | undefined, label: string) => {
    const search = new URLSearchParams();
    if (value) search.set("status", value);
    if (query) search.set("q", query);
    const active = value === status;
    return (
      <Link
        key={label}
        href={`/helpdesk${search.size ? `?${search}` : ""}`}
        aria-current={active ? "page" : undefined}
        className={`rounded-full px-3 py-1 text-sm ${active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"}`}
      >
        {label}
      </Link>
    );
  };

  return (
    <AppShell actor={actor} area="helpdesk">
      <PageHeader
        title="Tickets"
        subtitle={`${actor.tenant.name}: the built-in sandbox helpdesk. Open a ticket to see the Keel sidebar.`}
        actions={
          <search>
            <form className="flex gap-2">
              {status ? <input type="hidden" name="status" value={status} /> : null}
              <input
                type="search"
                name="q"
                defaultValue={query}
                placeholder="Search subject, customer or #number"
                aria-label="Search tickets"
                className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              />
              <button
                type="submit"
                className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white"
              >
                Search
              </button>
            </form>
          </search>
        }
      />
      <div className="mb-4 flex gap-1">
        {filterLink(undefined, "All")}
        {STATUSES.map((s) => filterLink(s, s[0]?.toUpperCase() + s.slice(1)))}
      </div>
      {tickets.length === 0 ? (
        <EmptyState title="No tickets match">
          {query || status ? (
            <Link className="text-indigo-600 hover:underline" href="/helpdesk">
              Clear the filters
            </Link>
          ) : (
            "This workspace has no tickets yet."
          )}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="ticket-list">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">#</th>
                <th className="px-4 py-3">Subject</th>
                <th className="px-4 py-3">Customer</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3">Priority</th>
                <th className="px-4 py-3">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tickets.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 font-mono text-slate-500">{t.number}</td>
                  <td className="px-4 py-3">
                    <Link
                      href={`/helpdesk/tickets/${t.id}`}
                      className="font-medium text-slate-900 hover:text-indigo-600"
                    >
                      {t.subject}
                    </Link>
                    <span className="ml-2 text-xs text-slate-400">{t.messageCount} messages</span>
                  </td>
                  <td className="px-4 py-3 text-slate-600">{t.customerName}</td>
                  <td className="px-4 py-3">
                    <Badge value={t.status} />
                  </td>
                  <td className="px-4 py-3">
                    <Badge value={t.priority} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-500">
                    {formatDateTime(t.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
