import type { Ref } from "react";
import { KeelMark } from "../ui/KeelMark";

type THeaderProps = {
  tenantName: string | null;
  ticketLabel: string | null;
  onCollapse: () => void;
  collapseRef: Ref<HTMLButtonElement>;
};

export function SidebarHeader({ tenantName, ticketLabel, onCollapse, collapseRef }: THeaderProps) {
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
      <KeelMark className="h-8 w-8 shrink-0" />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <h2 id="keel-sidebar-title" className="text-base font-semibold tracking-tight text-slate-900">
            Keel
          </h2>
          {ticketLabel ? (
            <span
              data-testid="keel-ticket-number"
              className="rounded-md bg-indigo-50 px-1.5 py-0.5 text-xs font-semibold text-indigo-700 ring-1 ring-inset ring-indigo-200"
            >
              {ticketLabel}
            </span>
          ) : null}
        </div>
        <p data-testid="keel-tenant" className="truncate text-xs text-slate-500">
          {tenantName ?? "Support copilot"}
        </p>
      </div>
      <button
        ref={collapseRef}
        type="button"
        onClick={onCollapse}
        aria-label="Collapse Keel sidebar (Alt+K)"
        aria-controls="keel-panel"
        aria-expanded="true"
        data-testid="keel-collapse"
        title="Collapse (Alt+K)"
        className="rounded-md p-1.5 text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <svg viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor" aria-hidden="true">
          <path
            fillRule="evenodd"
            d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z"
            clipRule="evenodd"
          />
        </svg>
      </button>
    </header>
  );
}
