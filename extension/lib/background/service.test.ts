import type { TTicketSummary } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { EMPTY_STATE, EXPIRED_NOTICE, type TStoredConnection, type TStoredState } from "../connection";
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
