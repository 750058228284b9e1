import type { TTicketSummary } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { EMPTY_STATE, EXPIRED_NOTICE, type TStoredConnection, type TStoredState } from "../connection";
import { requestView } from "../testing/governance-fixtures";
import { createBackgroundService, type TConnectionStore } from "./service";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const LATER = "2026-03-31T12:00:00.000Z";

const ANSWER = {
  token: "keel_secret_token",
  tokenId: "tok_1",
  expiresAt: LATER,
  user: { id: "usr_1", email: "ada@example.com", name: "Ada Agent" },
  tenant: { id: "ten_1", slug: "acme", name: "Acme" },
  role: "agent" as const,
};

const CONNECTION: TStoredConnection = {
  serverUrl: "http://localhost:3000",
  token: "keel_old_token",
  tokenId: "tok_0",
  expiresAt: LATER,
  user: ANSWER.user,
  tenant: ANSWER.tenant,
  role: "agent",
  connectedAt: "2026-02-01T00:00:00.000Z",
};

const SUMMARY: TTicketSummary = {
  ticket: {
    id: "tkt_1",
    number: 1042,
    subject: "Refund",
    status: "open",
    priority: "high",
    customerName: "Cy",
    messageCount: 2,
  },
  sentences: [{ text: "The customer wants a refund.", citations: ["msg_1"] }],
  citations: [
    {
      messageId: "msg_1",
      position: 1,
      authorType: "customer",
      authorName: "Cy",
      createdAt: "2026-02-28T10:00:00.000Z",
      excerpt: "I want my money back",
    },
  ],
  engine: { id: "extractive", version: "1.0.0" },
  generatedAt: "2026-03-01T12:00:00.000Z",
};

type TCall = { procedure: string; method: string; authorization: string | null; input: unknown };
type THandler = (call: TCall) => { status: number; body: unknown } | "network-error";

const trpcError = (code: string, httpStatus: number, message: string) => ({
  status: httpStatus,
  body: { error: { message, code: -32000, data: { code, httpStatus } } },
});
const trpcData = (data: unknown) => ({ status: 200, body: { result: { data } } });

