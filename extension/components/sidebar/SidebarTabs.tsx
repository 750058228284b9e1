import { type KeyboardEvent, useRef } from "react";

export type TTabId = "summary" | "actions" | "requests" | "escalation";
export type TTab = {
  id: TTabId;
  label: string;
  /** A count shown after the label, e.g. pending requests. */
  count?: number;
  /** A small dot saying "look here" (an escalation is recommended). */
  dot?: boolean;
  /** Read by screen readers after the label, e.g. "2 pending". */
  srNote?: string;
};

/** The sidebar's views as an ARIA tab list: arrow keys, Home and End move between tabs. */
export function SidebarTabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: TTab[];
  selected: TTabId;
  onSelect: (id: TTabId) => void;
}) {
  const refs = useRef(new Map<TTabId, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : null;
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label="Keel views"
      onKeyDown={onKeyDown}
      className="flex shrink-0 gap-1 border-b border-slate-200 px-2"
    >
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`keel-tab-${tab.id}`}
            data-testid={`keel-tab-${tab.id}`}
            aria-selected={isSelected}
            aria-controls={`keel-tabpanel-${tab.id}`}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            className={`relative -mb-px flex flex-1 items-center justify-center gap-1 whitespace-nowrap border-b-2 px-1.5 py-2.5 text-[13px] font-medium focus-visible:rounded-t-md focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
              isSelected
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"
            }`}
          >
            {tab.label}
            {tab.count ? (
              <span
                aria-hidden="true"
                className="min-w-[1.125rem] rounded-full bg-amber-100 px-1 text-center text-[10px] font-semibold leading-[1.125rem] text-amber-800"
              >
                {tab.count}
              </span>
            ) : null}
            {tab.dot ? <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-amber-500" /> : null}
            {tab.srNote ? <span className="sr-only">({tab.srNote})</span> : null}
          </button>
        );
      })}
    </div>
  );
}
