import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { detectTicket, type TDetectedTicket } from "~lib/adapters";
import { callBackground } from "~lib/messages";
import {
  deriveSidebarView,
  INITIAL_SUMMARY,
  needsSummaryRequest,
  shouldResetSummary,
  summaryReducer,
  type TSidebarView,
} from "~lib/sidebar-state";
import { watchTicket } from "~lib/ticket-watcher";
import { usePublicStatus } from "../usePublicStatus";

/** Everything the sidebar shows, derived from the page's ticket, the connection and the summary request. */
export function useSidebarModel() {
  const [ticket, setTicket] = useState<TDetectedTicket | null>(() => detectTicket(document));
  const { status, error: statusError, refresh: refreshStatus } = usePublicStatus();
  const [summary, dispatch] = useReducer(summaryReducer, INITIAL_SUMMARY);
  const sequence = useRef(0);

  useEffect(() => watchTicket(document, setTicket), []);

  const request = useCallback((key: { ticketId: string; tokenId: string }) => {
    const requestId = ++sequence.current;
    dispatch({ type: "request", ...key, requestId });
    void callBackground("summarize", { ticketId: key.ticketId }).then((result) =>
      dispatch({ type: "settle", requestId, result }),
    );
  }, []);

  useEffect(() => {
    if (shouldResetSummary(status, summary)) return dispatch({ type: "reset" });
    const key = needsSummaryRequest(ticket, status, summary);
    if (key) request(key);
  }, [ticket, status, summary, request]);

  const view: TSidebarView =
    statusError && ticket
      ? { kind: "error", error: statusError }
      : deriveSidebarView(ticket, status, summary);

  const retry = useCallback(() => {
    if (statusError || !status) return void refreshStatus();
    if (ticket && status.connected) request({ ticketId: ticket.ticketId, tokenId: status.tokenId });
  }, [statusError, status, ticket, request, refreshStatus]);

  const openOptions = useCallback(() => void callBackground("open-options", {}), []);

  return { ticket, status, view, retry, openOptions };
}
