import type { TTicketSummary } from "@keel/shared";
import { describe, expect, it } from "vitest";
import type { TPublicStatus } from "./connection";
import {
  deriveSidebarView,
  INITIAL_SUMMARY,
  needsSummaryRequest,
  shouldResetSummary,
  summaryReducer,
  type TSummaryState,
  ticketLabel,
} from "./sidebar-state";

const TICKET = { helpdesk: "sandbox" as const, ticketId: "tkt_1" };
const CONNECTED: TPublicStatus = {
  connected: true,
  serverUrl: "http://localhost:3000",
  tokenId: "tok_1",
  expiresAt: "2026-04-01T00:00:00.000Z",
  user: { id: "u", email: "a@b.co", name: "Ada" },
  tenant: { id: "t", slug: "acme", name: "Acme" },
  role: "agent",
};
const DISCONNECTED: TPublicStatus = { connected: false, notice: null, lastServerUrl: null };
const SUMMARY = { ticket: { number: 1042 } } as TTicketSummary;

const loading = (ticketId = "tkt_1", tokenId = "tok_1") => ({
  phase: "loading" as const,
  ticketId,
  tokenId,
  requestId: 1,
});

describe("summaryReducer", () => {
  it("settles the pending request", () => {
    const ready = summaryReducer(loading(), {
      type: "settle",
      requestId: 1,
      result: { ok: true, data: SUMMARY },
    });
    expect(ready).toMatchObject({ phase: "ready", ticketId: "tkt_1", summary: SUMMARY });
    const failed = summaryReducer(loading(), {
      type: "settle",
      requestId: 1,
      result: { ok: false, error: { code: "NOT_FOUND", message: "No such ticket" } },
    });
    expect(failed).toMatchObject({ phase: "error", error: { code: "NOT_FOUND" } });
  });

  it("ignores answers to superseded requests", () => {
    const state = summaryReducer(loading(), {
      type: "request",
      ticketId: "tkt_2",
      tokenId: "tok_1",
      requestId: 2,
    });
    const after = summaryReducer(state, {
      type: "settle",
      requestId: 1,
      result: { ok: true, data: SUMMARY },
    });
    expect(after).toBe(state);
  });
});

describe("needsSummaryRequest", () => {
  it("asks once per ticket and sign-in", () => {
    expect(needsSummaryRequest(TICKET, CONNECTED, INITIAL_SUMMARY)).toEqual({
      ticketId: "tkt_1",
      tokenId: "tok_1",
    });
    expect(needsSummaryRequest(TICKET, CONNECTED, loading())).toBeNull();
    expect(needsSummaryRequest({ ...TICKET, ticketId: "tkt_2" }, CONNECTED, loading())).toEqual({
      ticketId: "tkt_2",
      tokenId: "tok_1",
    });
    expect(needsSummaryRequest(TICKET, { ...CONNECTED, tokenId: "tok_2" }, loading())).not.toBeNull();
  });

  it("does not retry errors by itself", () => {
    const error: TSummaryState = {
      ...loading(),
      phase: "error",
      error: { code: "INTERNAL_SERVER_ERROR", message: "x" },
    };
    expect(needsSummaryRequest(TICKET, CONNECTED, error)).toBeNull();
  });

  it("never asks without a ticket or a connection", () => {
    expect(needsSummaryRequest(null, CONNECTED, INITIAL_SUMMARY)).toBeNull();
    expect(needsSummaryRequest(TICKET, DISCONNECTED, INITIAL_SUMMARY)).toBeNull();
    expect(needsSummaryRequest(TICKET, undefined, INITIAL_SUMMARY)).toBeNull();
  });
});

describe("shouldResetSummary", () => {
  it("forgets the summary once signed out, so the next sign-in asks again", () => {
    expect(shouldResetSummary(DISCONNECTED, loading())).toBe(true);
    expect(shouldResetSummary(DISCONNECTED, INITIAL_SUMMARY)).toBe(false);
    expect(shouldResetSummary(CONNECTED, loading())).toBe(false);
    expect(shouldResetSummary(undefined, loading())).toBe(false);
  });
});

describe("deriveSidebarView", () => {
  it("hides on pages without a ticket", () => {
    expect(deriveSidebarView(null, CONNECTED, INITIAL_SUMMARY)).toEqual({ kind: "hidden" });
  });

  it("shows loading while the status is unknown or the summary is on its way", () => {
    expect(deriveSidebarView(TICKET, undefined, INITIAL_SUMMARY).kind).toBe("loading");
    expect(deriveSidebarView(TICKET, CONNECTED, INITIAL_SUMMARY).kind).toBe("loading");
    expect(deriveSidebarView(TICKET, CONNECTED, loading()).kind).toBe("loading");
    // A summary of the previous ticket is not shown for the new one.
    const old: TSummaryState = { ...loading("tkt_0"), phase: "ready", summary: SUMMARY };
    expect(deriveSidebarView(TICKET, CONNECTED, old).kind).toBe("loading");
  });

  it("shows not-connected with the reason", () => {
    expect(deriveSidebarView(TICKET, { ...DISCONNECTED, notice: "Expired" }, INITIAL_SUMMARY)).toEqual({
      kind: "not-connected",
      notice: "Expired",
    });
  });

  it("shows the error or the summary of the current request", () => {
    const error = { code: "FORBIDDEN" as const, message: "You may not" };
    expect(deriveSidebarView(TICKET, CONNECTED, { ...loading(), phase: "error", error })).toEqual({
      kind: "error",
      error,
    });
    const view = deriveSidebarView(TICKET, CONNECTED, { ...loading(), phase: "ready", summary: SUMMARY });
    expect(view).toEqual({ kind: "summary", summary: SUMMARY });
    expect(ticketLabel(view)).toBe("#1042");
  });
});
