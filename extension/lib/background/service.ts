import {
  callKeel,
  contract,
  KeelApiError,
  type KeelClientOptions,
  normalizeServerUrl,
  type TActionRequestView,
  type TConnectExtensionOutput,
  type TEscalationView,
  type TProcedureInput,
  type TProcedureName,
  type TProcedureOutput,
  type TRequestActionInput,
  type TTicketContext,
  type TTicketSummary,
  ZConnectExtensionInput,
  ZSummarizeInput,
} from "@keel/shared";
import { toExtError } from "../api-error";
import {
  EMPTY_STATE,
  EXPIRED_NOTICE,
  isExpired,
  type TConnectedStatus,
  type TPublicStatus,
  type TStoredConnection,
  type TStoredState,
  toPublicStatus,
} from "../connection";
import { formatDateTime } from "../format";
import { hostPermissionPattern } from "../permissions";
import { fail, ok, type TResult } from "../result";

/** Where the background keeps its state; chrome.storage in the extension, memory in tests. */
export interface TConnectionStore {
  read(): Promise<TStoredState>;
  write(state: TStoredState): Promise<void>;
}

export type TBackgroundDeps = {
  store: TConnectionStore;
  /** Whether the extension may call this origin pattern (an optional host permission). */
  hasHostPermission(pattern: string): Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Shown in the console's token list. */
  tokenLabel?: string;
};

export type TConnectRequest = { serverUrl: string; email: string; password: string; tenantSlug?: string };
export type TDisconnectOutcome = { revokedOnServer: boolean; message: string };
export type TStatusRequest = { verify?: boolean };

export type TTicketRef = { ticketId: string };
export type TListActionsRequest = {
  ticketId?: string;
  approvable?: boolean;
  status?: TActionRequestView["status"];
};
export type TDecideRequest = { requestId: string; decision: "approve" | "reject"; reason: string };
export type TCreateEscalationRequest = { ticketId: string; note?: string };
export type TEscalationAssessment = TProcedureOutput<"escalation.assess">;
export type TActionList = TProcedureOutput<"action.list">;
export type TEscalationList = TProcedureOutput<"escalation.list">;
export type TKbSuggestions = TProcedureOutput<"knowledge.suggest">;
export type TReplyDraftView = TProcedureOutput<"reply.draft">;
export type TReplyFeedback = { traceId: string; verdict: "accept" | "edit" | "reject"; text?: string };

const REVOKE_TIMEOUT_MS = 5_000;

/**
 * The extension's server-facing logic, free of chrome.* so it can be tested: connect, check status,
 * summarize, sign out, and the governed actions, approvals and escalations of a ticket. The token
 * never leaves this layer.
 */
