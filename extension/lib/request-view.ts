import { ACTIONS, type TActionId, type TActionRequestView, type TTicketContext } from "@keel/shared";
import { formatDateTime, titleCase } from "./format";
import { formatMoney } from "./money";

/*
 * How the sidebar speaks about action requests: status labels, parameters and results in human form,
 * when to keep polling, and what to announce when a status changes. Free of React so it can be tested.
 */

export type TRequestStatus = TActionRequestView["status"];
/** Colour families; the components map them to classes (Tailwind only scans components). */
export type TTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger";

export const STATUS_META: Record<TRequestStatus, { label: string; tone: TTone }> = {
  pending_approval: { label: "Pending approval", tone: "warning" },
  approved: { label: "Approved", tone: "info" },
  executing: { label: "Running", tone: "progress" },
  executed: { label: "Executed", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  denied: { label: "Denied", tone: "danger" },
  failed: { label: "Failed", tone: "danger" },
  expired: { label: "Expired", tone: "neutral" },
  void: { label: "Void", tone: "neutral" },
};

/** Statuses that can still change on their own (an approval, the execution that follows). */
const ACTIVE: readonly TRequestStatus[] = ["pending_approval", "approved", "executing"];

export const isActive = (status: TRequestStatus) => ACTIVE.includes(status);

/** Poll while anything on the ticket may still change; stop when everything is settled. */
export function shouldPoll(requests: readonly Pick<TActionRequestView, "status">[]): boolean {
  return requests.some((r) => isActive(r.status));
}

export function actionTitle(actionId: string): string {
  return actionId in ACTIONS ? ACTIONS[actionId as TActionId].title : actionId;
}

export type TFact = { label: string; value: string };
type TContextLike = Pick<TTicketContext, "customer" | "orders" | "accounts"> | null;

const str = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

const orderName = (id: unknown, ctx: TContextLike) => {
  const order = ctx?.orders.find((o) => o.id === id);
  return order ? order.number : str(id);
};
const accountName = (id: unknown, ctx: TContextLike) => {
  const account = ctx?.accounts.find((a) => a.id === id);
  return account ? account.name : str(id);
};
const customerName = (id: unknown, ctx: TContextLike) =>
  ctx && ctx.customer.id === id ? ctx.customer.name : str(id);

const money = (params: Record<string, unknown>) =>
  typeof params.amount === "number" ? formatMoney(params.amount, str(params.currency) || "USD") : "";

/** The parameters as a human reads them: "Order: NW-48213", "Amount: $20.00" (the ticket itself is implied). */
export function paramFacts(params: Record<string, unknown>, ctx: TContextLike): TFact[] {
  const facts: TFact[] = [];
  for (const [key, value] of Object.entries(params)) {
    switch (key) {
      case "ticketId":
      case "currency":
        break;
      case "orderId":
        facts.push({ label: "Order", value: orderName(value, ctx) });
        break;
      case "accountId":
        facts.push({ label: "Account", value: accountName(value, ctx) });
        break;
      case "customerId":
        facts.push({ label: "Customer", value: customerName(value, ctx) });
        break;
      case "amount":
        facts.push({ label: "Amount", value: money(params) });
        break;
      case "status":
        facts.push({ label: "New status", value: titleCase(str(value)) });
        break;
      case "queue":
        facts.push({ label: "Queue", value: titleCase(str(value)) });
        break;
      case "tags":
        facts.push({ label: "Tags", value: Array.isArray(value) ? value.map(str).join(", ") : str(value) });
        break;
      case "body":
        facts.push({ label: "Note", value: str(value) });
        break;
      case "newOwnerEmail":
        facts.push({ label: "New owner", value: str(value) });
        break;
      case "reason":
        facts.push({ label: "Reason", value: str(value) });
        break;
      default:
        facts.push({ label: sentenceCase(key), value: str(value) });
    }
  }
  // A stable order for the eye: the record first, then what is done to it.
  const rank = (label: string) => {
    const i = ["Order", "Account", "Customer"].indexOf(label);
    return i === -1 ? 3 : i;
  };
  return facts.sort((a, b) => rank(a.label) - rank(b.label));
}

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** One line saying what the request does: "Refund $20.00 on NW-48213". */
export function describeRequest(
  actionId: string,
  params: Record<string, unknown>,
  ctx: TContextLike,
): string {
  switch (actionId) {
    case "ticket.setStatus":
      return `Set the status to ${titleCase(str(params.status))}`;
    case "ticket.addTags":
      return `Add tags: ${Array.isArray(params.tags) ? params.tags.map(str).join(", ") : str(params.tags)}`;
    case "ticket.addInternalNote":
      return `Internal note: “${clip(str(params.body))}”`;
    case "customer.requestVerification":
      return `Ask ${customerName(params.customerId, ctx)} to verify their identity`;
    case "ticket.assignQueue":
      return `Move to the ${titleCase(str(params.queue))} queue`;
    case "order.refund":
      return `Refund ${money(params)} on ${orderName(params.orderId, ctx)}`;
    case "order.cancel":
      return `Cancel ${orderName(params.orderId, ctx)}: ${clip(str(params.reason), 40)}`;
    case "account.changeOwner":
      return `Transfer ${accountName(params.accountId, ctx)} to ${str(params.newOwnerEmail)}`;
    case "account.revokeAccess":
      return `Revoke access to ${accountName(params.accountId, ctx)}`;
    case "account.sendPasswordReset":
      return `Send a password reset for ${accountName(params.accountId, ctx)}`;
    default:
      return actionTitle(actionId);
  }
}

const RESULT_LABEL: Record<string, string> = {
  ledgerEntryId: "Ledger entry",
  order: "Order",
  refunded: "Refunded",
  from: "From",
  to: "To",
  tags: "Tags now",
  status: "Status",
  accountId: "Account",
  requestedAt: "Requested",
  sentAt: "Sent",
};
const HIDDEN_RESULT_KEYS = new Set(["ticketId", "customerId", "messageId", "changed"]);

function sentenceCase(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An executed request's result, as label/value pairs (ids the human has no use for left out). */
export function resultFacts(result: Record<string, unknown> | null, ctx: TContextLike): TFact[] {
  if (!result) return [];
  const facts: TFact[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (HIDDEN_RESULT_KEYS.has(key) || value === null || value === undefined) continue;
    let text = str(value);
    if (key === "accountId") text = accountName(value, ctx);
    else if (key === "from" || key === "to" || key === "status") text = titleCase(text);
    else if (/At$/.test(key)) text = formatDateTime(text);
    facts.push({ label: RESULT_LABEL[key] ?? sentenceCase(key), value: text });
  }
  return facts;
}

/** What an executed request did, in one line without internal ids: "Order: NW-48213 · Refunded: 20.00 USD". */
export function resultSummary(result: Record<string, unknown> | null, ctx: TContextLike): string {
  return resultFacts(result, ctx)
    .filter((f) => f.label !== "Ledger entry")
    .map((f) => `${f.label}: ${f.value}`)
    .join(" · ");
}

/** "0 of 1 approvals", "1 of 2 approvals". */
export function approvalProgress(view: Pick<TActionRequestView, "approvals" | "decision">): string {
  const given = view.approvals.filter((a) => a.decision === "approve").length;
  const needed = Math.max(1, view.decision.approvalsRequired);
  return `${given} of ${needed} ${needed === 1 ? "approval" : "approvals"}`;
}

/** Newest first. */
export function sortRequests<T extends Pick<TActionRequestView, "createdAt">>(requests: readonly T[]): T[] {
  return [...requests].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** "Refund order: executed." */
export function statusSentence(actionId: string, status: TRequestStatus): string {
  return `${actionTitle(actionId)}: ${STATUS_META[status].label.toLowerCase()}.`;
}

/**
 * Screen-reader announcements for requests whose status changed since the last look
 * ("Refund order: executed."); requests seen for the first time are not announced.
 */
export function statusChanges(
  previous: ReadonlyMap<string, TRequestStatus>,
  next: readonly Pick<TActionRequestView, "id" | "actionId" | "status">[],
): string[] {
  const out: string[] = [];
  for (const r of next) {
    const before = previous.get(r.id);
    if (before && before !== r.status) {
      out.push(statusSentence(r.actionId, r.status));
    }
  }
  return out;
}
