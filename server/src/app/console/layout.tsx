import Link from "next/link";
import type { ReactNode } from "react";

const LINKS = [
  { href: "/console", label: "Overview" },
  { href: "/console/audit", label: "Audit log" },
  { href: "/console/tokens", label: "Extension tokens" },
];

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <nav aria-label="Console" className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl gap-4 px-6 text-sm">
          {LINKS.map((l) => (
            <Link key={l.href} href={l.href} className="border-b-2 border-transparent py-2 text-slate-600 hover:border-slate-300 hover:text-slate-900">
              {l.label}
            </Link>
          ))}
        </div>
      </nav>
      {children}
    </>
  );
}