export function createBackgroundService(deps: TBackgroundDeps) {
  const now = deps.now ?? (() => new Date());

  const client = (
    connection: { serverUrl: string; token?: string },
    timeoutMs?: number,
  ): KeelClientOptions => ({
    baseUrl: connection.serverUrl,
    token: connection.token ?? null,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  });

  async function forget(state: TStoredState, notice: string | null): Promise<TStoredState> {
    const next: TStoredState = {
      connection: null,
      notice,
      lastServerUrl: state.connection?.serverUrl ?? state.lastServerUrl,
    };
    await deps.store.write(next);
    return next;
  }

  /** The stored connection, or null after clearing it when its token has expired. */
  async function liveConnection(): Promise<{ state: TStoredState; connection: TStoredConnection | null }> {
    const state = await deps.store.read();
    if (state.connection && isExpired(state.connection.expiresAt, now())) {
      return { state: await forget(state, EXPIRED_NOTICE), connection: null };
    }
    return { state, connection: state.connection };
  }

  async function permissionProblem(serverUrl: string): Promise<TResult<never> | null> {
    const pattern = hostPermissionPattern(serverUrl);
    if (pattern === null || (await deps.hasHostPermission(pattern))) return null;
    return fail(
      "PERMISSION_REQUIRED",
      `Keel needs your permission to reach ${serverUrl}. Connect again from the Keel options page and allow access when Chrome asks.`,
    );
  }

  async function status(request: TStatusRequest = {}): Promise<TResult<TPublicStatus>> {
    const { state, connection } = await liveConnection();
    if (!connection || !request.verify) return ok(toPublicStatus(state));
    try {
      const me = await callKeel(client(connection), "auth.whoami", undefined);
      const refreshed: TStoredConnection = {
        ...connection,
        user: me.user,
        tenant: me.tenant,
        role: me.role,
        expiresAt: me.tokenExpiresAt ?? connection.expiresAt,
      };
      const next = { ...state, connection: refreshed };
      await deps.store.write(next);
      return ok(toPublicStatus(next));
    } catch (error) {
      if (error instanceof KeelApiError && error.code === "UNAUTHORIZED") {
        return ok(toPublicStatus(await forget(state, EXPIRED_NOTICE)));
      }
      // The server being down does not make the connection wrong; report what we know.
      return ok(toPublicStatus(state));
    }
  }

  async function connect(request: TConnectRequest): Promise<TResult<TConnectedStatus>> {
    let serverUrl: string;
    try {
      serverUrl = normalizeServerUrl(request.serverUrl);
    } catch (error) {
      return { ok: false, error: toExtError(error, request.serverUrl) };
    }
    const input = ZConnectExtensionInput.safeParse({
      email: request.email,
      password: request.password,
      ...(request.tenantSlug?.trim() ? { tenantSlug: request.tenantSlug } : {}),
      ...(deps.tokenLabel ? { label: deps.tokenLabel } : {}),
    });
    if (!input.success) {
      return fail("BAD_REQUEST", input.error.issues[0]?.message ?? "Check the form and try again.");
    }
    const denied = await permissionProblem(serverUrl);
    if (denied) return denied;

    const previous = (await deps.store.read()).connection;
    let answer: TConnectExtensionOutput;
    try {
      answer = await callKeel(client({ serverUrl }), "auth.connectExtension", input.data);
    } catch (error) {
      return { ok: false, error: toExtError(error, serverUrl) };
    }
    const connection: TStoredConnection = {
      serverUrl,
      token: answer.token,
      tokenId: answer.tokenId,
      expiresAt: answer.expiresAt,
      user: answer.user,
      tenant: answer.tenant,
      role: answer.role,
      connectedAt: now().toISOString(),
    };
    await deps.store.write({ connection, notice: null, lastServerUrl: serverUrl });
    if (previous && previous.tokenId !== connection.tokenId) {
      // Replacing a connection: do not leave the old token usable. Best effort, it expires anyway.
      await callKeel(client(previous, REVOKE_TIMEOUT_MS), "auth.revokeExtensionToken", {}).catch(
        () => undefined,
      );
    }
    const publicStatus = toPublicStatus({ ...EMPTY_STATE, connection });
    return publicStatus.connected
      ? ok(publicStatus)
      : fail("EXTENSION_ERROR", "Could not store the connection.");
  }

  async function disconnect(): Promise<TResult<TDisconnectOutcome>> {
    const state = await deps.store.read();
    const connection = state.connection;
    if (!connection) {
      await forget(state, null);
      return ok({ revokedOnServer: false, message: "Keel was not connected." });
    }
    let outcome: TDisconnectOutcome;
    try {
      await callKeel(client(connection, REVOKE_TIMEOUT_MS), "auth.revokeExtensionToken", {});
      outcome = { revokedOnServer: true, message: "Signed out. The token was revoked on the server." };
    } catch (error) {
      if (error instanceof KeelApiError && error.code === "UNAUTHORIZED") {
        outcome = {
          revokedOnServer: true,
          message: "Signed out. The token had already expired or been revoked.",
        };
      } else {
        const reason = toExtError(error, connection.serverUrl).message;
        outcome = {
          revokedOnServer: false,
          message: `Signed out of this browser, but the token could not be revoked on the server. ${reason} It stays valid until ${formatDateTime(connection.expiresAt)} unless an admin revokes it in the Keel console.`,
        };
      }
    }
    await forget(state, null);
    return ok(outcome);
  }

  /**
   * Calls one procedure with the stored token on behalf of a view: checks the input against the
   * contract first (a readable BAD_REQUEST without a round trip), and drops a token the server no
   * longer accepts so every view falls back to "not connected".
   */
  async function authed<P extends TProcedureName>(
    procedure: P,
    raw: unknown,
    notConnectedMessage = "Connect Keel to your account first.",
  ): Promise<TResult<TProcedureOutput<P>>> {
    const input = contract[procedure].input.safeParse(raw);
    if (!input.success) {
      const issue = input.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return fail("BAD_REQUEST", `${where}${issue?.message ?? "Invalid request."}`);
    }
    const { state, connection } = await liveConnection();
    if (!connection) return fail("NOT_CONNECTED", state.notice ?? notConnectedMessage);
    const denied = await permissionProblem(connection.serverUrl);
    if (denied) return denied;
    try {
      return ok(await callKeel(client(connection), procedure, input.data as TProcedureInput<P>));
    } catch (error) {
      if (error instanceof KeelApiError && error.code === "UNAUTHORIZED") {
        // Expired or revoked on the server: drop it so every view falls back to "not connected".
        await forget(state, EXPIRED_NOTICE);
      }
      return { ok: false, error: toExtError(error, connection.serverUrl) };
    }
  }

  async function summarize(request: TTicketRef): Promise<TResult<TTicketSummary>> {
    if (!ZSummarizeInput.safeParse(request).success)
      return fail("BAD_REQUEST", "This page does not show a valid ticket id.");
    return authed("ticket.summarize", request, "Connect Keel to your account to see summaries.");
  }

  /** The ticket's customer, orders, accounts, rollout mode and the caller's mode per action. */
  const ticketContext = (request: TTicketRef): Promise<TResult<TTicketContext>> =>
    authed("ticket.context", request);

  /** Requests a governed action; the server decides whether it runs, waits for approval or is denied. */
  const requestAction = (request: TRequestActionInput): Promise<TResult<TActionRequestView>> =>
    authed("action.request", request);

  const listActions = (request: TListActionsRequest): Promise<TResult<TActionList>> =>
    authed("action.list", request);

  const getAction = (request: { requestId: string }): Promise<TResult<TActionRequestView>> =>
    authed("action.get", request);

  /** A supervisor approves or rejects someone else's pending request, with a reason. */
  const decideApproval = (request: TDecideRequest): Promise<TResult<TActionRequestView>> =>
    authed("approval.decide", request);

  const assessEscalation = (request: TTicketRef): Promise<TResult<TEscalationAssessment>> =>
    authed("escalation.assess", request);

  /** Hands the ticket off to a human with a context bundle; a blank note is left out. */
  const createEscalation = (request: TCreateEscalationRequest): Promise<TResult<TEscalationView>> =>
    authed("escalation.create", {
      ticketId: request.ticketId,
      ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    });

  const listEscalations = (request: { ticketId?: string }): Promise<TResult<TEscalationList>> =>
    authed("escalation.list", request);

  const takeEscalation = (request: { escalationId: string }): Promise<TResult<TEscalationView>> =>
    authed("escalation.take", request);

  /** Knowledge articles matching the ticket (the kb.suggest copilot step), with the words they matched. */
  const suggestArticles = (request: TTicketRef): Promise<TResult<TKbSuggestions>> =>
    authed("knowledge.suggest", { ticketId: request.ticketId, limit: 5 });

  /** A reply draft in the agent's style, grounded and cited (the reply.draft copilot step). */
  const draftReply = (request: TTicketRef): Promise<TResult<TReplyDraftView>> =>
    authed("reply.draft", { ticketId: request.ticketId });

  /** The agent's verdict on a draft: used as is, edited, or discarded. */
  const draftFeedback = (request: TReplyFeedback): Promise<TResult<{ recorded: true }>> =>
    authed("reply.feedback", request);

  return {
    status,
    connect,
    disconnect,
    summarize,
    ticketContext,
    requestAction,
    listActions,
    getAction,
    decideApproval,
    assessEscalation,
    createEscalation,
    listEscalations,
    takeEscalation,
    suggestArticles,
    draftReply,
    draftFeedback,
  };
}

export type TBackgroundService = ReturnType<typeof createBackgroundService>;
