import type { ReactNode } from "react";

const STATUS_STYLES: Record<string, string> = {
  open: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20",
  solved: "bg-sky-50 text-sky-700 ring-sky-600/20",
  closed: "bg-slate-100 text-slate-600 ring-slate-500/20",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  denied: "bg-rose-50 text-rose-700 ring-rose-600/20",
  not_found: "bg-orange-50 text-orange-700 ring-orange-600/20",
  error: "bg-rose-50 text-rose-700 ring-rose-600/20",
  low: "bg-slate-100 text-slate-600 ring-slate-500/20",
  normal: "bg-slate-100 text-slate-700 ring-slate-500/20",
  high: "bg-orange-50 text-orange-700 ring-orange-600/20",
  urgent: "bg-rose-50 text-rose-700 ring-rose-600/20",
};

/** A small status/priority/outcome pill. */
export function Badge({ value, label }: { value: string; label?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[value] ?? "bg-slate-100 text-slate-700 ring-slate-500/20"}`}
    >
      {label ?? value.replace("_", " ")}
    </span>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-500">{subtitle}</p> : null}
      </div>
      {actions}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <p className="font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function formatDateTime(date: Date | string): string {
  return new Date(date).toLocaleString("en-GB", {
    day: "2-digit",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
}
