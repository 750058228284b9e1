import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { findMessageElement, insertIntoReplyBox } from "~lib/adapters";
import { currentEscalation } from "~lib/escalation-view";
import { highlightElement } from "~lib/highlight";
import { isActive } from "~lib/request-view";
import { type TSidebarView, ticketLabel } from "~lib/sidebar-state";
import { Button } from "../ui/Button";
import { KeelMark } from "../ui/KeelMark";
import { DraftReply } from "./DraftReply";
import { ErrorState } from "./ErrorState";
import { ActionsPanel } from "./governance/ActionsPanel";
import { EscalationPanel } from "./governance/EscalationPanel";
import { RequestsPanel } from "./governance/RequestsPanel";
import { type TGovernance, useTicketGovernance } from "./governance/useTicketGovernance";
import { KbSuggestions } from "./KbSuggestions";
import { LoadingState } from "./LoadingState";
import { NotConnectedState } from "./NotConnectedState";
import { SafetyBanner } from "./SafetyBanner";
import { SidebarHeader } from "./SidebarHeader";
import { SidebarTabs, type TTab, type TTabId } from "./SidebarTabs";
import { SummaryView } from "./SummaryView";
import { useSidebarModel } from "./useSidebarModel";
import { useToggleShortcut } from "./useToggleShortcut";

/** Summary errors meaning the caller cannot see this ticket at all: no actions to offer then. */
const INACCESSIBLE = new Set<string>(["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED"]);

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const userToggled = useRef(false);
  const [tab, setTab] = useState<TTabId>("summary");

  const connected = status?.connected ? status : null;
  // The views beyond the summary need a connection and a ticket the caller may see (not another
  // tenant's); otherwise only the summary's own states show.
  const inaccessible = view.kind === "error" && INACCESSIBLE.has(view.error.code);
  const showTabs =
    Boolean(ticket && connected) && view.kind !== "not-connected" && view.kind !== "hidden" && !inaccessible;
  const governance = useTicketGovernance(
    ticket && connected && showTabs ? { ticketId: ticket.ticketId, tokenId: connected.tokenId } : null,
  );
  const selectTab = useCallback((id: TTabId) => {
    setTab(id);
    scrollRef.current?.scrollTo({ top: 0 });
  }, []);

  const refreshAll = useCallback(() => {
    retry();
    void governance.refreshAll();
  }, [retry, governance.refreshAll]);

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

  /** A message cited outside the summary (an escalation's sources): highlight it if the page shows it. */
  const highlightMessage = useCallback(
    (messageId: string) => {
      if (!ticket) return;
      const el = findMessageElement(document, ticket.helpdesk, messageId);
      if (el) highlightElement(el);
    },
    [ticket],
  );

  if (view.kind === "hidden") return null;

  const tenantName = status?.connected ? status.tenant.name : null;
  const current = shown && shown.ticketId === ticket?.ticketId ? shown : null;
  const contextNumber = governance.context.data ? `#${governance.context.data.ticket.number}` : null;
  const activeTab: TTabId = showTabs ? tab : "summary";

  const summaryBody = (
    <SidebarBody
      view={view}
      onRetry={retry}
      onOpenOptions={openOptions}
      activeMessageId={current?.messageId ?? null}
      missingMessage={current?.missing ?? null}
      onShowMessage={showMessage}
    />
  );

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
            ticketLabel={ticketLabel(view) ?? (showTabs ? contextNumber : null)}
            onCollapse={toggle}
            collapseRef={collapseRef}
          />
          {showTabs ? (
            <SidebarTabs tabs={tabsFor(governance)} selected={activeTab} onSelect={selectTab} />
          ) : null}
          <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
            {showTabs && connected ? (
              <>
                {governance.context.data ? <SafetyBanner safety={governance.context.data.safety} /> : null}
                <TabPanel id="summary" selected={activeTab}>
                  {summaryBody}
                  {ticket ? <KbSuggestions ticketId={ticket.ticketId} tokenId={connected.tokenId} /> : null}
                  {ticket ? (
                    <DraftReply
                      ticketId={ticket.ticketId}
                      tokenId={connected.tokenId}
                      onInsert={(text) => insertIntoReplyBox(document, ticket.helpdesk, text)}
                      onHandOff={() => selectTab("escalation")}
                    />
                  ) : null}
                </TabPanel>
                <TabPanel id="actions" selected={activeTab}>
                  <ActionsPanel governance={governance} />
                </TabPanel>
                <TabPanel id="requests" selected={activeTab}>
                  <RequestsPanel governance={governance} />
                </TabPanel>
                <TabPanel id="escalation" selected={activeTab}>
                  <EscalationPanel
                    governance={governance}
                    role={connected.role}
                    onShowMessage={highlightMessage}
                  />
                </TabPanel>
              </>
            ) : (
              summaryBody
            )}
          </div>
          {/* Status changes of requests (polled) and hand-offs, for screen readers. */}
          <p role="status" aria-live="polite" className="sr-only" data-testid="keel-live">
            {showTabs ? governance.announcement : ""}
          </p>
          {view.kind === "summary" || showTabs ? (
            <footer className="flex items-center justify-between border-t border-slate-200 bg-slate-50/80 px-4 py-2.5">
              <span className="text-[11px] text-slate-400">Alt+K to hide</span>
              <Button size="sm" variant="ghost" onClick={refreshAll} data-testid="keel-refresh">
                Refresh
              </Button>
            </footer>
          ) : null}
        </aside>
      )}
    </div>
  );
}

/** The tabs with what waits in each: pending requests or approvals, a recommended hand-off. */
function tabsFor(governance: TGovernance): TTab[] {
  const pending = governance.requests.data?.filter((r) => isActive(r.status)).length ?? 0;
  const approvals = governance.context.data?.canApprove ? (governance.approvals.data?.length ?? 0) : 0;
  const escalation = governance.escalations.data ? currentEscalation(governance.escalations.data) : null;
  const escalationOpen = escalation !== null && escalation.status !== "resolved";
  const recommend = Boolean(governance.assessment.data?.escalate) || escalationOpen;
  const count = approvals || pending;
  return [
    { id: "summary", label: "Summary" },
    { id: "actions", label: "Actions" },
    {
      id: "requests",
      label: "Requests",
      count,
      ...(count
        ? { srNote: approvals ? `${approvals} waiting for your approval` : `${pending} pending` }
        : {}),
    },
    {
      id: "escalation",
      label: "Escalation",
      dot: recommend,
      ...(recommend ? { srNote: escalationOpen ? "handed off" : "hand-off recommended" } : {}),
    },
  ];
}

function TabPanel({ id, selected, children }: { id: TTabId; selected: TTabId; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`keel-tabpanel-${id}`}
      aria-labelledby={`keel-tab-${id}`}
      data-testid={`keel-tabpanel-${id}`}
      hidden={id !== selected}
    >
      {children}
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