/** A fetch that answers like the Keel tRPC endpoint, recording each call. */
function fakeServer(handler: THandler) {
  const calls: TCall[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const headers = new Headers(init?.headers);
    const procedure = u.pathname.replace("/api/trpc/", "");
    const rawInput =
      init?.method === "GET" ? u.searchParams.get("input") : (init?.body as string | undefined);
    const call: TCall = {
      procedure,
      method: init?.method ?? "GET",
      authorization: headers.get("authorization"),
      input: rawInput ? JSON.parse(rawInput) : undefined,
    };
    calls.push(call);
    const answer = handler(call);
    if (answer === "network-error") throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

function memoryStore(initial: TStoredState = EMPTY_STATE): TConnectionStore & { state: TStoredState } {
  const store = {
    state: initial,
    async read() {
      return store.state;
    },
    async write(next: TStoredState) {
      store.state = next;
    },
  };
  return store;
}

function setup(handler: THandler, initial?: TStoredState, granted: string[] = []) {
  const server = fakeServer(handler);
  const store = memoryStore(initial);
  const service = createBackgroundService({
    store,
    fetch: server.fetchImpl,
    hasHostPermission: async (pattern) => granted.includes(pattern),
    now: () => NOW,
    tokenLabel: "Keel copilot on Linux",
  });
  return { service, store, calls: server.calls };
}

const connected = (connection: TStoredConnection = CONNECTION): TStoredState => ({
  connection,
  notice: null,
  lastServerUrl: connection.serverUrl,
});

describe("connect", () => {
  it("exchanges the credentials for a token, stores it and answers without it", async () => {
    const { service, store, calls } = setup(() => trpcData(ANSWER));
    const result = await service.connect({
      serverUrl: " localhost:3000/ ",
      email: "Ada@Example.com",
      password: "pw",
    });

    expect(result).toEqual({
      ok: true,
      data: {
        connected: true,
        serverUrl: "http://localhost:3000",
        tokenId: "tok_1",
        expiresAt: LATER,
        user: ANSWER.user,
        tenant: ANSWER.tenant,
        role: "agent",
      },
    });
    expect(JSON.stringify(result)).not.toContain(ANSWER.token);
    expect(calls).toEqual([
      {
        procedure: "auth.connectExtension",
        method: "POST",
        authorization: null,
        input: { email: "ada@example.com", password: "pw", label: "Keel copilot on Linux" },
      },
    ]);
    expect(store.state.connection?.token).toBe(ANSWER.token);
    expect(store.state.lastServerUrl).toBe("http://localhost:3000");
  });

  it("sends the tenant slug only when one is given", async () => {
    const { service, calls } = setup(() => trpcData(ANSWER));
    await service.connect({
      serverUrl: "http://localhost:3000",
      email: "a@b.co",
      password: "x",
      tenantSlug: " acme ",
    });
    expect(calls[0]?.input).toMatchObject({ tenantSlug: "acme" });
  });

  it("passes the server's error message and code through verbatim", async () => {
    const { service, store } = setup(() => trpcError("UNAUTHORIZED", 401, "Wrong e-mail or password."));
    const result = await service.connect({
      serverUrl: "http://localhost:3000",
      email: "a@b.co",
      password: "x",
    });
    expect(result).toEqual({
      ok: false,
      error: { code: "UNAUTHORIZED", message: "Wrong e-mail or password.", httpStatus: 401 },
    });
    expect(store.state.connection).toBeNull();
  });

  it("says plainly when the server cannot be reached", async () => {
    const { service } = setup(() => "network-error");
    const result = await service.connect({
      serverUrl: "http://127.0.0.1:4999",
      email: "a@b.co",
      password: "x",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("NETWORK_ERROR");
    expect(result.error.message).toMatch(/^Can't reach the Keel server at http:\/\/127\.0\.0\.1:4999/);
  });

  it("checks the form before calling the server", async () => {
    const { service, calls } = setup(() => trpcData(ANSWER));
    const bad = await service.connect({ serverUrl: "http://localhost:3000", email: "nope", password: "x" });
    expect(bad).toEqual({
      ok: false,
      error: { code: "BAD_REQUEST", message: "Enter a valid e-mail address" },
    });
    const empty = await service.connect({ serverUrl: "  ", email: "a@b.co", password: "x" });
    expect(empty).toEqual({
      ok: false,
      error: { code: "BAD_REQUEST", message: "Enter the Keel server address" },
    });
    expect(calls).toHaveLength(0);
  });

  it("needs the optional host permission for a server outside localhost", async () => {
    const denied = setup(() => trpcData(ANSWER));
    const result = await denied.service.connect({
      serverUrl: "https://keel.example.com",
      email: "a@b.co",
      password: "x",
    });
    expect(result.ok ? null : result.error.code).toBe("PERMISSION_REQUIRED");
    expect(denied.calls).toHaveLength(0);

    const granted = setup(() => trpcData(ANSWER), EMPTY_STATE, ["https://keel.example.com/*"]);
    const ok = await granted.service.connect({
      serverUrl: "https://keel.example.com:8443",
      email: "a@b.co",
      password: "x",
    });
    expect(ok.ok).toBe(true);
  });

  it("revokes the token it replaces", async () => {
    const { service, calls } = setup(
      (call) =>
        call.procedure === "auth.connectExtension"
          ? trpcData(ANSWER)
          : trpcData({ tokenId: "tok_0", revokedAt: NOW.toISOString() }),
      connected(),
    );
    await service.connect({ serverUrl: "http://localhost:3000", email: "a@b.co", password: "x" });
    expect(calls.map((c) => [c.procedure, c.authorization])).toEqual([
      ["auth.connectExtension", null],
      ["auth.revokeExtensionToken", "Bearer keel_old_token"],
    ]);
  });
});

describe("summarize", () => {
  it("calls ticket.summarize with the stored token", async () => {
    const { service, calls } = setup(() => trpcData(SUMMARY), connected());
    const result = await service.summarize({ ticketId: "tkt_1" });
    expect(result).toEqual({ ok: true, data: SUMMARY });
    expect(calls).toEqual([
      {
        procedure: "ticket.summarize",
        method: "GET",
        authorization: "Bearer keel_old_token",
        input: { ticketId: "tkt_1" },
      },
    ]);
  });

  it("answers NOT_CONNECTED without calling anyone when there is no token", async () => {
    const { service, calls } = setup(() => trpcData(SUMMARY));
    const result = await service.summarize({ ticketId: "tkt_1" });
    expect(result.ok ? null : result.error.code).toBe("NOT_CONNECTED");
    expect(calls).toHaveLength(0);
  });

  it("forgets a token the server no longer accepts", async () => {
    const { service, store } = setup(() => trpcError("UNAUTHORIZED", 401, "Token expired"), connected());
    const result = await service.summarize({ ticketId: "tkt_1" });
    expect(result).toEqual({
      ok: false,
      error: { code: "UNAUTHORIZED", message: "Token expired", httpStatus: 401 },
    });
    expect(store.state).toEqual({
      connection: null,
      notice: EXPIRED_NOTICE,
      lastServerUrl: "http://localhost:3000",
    });
  });

  it("keeps the token on other errors and shows the server's message", async () => {
    const { service, store } = setup(() => trpcError("NOT_FOUND", 404, "Ticket not found"), connected());
    const result = await service.summarize({ ticketId: "tkt_9" });
    expect(result).toEqual({
      ok: false,
      error: { code: "NOT_FOUND", message: "Ticket not found", httpStatus: 404 },
    });
    expect(store.state.connection).not.toBeNull();
  });

  it("drops a token that expired locally", async () => {
    const expired = { ...CONNECTION, expiresAt: "2026-02-28T00:00:00.000Z" };
    const { service, store, calls } = setup(() => trpcData(SUMMARY), connected(expired));
    const result = await service.summarize({ ticketId: "tkt_1" });
    expect(result.ok ? null : result.error).toEqual({ code: "NOT_CONNECTED", message: EXPIRED_NOTICE });
    expect(store.state.connection).toBeNull();
    expect(calls).toHaveLength(0);
  });
});

describe("disconnect", () => {
  it("revokes the token on the server, then forgets it", async () => {
    const { service, store, calls } = setup(
      () => trpcData({ tokenId: "tok_0", revokedAt: NOW.toISOString() }),
      connected(),
    );
    const result = await service.disconnect();
    expect(result.ok && result.data.revokedOnServer).toBe(true);
    expect(calls).toEqual([
      {
        procedure: "auth.revokeExtensionToken",
        method: "POST",
        authorization: "Bearer keel_old_token",
        input: {},
      },
    ]);
    expect(store.state).toEqual({ connection: null, notice: null, lastServerUrl: "http://localhost:3000" });
  });

  it("still signs out locally when the server is down, and says the token was not revoked", async () => {
    const { service, store } = setup(() => "network-error", connected());
    const result = await service.disconnect();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.revokedOnServer).toBe(false);
    expect(result.data.message).toMatch(/could not be revoked on the server/);
    expect(result.data.message).toMatch(/Can't reach the Keel server at http:\/\/localhost:3000/);
    expect(store.state.connection).toBeNull();
  });
});

describe("status", () => {
  it("never includes the token", async () => {
    const { service } = setup(() => trpcData(null), connected());
    const result = await service.status();
    expect(result.ok && result.data.connected).toBe(true);
    expect(JSON.stringify(result)).not.toContain("keel_old_token");
  });

  it("with verify, signs out when the server rejects the token and keeps it when the server is down", async () => {
    const rejected = setup(() => trpcError("UNAUTHORIZED", 401, "Revoked"), connected());
    expect(await rejected.service.status({ verify: true })).toEqual({
      ok: true,
      data: { connected: false, notice: EXPIRED_NOTICE, lastServerUrl: "http://localhost:3000" },
    });

    const down = setup(() => "network-error", connected());
    const result = await down.service.status({ verify: true });
    expect(result.ok && result.data.connected).toBe(true);
  });

  it("with verify, refreshes the role from auth.whoami", async () => {
    const { service, calls } = setup(
      () =>
        trpcData({
          user: ANSWER.user,
          tenant: ANSWER.tenant,
          role: "supervisor",
          via: "extension_token",
          tokenExpiresAt: LATER,
        }),
      connected(),
    );
    const result = await service.status({ verify: true });
    expect(result.ok && result.data.connected && result.data.role).toBe("supervisor");
    expect(calls[0]).toMatchObject({
      procedure: "auth.whoami",
      method: "GET",
      authorization: "Bearer keel_old_token",
    });
  });
});

const VIEW = requestView({ requestedBy: { id: "usr_1", name: "Ada Agent", email: "ada@example.com" } });

const ESCALATION = {
  id: "esc_1",
  ticketId: "tkt_1",
  trigger: "agent_requested",
  status: "open",
  bundle: {
    customerRequest: "I want my money back",
    facts: [{ label: "Customer", value: "Cy (premium)" }],
    actionsTaken: [],
    confidence: 0.42,
    citedSources: [{ kind: "message", id: "msg_1", label: "message 1" }],
    trigger: "agent_requested",
    triggerDetail: "the agent handed the ticket off",
  },
  createdAt: "2026-03-01T12:00:00.000Z",
  createdBy: "Ada Agent",
  takenBy: null,
} as const;

describe("governed actions", () => {
  it("asks for the ticket context with the stored token", async () => {
    const context = {
      ticket: { id: "tkt_1", number: 1042, subject: "Refund", status: "open", queue: "general", tags: [] },
      customer: { id: "cus_1", name: "Cy", tier: "premium", identityVerified: true },
      orders: [],
      accounts: [],
      rolloutMode: "assistive",
      modes: { "order.refund": "execute_with_approval" },
      canApprove: false,
      safety: { injectionFlagged: false, findings: [], scannedAt: "2026-01-01T00:00:00.000Z" },
    };
    const { service, calls } = setup(() => trpcData(context), connected());
    expect(await service.ticketContext({ ticketId: "tkt_1" })).toEqual({ ok: true, data: context });
    expect(calls).toEqual([
      {
        procedure: "ticket.context",
        method: "GET",
        authorization: "Bearer keel_old_token",
        input: { ticketId: "tkt_1" },
      },
    ]);
  });

  it("requests an action with the confirmation and the idempotency key it was given", async () => {
    const { service, calls } = setup(() => trpcData(VIEW), connected());
    const request = {
      actionId: "order.refund" as const,
      params: { ticketId: "tkt_1", orderId: "ord_1", amount: 20, currency: "USD" },
      confirmed: true,
      idempotencyKey: "keel-0123456789abcdef",
    };
    const first = await service.requestAction(request);
    const retry = await service.requestAction(request);
    expect(first).toEqual({ ok: true, data: VIEW });
    expect(retry).toEqual(first);
    expect(calls.map((c) => [c.procedure, c.method, c.input])).toEqual([
      ["action.request", "POST", request],
      ["action.request", "POST", request],
    ]);
  });

  it("answers a policy denial as data and a missing right as the server's FORBIDDEN", async () => {
    const denied = { ...VIEW, status: "denied", decision: { ...VIEW.decision, effect: "deny" } };
    const policy = setup(() => trpcData(denied), connected());
    const result = await policy.service.requestAction({ actionId: "ticket.addTags", params: {} });
    expect(result.ok && result.data.status).toBe("denied");

    const role = setup(
      () => trpcError("FORBIDDEN", 403, "Your role (auditor) may not run order.refund."),
      connected(),
    );
    expect(await role.service.requestAction({ actionId: "order.refund", params: {} })).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", message: "Your role (auditor) may not run order.refund.", httpStatus: 403 },
    });
  });

  it("passes the server's BAD_REQUEST message through and refuses malformed requests locally", async () => {
    const message = "Invalid parameters. amount: The amount must be more than zero";
    const server = setup(() => trpcError("BAD_REQUEST", 400, message), connected());
    const result = await server.service.requestAction({ actionId: "order.refund", params: { amount: -1 } });
    expect(result).toEqual({ ok: false, error: { code: "BAD_REQUEST", message, httpStatus: 400 } });

    const local = setup(() => trpcData(VIEW), connected());
    const bad = await local.service.requestAction({
      actionId: "order.refund",
      params: {},
      idempotencyKey: "short",
    });
    expect(bad.ok ? null : bad.error.code).toBe("BAD_REQUEST");
    expect(bad.ok ? null : bad.error.message).toMatch(/^idempotencyKey: /);
    expect(local.calls).toHaveLength(0);
  });

  it("lists and reads requests", async () => {
    const { service, calls } = setup(
      (call) => (call.procedure === "action.list" ? trpcData({ requests: [VIEW] }) : trpcData(VIEW)),
      connected(),
    );
    expect(await service.listActions({ ticketId: "tkt_1" })).toEqual({
      ok: true,
      data: { requests: [VIEW] },
    });
    expect(await service.getAction({ requestId: "act_1" })).toEqual({ ok: true, data: VIEW });
    expect(calls.map((c) => [c.procedure, c.method, c.input])).toEqual([
      ["action.list", "GET", { ticketId: "tkt_1", limit: 50 }],
      ["action.get", "GET", { requestId: "act_1" }],
    ]);
  });

  it("needs a reason to decide an approval and shows the server's CONFLICT", async () => {
    const short = setup(() => trpcData(VIEW), connected());
    expect(
      await short.service.decideApproval({ requestId: "act_1", decision: "approve", reason: " ok " }),
    ).toEqual({
      ok: false,
      error: { code: "BAD_REQUEST", message: "reason: Give a reason (at least 3 characters)" },
    });
    expect(short.calls).toHaveLength(0);

    const decided = setup(() => trpcError("CONFLICT", 409, "This request was already decided."), connected());
    const result = await decided.service.decideApproval({
      requestId: "act_1",
      decision: "reject",
      reason: "Amount too high",
    });
    expect(result.ok ? null : result.error).toEqual({
      code: "CONFLICT",
      message: "This request was already decided.",
      httpStatus: 409,
    });
    expect(decided.calls[0]).toMatchObject({
      procedure: "approval.decide",
      method: "POST",
      input: { requestId: "act_1", decision: "reject", reason: "Amount too high" },
    });
  });

  it("answers NOT_CONNECTED without a token and forgets a token the server rejects", async () => {
    const none = setup(() => trpcData(VIEW));
    const result = await none.service.listActions({ ticketId: "tkt_1" });
    expect(result.ok ? null : result.error.code).toBe("NOT_CONNECTED");
    expect(none.calls).toHaveLength(0);

    const revoked = setup(() => trpcError("UNAUTHORIZED", 401, "Token revoked"), connected());
    await revoked.service.ticketContext({ ticketId: "tkt_1" });
    expect(revoked.store.state.connection).toBeNull();
    expect(revoked.store.state.notice).toBe(EXPIRED_NOTICE);
  });

  it("says plainly when the server cannot be reached", async () => {
    const { service } = setup(() => "network-error", connected());
    const result = await service.requestAction({ actionId: "ticket.addTags", params: {} });
    expect(result.ok ? null : result.error.code).toBe("NETWORK_ERROR");
  });
});

describe("escalations", () => {
  it("assesses, lists, creates and takes escalations", async () => {
    const assessment = {
      ticketId: "tkt_1",
      escalate: true,
      rules: [
        { trigger: "low_confidence", fired: true, detail: "confidence 0.27 against the threshold 0.60" },
      ],
      trigger: "low_confidence",
      confidence: 0.27,
    };
    const { service, calls } = setup((call) => {
      if (call.procedure === "escalation.assess") return trpcData(assessment);
      if (call.procedure === "escalation.list") return trpcData({ escalations: [ESCALATION] });
      if (call.procedure === "escalation.take") return trpcData({ ...ESCALATION, status: "taken" });
      return trpcData(ESCALATION);
    }, connected());
    expect(await service.assessEscalation({ ticketId: "tkt_1" })).toEqual({ ok: true, data: assessment });
    expect(await service.listEscalations({ ticketId: "tkt_1" })).toEqual({
      ok: true,
      data: { escalations: [ESCALATION] },
    });
    expect(await service.createEscalation({ ticketId: "tkt_1", note: "  Customer is upset  " })).toEqual({
      ok: true,
      data: ESCALATION,
    });
    await service.createEscalation({ ticketId: "tkt_1", note: "   " });
    const taken = await service.takeEscalation({ escalationId: "esc_1" });
    expect(taken.ok && taken.data.status).toBe("taken");
    expect(calls.map((c) => [c.procedure, c.method, c.input])).toEqual([
      ["escalation.assess", "GET", { ticketId: "tkt_1" }],
      ["escalation.list", "GET", { ticketId: "tkt_1" }],
      ["escalation.create", "POST", { ticketId: "tkt_1", note: "Customer is upset" }],
      ["escalation.create", "POST", { ticketId: "tkt_1" }],
      ["escalation.take", "POST", { escalationId: "esc_1" }],
    ]);
  });

  it("shows the server's FORBIDDEN when an agent tries to take over", async () => {
    const { service } = setup(
      () => trpcError("FORBIDDEN", 403, "Your role may not take escalations."),
      connected(),
    );
    const result = await service.takeEscalation({ escalationId: "esc_1" });
    expect(result.ok ? null : result.error.message).toBe("Your role may not take escalations.");
  });
});
