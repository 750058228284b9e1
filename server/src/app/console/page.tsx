import { can } from "@keel/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";

export const metadata: Metadata = { title: "Console" };
export const dynamic = "force-dynamic";

export default async function ConsolePage() {
  const { actor } = await requirePageActor("/console");
  const cards = [
    {
      href: "/helpdesk",
      title: "Sandbox helpdesk",
      body: "Work tickets in the built-in helpdesk; the Keel extension adds its sidebar to each ticket.",
      show: can(actor.role, "ticket.read").allowed,
    },
    {
      href: "/console/audit",
      title: "Audit log",
      body: "Every read of ticket content and every change, with actor, target and outcome.",
      show: can(actor.role, "audit.read").allowed,
    },
    {
      href: "/console/traces",
      title: "Copilot traces",
      body: "Every copilot step: prompt and model versions, what was retrieved, redacted input and output.",
      show: can(actor.role, "audit.read").allowed,
    },
    {
      href: "/console/tokens",
      title: "Extension tokens",
      body: "Browser extensions connected to this workspace; revoke any you no longer use.",
      show: true,
    },
    {
      href: "/console/api-keys",
      title: "API keys",
      body: "Scoped keys for servers that call Keel, such as a SIEM exporting the audit log.",
      show: can(actor.role, "apiKey.manage").allowed,
    },
    {
      href: "/console/connectors",
      title: "Connectors",
      body: "Helpdesk credentials, encrypted at rest; set, replace or delete them.",
      show: can(actor.role, "connector.manage").allowed,
    },
  ];
  return (
    <AppShell actor={actor} area="console">
      <PageHeader title={actor.tenant.name} subtitle={`Signed in as ${actor.email} (${actor.role})`} />
      <div className="grid gap-4 md:grid-cols-3">
        {cards
          .filter((c) => c.show)
          .map((c) => (
            <Link
              key={c.href}
              href={c.href}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300"
            >
              <h2 className="font-semibold text-slate-900">{c.title}</h2>
              <p className="mt-1 text-sm text-slate-500">{c.body}</p>
            </Link>
          ))}
      </div>
      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-sm">
        <h2 className="font-semibold text-slate-900">Connect the browser extension</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          <li>
            Load <code className="font-mono">extension/build/chrome-mv3-prod</code> in Chrome
            (chrome://extensions, Developer mode, Load unpacked).
          </li>
          <li>Open the extension's options, enter this server's address and your e-mail and password.</li>
          <li>
            Open any ticket in the sandbox helpdesk: the Keel sidebar shows its summary with cited messages.
          </li>
        </ol>
      </section>
    </AppShell>
  );
}
