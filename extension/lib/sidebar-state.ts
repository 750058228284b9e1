import type { TTicketSummary } from "@keel/shared";
import type { TDetectedTicket } from "./adapters";
import type { TPublicStatus } from "./connection";
import type { TExtError, TResult } from "./result";

/*
 * The sidebar's state machine, kept free of React and chrome.* so it can be tested. Summaries are
 * keyed by ticket and by connection (token id): a new ticket or a new sign-in means a new request,
 * and an answer that arrives for an old request is ignored.
 */

type TRequestKey = { ticketId: string; tokenId: string; requestId: number };

export type TSummaryState =
  | { phase: "idle" }
  | ({ phase: "loading" } & TRequestKey)
  | ({ phase: "ready"; summary: TTicketSummary } & TRequestKey)
  | ({ phase: "error"; error: TExtError } & TRequestKey);

export type TSummaryAction =
  | ({ type: "request" } & TRequestKey)
  | { type: "settle"; requestId: number; result: TResult<TTicketSummary> }
  | { type: "reset" };

export const INITIAL_SUMMARY: TSummaryState = { phase: "idle" };

export function summaryReducer(state: TSummaryState, action: TSummaryAction): TSummaryState {
  switch (action.type) {
    case "request":
      return {
        phase: "loading",
        ticketId: action.ticketId,
        tokenId: action.tokenId,
        requestId: action.requestId,
      };
    case "settle": {
      if (state.phase !== "loading" || state.requestId !== action.requestId) return state;
      const key = { ticketId: state.ticketId, tokenId: state.tokenId, requestId: state.requestId };
      return action.result.ok
        ? { phase: "ready", summary: action.result.data, ...key }
        : { phase: "error", error: action.result.error, ...key };
    }
    case "reset":
      return INITIAL_SUMMARY;
  }
}

/** Whether the sidebar should ask for a summary now (errors wait for "Retry" unless the ticket or sign-in changed). */
export function needsSummaryRequest(
  ticket: TDetectedTicket | null,
  status: TPublicStatus | undefined,
  summary: TSummaryState,
): { ticketId: string; tokenId: string } | null {
  if (!ticket || !status?.connected) return null;
  const key = { ticketId: ticket.ticketId, tokenId: status.tokenId };
  if (summary.phase === "idle") return key;
  return summary.ticketId === key.ticketId && summary.tokenId === key.tokenId ? null : key;
}

/** After a sign-out or an expired token the old summary (or its error) must not come back with the next sign-in. */
export function shouldResetSummary(status: TPublicStatus | undefined, summary: TSummaryState): boolean {
  return status?.connected === false && summary.phase !== "idle";
}

export type TSidebarView =
  | { kind: "hidden" }
  | { kind: "not-connected"; notice: string | null }
  | { kind: "loading"; label: string }
  | { kind: "error"; error: TExtError }
  | { kind: "summary"; summary: TTicketSummary };

/** What the sidebar shows for a ticket, the connection status (undefined while unknown) and the summary state. */
export function deriveSidebarView(
  ticket: TDetectedTicket | null,
  status: TPublicStatus | undefined,
  summary: TSummaryState,
): TSidebarView {
  if (!ticket) return { kind: "hidden" };
  if (!status) return { kind: "loading", label: "Checking your Keel connection…" };
  if (!status.connected) return { kind: "not-connected", notice: status.notice };
  const current =
    summary.phase !== "idle" && summary.ticketId === ticket.ticketId && summary.tokenId === status.tokenId;
  if (!current || summary.phase === "loading") return { kind: "loading", label: "Summarizing this ticket…" };
  if (summary.phase === "error") {
    // The background drops an expired token and the status follows; until then say so plainly.
    if (summary.error.code === "NOT_CONNECTED")
      return { kind: "not-connected", notice: summary.error.message };
    return { kind: "error", error: summary.error };
  }
  return { kind: "summary", summary: summary.summary };
}

/** The header's ticket label: the helpdesk number once the summary says it, else nothing. */
export function ticketLabel(view: TSidebarView): string | null {
  return view.kind === "summary" ? `#${view.summary.ticket.number}` : null;
}
