import Link from "next/link";
import type { ReactNode } from "react";
import type { TActor } from "~/server/actor";
import { SignOutButton } from "./sign-out-button";

type Area = "helpdesk" | "console";

/** Width the Keel extension's sidebar takes on ticket pages (kept free so it covers nothing). */
const SIDEBAR_GUTTER = "lg:pr-[384px]";

/** Top bar shared by the sandbox helpdesk and the console. */
export function AppShell({
  actor,
  area,
  children,
  sidebarGutter = false,
}: {
  actor: TActor;
  area: Area;
  children: ReactNode;
  sidebarGutter?: boolean;
}) {
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className={`min-h-screen ${sidebarGutter ? SIDEBAR_GUTTER : ""}`}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
              K
            </span>
            Keel
          </Link>
          <nav className="flex items-center gap-1" aria-label="Main">
            {tab("/helpdesk", "Sandbox helpdesk", area === "helpdesk")}
            {tab("/console", "Console", area === "console")}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-500 sm:inline" data-testid="current-user">
              {actor.name} · <span className="font-medium text-slate-700">{actor.tenant.name}</span> ·{" "}
              {actor.role}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      {area === "console" ? <ConsoleNav /> : null}
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}

const CONSOLE_LINKS = [
  { href: "/console", label: "Overview" },
  { href: "/console/approvals", label: "Approvals" },
  { href: "/console/escalations", label: "Escalations" },
  { href: "/console/policies", label: "Policies" },
  { href: "/console/permissions", label: "Permissions" },
  { href: "/console/knowledge", label: "Knowledge" },
  { href: "/console/audit", label: "Audit log" },
  { href: "/console/traces", label: "Copilot traces" },
  { href: "/console/tokens", label: "Extension tokens" },
  { href: "/console/api-keys", label: "API keys" },
  { href: "/console/connectors", label: "Connectors" },
];

function ConsoleNav() {
  return (
    <nav aria-label="Console" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl gap-5 px-6 text-sm">
        {CONSOLE_LINKS.map((l) => (
          <Link
            key={l.href}
            href={l.href}
            className="border-b-2 border-transparent py-2.5 text-slate-600 hover:border-slate-300 hover:text-slate-900"
          >
            {l.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}
