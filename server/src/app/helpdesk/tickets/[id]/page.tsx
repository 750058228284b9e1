import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime } from "~/components/ui";
import { requirePagePermission } from "~/server/page-auth";
import { viewTicket } from "~/server/services/tickets";
import { sendReply } from "./actions";
import { ReplyBox } from "./reply-box";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  // The sandbox helpdesk marks its ticket views for the Keel extension (see docs/ARCHITECTURE.md).
  return { title: `Ticket ${id}`, other: { "keel-helpdesk": "sandbox" } };
}

export default async function TicketPage({ params }: Props) {
  const { id } = await params;
  const ticketId = id.slice(0, 64);
  const { actor, ctx, allowed } = await requirePagePermission(`/helpdesk/tickets/${ticketId}`, "ticket.read");
  if (!allowed) {
    return (
      <AppShell actor={actor} area="helpdesk">
        <EmptyState title="Your role does not work tickets">
          {actor.role} accounts cannot read ticket conversations.
        </EmptyState>
      </AppShell>
    );
  }
  const ticket = await viewTicket(ctx.db, actor, ticketId);

  if (!ticket) {
    return (
      <AppShell actor={actor} area="helpdesk" sidebarGutter>
        <EmptyState title="Ticket not found">
          There is no ticket <code className="font-mono">{ticketId}</code> in {actor.tenant.name}.{" "}
          <Link href="/helpdesk" className="text-indigo-600 hover:underline">
            Back to tickets
          </Link>
        </EmptyState>
      </AppShell>
    );
  }

  return (
    <AppShell actor={actor} area="helpdesk" sidebarGutter>
      <div>
        <nav className="mb-3 text-sm text-slate-500" aria-label="Breadcrumb">
          <Link href="/helpdesk" className="hover:text-slate-900">
            Tickets
          </Link>{" "}
          / <span>#{ticket.number}</span>
        </nav>
        <div className="grid gap-6 xl:grid-cols-[1fr_260px]">
          <section
            data-keel-ticket-id={ticket.id}
            data-keel-ticket-number={ticket.number}
            data-keel-ticket-status={ticket.status}
            aria-label="Conversation"
          >
            <h1 className="text-xl font-semibold text-slate-900">{ticket.subject}</h1>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
              <Badge value={ticket.status} /> <Badge value={ticket.priority} />{" "}
              <span>via {ticket.channel}</span>
              {ticket.tags.map((tag) => (
                <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  {tag}
                </span>
              ))}
            </div>
            <ol className="mt-6 space-y-4">
              {ticket.messages.map((m, index) => (
                <li
                  key={m.id}
                  id={`message-${m.id}`}
                  data-keel-message-id={m.id}
                  data-keel-author-type={m.authorType}
                  className={`rounded-xl border p-4 shadow-sm ${m.internal ? "border-amber-200 bg-amber-50" : m.authorType === "customer" ? "border-slate-200 bg-white" : "border-indigo-100 bg-indigo-50/40"}`}
                >
                  <div className="mb-2 flex items-center gap-2 text-sm">
                    <span className="font-mono text-xs text-slate-400">[{index + 1}]</span>
                    <span className="font-medium text-slate-900">{m.authorName}</span>
                    <span className="text-slate-400">
                      {m.authorType}
                      {m.internal ? " · internal note" : ""}
                    </span>
                    <time className="ml-auto text-xs text-slate-400" dateTime={m.createdAt.toISOString()}>
                      {formatDateTime(m.createdAt)}
                    </time>
                  </div>
                  <div className="whitespace-pre-wrap text-sm leading-6 text-slate-700">{m.body}</div>
                </li>
              ))}
            </ol>
            <div className="mt-6">
              <ReplyBox action={sendReply.bind(null, ticket.id)} />
            </div>
          </section>
          <aside className="space-y-4" aria-label="Customer">
            <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
              <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Customer</h2>
              <p className="mt-2 font-medium text-slate-900">{ticket.customer.name}</p>
              <p className="text-slate-600">{ticket.customer.email}</p>
              {ticket.customer.phone ? <p className="text-slate-600">{ticket.customer.phone}</p> : null}
              <p className="mt-2">
                <Badge value="normal" label={`${ticket.customer.tier} tier`} />
              </p>
            </div>
            <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
              <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Ticket</h2>
              <dl className="mt-2 space-y-1">
                <div className="flex justify-between">
                  <dt>Number</dt>
                  <dd className="font-mono">#{ticket.number}</dd>
                </div>
                <div className="flex justify-between">
                  <dt>Id</dt>
                  <dd className="font-mono text-xs">{ticket.id}</dd>
                </div>
                <div className="flex justify-between">
                  <dt>Created</dt>
                  <dd>{formatDateTime(ticket.createdAt)}</dd>
                </div>
              </dl>
            </div>
          </aside>
        </div>
      </div>
    </AppShell>
  );
}
