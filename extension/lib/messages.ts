import type {
  TActionRequestView,
  TEscalationView,
  TRequestActionInput,
  TTicketContext,
  TTicketSummary,
} from "@keel/shared";
import { type MessageName, sendToBackground } from "@plasmohq/messaging";
import type {
  TActionList,
  TConnectRequest,
  TCreateEscalationRequest,
  TDecideRequest,
  TDisconnectOutcome,
  TEscalationAssessment,
  TEscalationList,
  TKbSuggestions,
  TListActionsRequest,
  TReplyDraftView,
  TStatusRequest,
  TTicketRef,
} from "./background/service";
import type { TConnectedStatus, TPublicStatus } from "./connection";
import { fail, type TResult } from "./result";

/** Every background message handler (one file each under background/messages/), with its request and answer. */
export type TMessageMap = {
  status: { req: TStatusRequest; res: TResult<TPublicStatus> };
  connect: { req: TConnectRequest; res: TResult<TConnectedStatus> };
  disconnect: { req: Record<string, never>; res: TResult<TDisconnectOutcome> };
  summarize: { req: TTicketRef; res: TResult<TTicketSummary> };
  "open-options": { req: Record<string, never>; res: TResult<null> };
  "ticket-context": { req: TTicketRef; res: TResult<TTicketContext> };
  "action-request": { req: TRequestActionInput; res: TResult<TActionRequestView> };
  "action-list": { req: TListActionsRequest; res: TResult<TActionList> };
  "action-get": { req: { requestId: string }; res: TResult<TActionRequestView> };
  "approval-decide": { req: TDecideRequest; res: TResult<TActionRequestView> };
  "escalation-assess": { req: TTicketRef; res: TResult<TEscalationAssessment> };
  "escalation-create": { req: TCreateEscalationRequest; res: TResult<TEscalationView> };
  "escalation-list": { req: { ticketId?: string }; res: TResult<TEscalationList> };
  "escalation-take": { req: { escalationId: string }; res: TResult<TEscalationView> };
  "kb-suggest": { req: TTicketRef; res: TResult<TKbSuggestions> };
  "reply-draft": { req: TTicketRef; res: TResult<TReplyDraftView> };
  "reply-feedback": {
    req: { traceId: string; verdict: "accept" | "edit" | "reject"; text?: string };
    res: TResult<{ recorded: true }>;
  };
};
export type TMessageName = keyof TMessageMap;

/** Sends a message to the background worker; a worker that cannot be reached answers as an error, never throws. */
export async function callBackground<N extends TMessageName>(
  name: N,
  body: TMessageMap[N]["req"],
): Promise<TMessageMap[N]["res"]> {
  try {
    const answer = await sendToBackground<TMessageMap[N]["req"], TMessageMap[N]["res"] | undefined>({
      name: name as MessageName,
      body,
    });
    if (answer && typeof answer === "object" && "ok" in answer) return answer;
    return fail("EXTENSION_ERROR", "Keel's background worker gave no answer. Reload the page and try again.");
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = /context invalidated/i.test(detail)
      ? "Keel was updated or reloaded. Reload this page to use it again."
      : `Keel's background worker could not be reached (${detail}). Reload the page and try again.`;
    return fail("EXTENSION_ERROR", message);
  }
}
