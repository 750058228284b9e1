import { useCallback, useEffect, useRef, useState } from "react";
import { findMessageElement } from "~lib/adapters";
import { highlightElement } from "~lib/highlight";
import { type TSidebarView, ticketLabel } from "~lib/sidebar-state";
import { Button } from "../ui/Button";
import { KeelMark } from "../ui/KeelMark";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";
import { NotConnectedState } from "./NotConnectedState";
import { SidebarHeader } from "./SidebarHeader";
import { SummaryView } from "./SummaryView";
import { useSidebarModel } from "./useSidebarModel";
import { useToggleShortcut } from "./useToggleShortcut";

/** The Keel panel on helpdesk ticket pages; renders nothing on other pages. */
export function Sidebar() {
  const { ticket, status, view, retry, openOptions } = useSidebarModel();
  const [collapsed, setCollapsed] = useState(false);
  // The source last clicked, remembered per ticket so it is forgotten when the ticket changes.
  const [shown, setShown] = useState<{ ticketId: string; messageId: string; missing: number | null } | null>(
    null,
  );
  const tabRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  const userToggled = useRef(false);

  const toggle = useCallback(() => {
    userToggled.current = true;
    setCollapsed((value) => !value);
  }, []);
  useToggleShortcut(toggle);

  // Move focus with the toggle so keyboard users land on the control that brings the panel back.
  useEffect(() => {
    if (!userToggled.current) return;
    (collapsed ? tabRef : collapseRef).current?.focus();
  }, [collapsed]);

  const showMessage = useCallback(
    (messageId: string) => {
      if (!ticket || view.kind !== "summary") return;
      const el = findMessageElement(document, ticket.helpdesk, messageId);
      if (el) highlightElement(el);
      const position = view.summary.citations.find((c) => c.messageId === messageId)?.position ?? null;
      setShown({ ticketId: ticket.ticketId, messageId, missing: el ? null : position });
    },
    [ticket, view],
  );

  if (view.kind === "hidden") return null;

  const tenantName = status?.connected ? status.tenant.name : null;
  const current = shown && shown.ticketId === ticket?.ticketId ? shown : null;

  return (
    <div
      data-testid="keel-sidebar"
      data-state={view.kind}
      data-collapsed={collapsed ? "true" : "false"}
      className="font-sans text-slate-800 antialiased"
    >
      {collapsed ? (
        <button
          ref={tabRef}
          type="button"
          onClick={toggle}
          data-testid="keel-sidebar-tab"
          aria-label="Open Keel sidebar (Alt+K)"
          aria-controls="keel-panel"
          aria-expanded="false"
          title="Open Keel (Alt+K)"
          className="fixed right-0 top-1/2 flex -translate-y-1/2 flex-col items-center gap-1.5 rounded-l-xl border border-r-0 border-slate-200 bg-white py-3 pl-2 pr-1.5 shadow-lg transition-colors hover:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <KeelMark className="h-7 w-7" />
          <span className="text-[11px] font-semibold text-slate-700">Keel</span>
        </button>
      ) : (
        <aside
          id="keel-panel"
          aria-labelledby="keel-sidebar-title"
          className="fixed bottom-3 right-3 top-3 flex w-[360px] max-w-[calc(100vw-1.5rem)] flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-2xl shadow-slate-900/10"
        >
          <SidebarHeader
            tenantName={tenantName}
            ticketLabel={ticketLabel(view)}
            onCollapse={toggle}
            collapseRef={collapseRef}
          />
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
            <SidebarBody
              view={view}
              onRetry={retry}
              onOpenOptions={openOptions}
              activeMessageId={current?.messageId ?? null}
              missingMessage={current?.missing ?? null}
              onShowMessage={showMessage}
            />
          </div>
          {view.kind === "summary" ? (
            <footer className="flex items-center justify-between border-t border-slate-200 bg-slate-50/80 px-4 py-2.5">
              <span className="text-[11px] text-slate-400">Alt+K to hide</span>
              <Button size="sm" variant="ghost" onClick={retry} data-testid="keel-refresh">
                Refresh
              </Button>
            </footer>
          ) : null}
        </aside>
      )}
    </div>
  );
}

type TBodyProps = {
  view: Exclude<TSidebarView, { kind: "hidden" }>;
  onRetry: () => void;
  onOpenOptions: () => void;
  activeMessageId: string | null;
  missingMessage: number | null;
  onShowMessage: (messageId: string) => void;
};

function SidebarBody({
  view,
  onRetry,
  onOpenOptions,
  activeMessageId,
  missingMessage,
  onShowMessage,
}: TBodyProps) {
  switch (view.kind) {
    case "not-connected":
      return <NotConnectedState notice={view.notice} onConnect={onOpenOptions} />;
    case "loading":
      return <LoadingState label={view.label} />;
    case "error":
      return <ErrorState error={view.error} onRetry={onRetry} onOpenOptions={onOpenOptions} />;
    case "summary":
      return (
        <SummaryView
          summary={view.summary}
          activeMessageId={activeMessageId}
          missingMessage={missingMessage}
          onShowMessage={onShowMessage}
        />
      );
  }
}
