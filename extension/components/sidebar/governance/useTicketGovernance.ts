import type { TActionRequestView, TEscalationView, TRequestActionInput, TTicketContext } from "@keel/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TEscalationAssessment } from "~lib/background/service";
import { callBackground } from "~lib/messages";
import {
  shouldPoll,
  sortRequests,
  statusChanges,
  statusSentence,
  type TRequestStatus,
} from "~lib/request-view";
import type { TExtError, TResult } from "~lib/result";

/** How often the sidebar asks for the ticket's requests while one may still change. */
export const POLL_MS = 3_000;

export type TRemote<T> = { data: T | null; error: TExtError | null; loading: boolean };
const EMPTY: TRemote<never> = { data: null, error: null, loading: false };

type TState = {
  context: TRemote<TTicketContext>;
  requests: TRemote<TActionRequestView[]>;
  approvals: TRemote<TActionRequestView[]>;
  assessment: TRemote<TEscalationAssessment>;
  escalations: TRemote<TEscalationView[]>;
};
const INITIAL: TState = {
  context: EMPTY,
  requests: EMPTY,
  approvals: EMPTY,
  assessment: EMPTY,
  escalations: EMPTY,
};

export type TGovernanceKey = { ticketId: string; tokenId: string };

const upsert = <T extends { id: string }>(list: readonly T[] | null, item: T): T[] =>
  list?.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [item, ...(list ?? [])];

/**
 * Everything the sidebar's Actions, Requests and Escalation views show for one ticket, fetched through
 * the background worker, plus the calls that change it. While a request waits for approval or runs,
 * the ticket's requests are asked for every 3 s; a status change is announced and refreshes the rest.
 * Answers for another ticket or another sign-in are dropped.
 */
export function useTicketGovernance(key: TGovernanceKey | null) {
  const [state, setState] = useState<TState>(INITIAL);
  const [announcement, setAnnouncement] = useState("");
  const [pollTick, setPollTick] = useState(0);
  const keyText = key ? `${key.tokenId}:${key.ticketId}` : null;
  const ticketId = key?.ticketId ?? null;
  const current = useRef<string | null>(keyText);
  current.current = keyText;
  const seen = useRef(new Map<string, TRequestStatus>());
  const canApprove = useRef(false);

  const load = useCallback(
    async <F extends keyof TState>(
      field: F,
      call: () => Promise<TResult<NonNullable<TState[F]["data"]>>>,
    ): Promise<TResult<NonNullable<TState[F]["data"]>> | null> => {
      const asked = current.current;
      setState((s) => ({ ...s, [field]: { ...s[field], loading: true } }));
      const result = await call();
      if (current.current !== asked) return null;
      setState((s) => ({
        ...s,
        [field]: result.ok
          ? { data: result.data, error: null, loading: false }
          : { data: s[field].data, error: result.error, loading: false },
      }));
      return result;
    },
    [],
  );

  const refreshContext = useCallback(async () => {
    if (!ticketId) return;
    const result = await load("context", () => callBackground("ticket-context", { ticketId }));
    if (result?.ok) canApprove.current = result.data.canApprove;
    return result;
  }, [ticketId, load]);

  const refreshEscalation = useCallback(async () => {
    if (!ticketId) return;
    await Promise.all([
      load("assessment", () => callBackground("escalation-assess", { ticketId })),
      load("escalations", async () => {
        const r = await callBackground("escalation-list", { ticketId });
        return r.ok ? { ok: true, data: r.data.escalations } : r;
      }),
    ]);
  }, [ticketId, load]);

  const refreshApprovals = useCallback(async () => {
    if (!ticketId || !canApprove.current) return;
    await load("approvals", async () => {
      const r = await callBackground("action-list", { ticketId, approvable: true });
      return r.ok ? { ok: true, data: sortRequests(r.data.requests) } : r;
    });
  }, [ticketId, load]);

  /** The ticket's requests; a status that changed since the last look is announced and refreshes the rest. */
  const refreshRequests = useCallback(async () => {
    if (!ticketId) return;
    const [result] = await Promise.all([
      load("requests", async () => {
        const r = await callBackground("action-list", { ticketId });
        return r.ok ? { ok: true, data: sortRequests(r.data.requests) } : r;
      }),
      refreshApprovals(),
    ]);
    setPollTick((n) => n + 1);
    if (!result?.ok) return;
    const changes = statusChanges(seen.current, result.data);
    seen.current = new Map(result.data.map((r) => [r.id, r.status]));
    if (changes.length > 0) {
      setAnnouncement(changes.join(" "));
      // An executed refund changes what is refundable; a settled request changes the escalation rules.
      void refreshContext();
      void refreshEscalation();
    }
  }, [ticketId, load, refreshApprovals, refreshContext, refreshEscalation]);

  const refreshAll = useCallback(async () => {
    await Promise.all([
      refreshContext().then(() => refreshApprovals()),
      refreshRequests(),
      refreshEscalation(),
    ]);
  }, [refreshContext, refreshApprovals, refreshRequests, refreshEscalation]);

  // A new ticket or a new sign-in starts from nothing.
  useEffect(() => {
    setState(INITIAL);
    setAnnouncement("");
    seen.current = new Map();
    canApprove.current = false;
    if (keyText) void refreshAll();
  }, [keyText, refreshAll]);

  // Poll while anything may still change; each answer arms the next timer, so calls never overlap.
  const polling = shouldPoll(state.requests.data ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: pollTick re-arms the timer after every answer
  useEffect(() => {
    if (!keyText || !polling) return;
    const timer = setTimeout(() => void refreshRequests(), POLL_MS);
    return () => clearTimeout(timer);
  }, [keyText, polling, pollTick, refreshRequests]);

  // Coming back to the tab: catch up at once (e.g. a new request to approve).
  useEffect(() => {
    if (!keyText) return;
    const onVisible = () => {
      if (document.visibilityState === "visible") void refreshRequests();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [keyText, refreshRequests]);

  const remember = useCallback((view: TActionRequestView) => {
    seen.current.set(view.id, view.status);
    setState((s) => ({ ...s, requests: { ...s.requests, data: upsert(s.requests.data, view) } }));
  }, []);

  const requestAction = useCallback(
    async (input: TRequestActionInput) => {
      const asked = current.current;
      const result = await callBackground("action-request", input);
      if (result.ok && current.current === asked) {
        remember(result.data);
        setAnnouncement(statusSentence(result.data.actionId, result.data.status));
        void refreshEscalation();
        if (result.data.status === "executed") void refreshContext();
      }
      return result;
    },
    [remember, refreshEscalation, refreshContext],
  );

  const decide = useCallback(
    async (requestId: string, decision: "approve" | "reject", reason: string) => {
      const result = await callBackground("approval-decide", { requestId, decision, reason });
      if (result.ok) {
        remember(result.data);
        setAnnouncement(statusSentence(result.data.actionId, result.data.status));
        void refreshApprovals();
        void refreshContext();
        void refreshEscalation();
      } else if (result.error.code === "CONFLICT") {
        // Someone else decided first: show what happened.
        void refreshRequests();
      }
      return result;
    },
    [remember, refreshApprovals, refreshContext, refreshEscalation, refreshRequests],
  );

  const escalate = useCallback(
    async (note: string) => {
      if (!ticketId) return null;
      const result = await callBackground("escalation-create", { ticketId, note });
      if (result.ok) {
        setState((s) => ({
          ...s,
          escalations: { ...s.escalations, data: upsert(s.escalations.data, result.data) },
        }));
        setAnnouncement("Handed off to a human.");
      }
      return result;
    },
    [ticketId],
  );

  const take = useCallback(async (escalationId: string) => {
    const result = await callBackground("escalation-take", { escalationId });
    if (result.ok) {
      setState((s) => ({
        ...s,
        escalations: { ...s.escalations, data: upsert(s.escalations.data, result.data) },
      }));
      setAnnouncement("You took over this escalation.");
    }
    return result;
  }, []);

  return useMemo(
    () => ({
      ...state,
      polling,
      announcement,
      refreshAll,
      refreshRequests,
      refreshEscalation,
      requestAction,
      decide,
      escalate,
      take,
    }),
    [
      state,
      polling,
      announcement,
      refreshAll,
      refreshRequests,
      refreshEscalation,
      requestAction,
      decide,
      escalate,
      take,
    ],
  );
}

export type TGovernance = ReturnType<typeof useTicketGovernance>;
