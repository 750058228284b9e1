import { ACTIONS, type TTicketContext } from "@keel/shared";
import type { TWriteActionId } from "./action-catalog";
import { formatMoney } from "./money";

/*
 * The sidebar's action forms, free of React: which inputs each action needs, how what the human typed
 * becomes the action's parameters, and the action's own zod schema (from @keel/shared, the one the
 * server enforces) turned into per-field messages.
 */

export type TFieldName =
  | "status"
  | "tags"
  | "body"
  | "queue"
  | "orderId"
  | "amount"
  | "currency"
  | "reason"
  | "accountId"
  | "newOwnerEmail";

export type TFormValues = Partial<Record<TFieldName, string>>;
export type TFieldErrors = Partial<Record<TFieldName, string>>;
export type TOrder = TTicketContext["orders"][number];

export const FORM_FIELDS: Record<TWriteActionId, readonly TFieldName[]> = {
  "ticket.setStatus": ["status"],
  "ticket.addTags": ["tags"],
  "ticket.addInternalNote": ["body"],
  "customer.requestVerification": [],
  "ticket.assignQueue": ["queue"],
  "order.refund": ["orderId", "amount", "currency"],
  "order.cancel": ["orderId", "reason"],
  "account.changeOwner": ["accountId", "newOwnerEmail"],
  "account.revokeAccess": ["accountId", "reason"],
  "account.sendPasswordReset": ["accountId"],
};

export const FIELD_LABEL: Record<TFieldName, string> = {
  status: "New status",
  tags: "Tags",
  body: "Note",
  queue: "Queue",
  orderId: "Order",
  amount: "Amount",
  currency: "Currency",
  reason: "Reason",
  accountId: "Account",
  newOwnerEmail: "New owner e-mail",
};

/** Shown when a field is left empty (zod's own wording is for developers). */
const REQUIRED: Record<TFieldName, string> = {
  status: "Choose a status",
  tags: "Add at least one tag",
  body: "Write the note",
  queue: "Choose a queue",
  orderId: "Choose an order",
  amount: "Enter an amount",
  currency: "Enter the currency",
  reason: "Give a reason",
  accountId: "Choose an account",
  newOwnerEmail: "Enter the new owner's e-mail",
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What can still be refunded on an order. */
export function refundableAmount(order: Pick<TOrder, "total" | "refunded">): number {
  return Math.max(0, round2(order.total - order.refunded));
}

/** Orders a form may pick from: every order for a cancellation, those with money left for a refund. */
export function selectableOrders(actionId: TWriteActionId, orders: readonly TOrder[]): TOrder[] {
  return actionId === "order.refund" ? orders.filter((o) => refundableAmount(o) > 0) : [...orders];
}

/** A form's starting values: a record is preselected only when there is exactly one to choose. */
export function initialValues(actionId: TWriteActionId, context: TTicketContext): TFormValues {
  const fields = FORM_FIELDS[actionId];
  const values: TFormValues = {};
  for (const field of fields) values[field] = "";
  if (fields.includes("orderId")) {
    const orders = selectableOrders(actionId, context.orders);
    if (orders.length === 1 && orders[0])
      return withField(actionId, values, "orderId", orders[0].id, context);
  }
  if (fields.includes("accountId") && context.accounts.length === 1 && context.accounts[0]) {
    values.accountId = context.accounts[0].id;
  }
  return values;
}

/** Sets one field; choosing a refund's order also sets the currency to the order's. */
export function withField(
  actionId: TWriteActionId,
  values: TFormValues,
  field: TFieldName,
  value: string,
  context: TTicketContext,
): TFormValues {
  const next = { ...values, [field]: value };
  if (actionId === "order.refund" && field === "orderId") {
    const order = context.orders.find((o) => o.id === value);
    if (order) next.currency = order.currency;
  }
  return next;
}

/** "vip, Refund-Requested  shipping" → ["vip", "refund-requested", "shipping"] (duplicates dropped). */
export function parseTags(raw: string): string[] {
  const tags = raw
    .split(/[\s,;]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** "20", "19.99", "19,99" → a number; blank → undefined; anything else → NaN (reported by the schema). */
export function parseAmount(raw: string | undefined): number | undefined {
  const text = raw?.trim().replace(",", ".") ?? "";
  if (text === "") return undefined;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

const blankToUndefined = (raw: string | undefined) => (raw?.trim() ? raw : undefined);

/** The action's parameters as the server takes them (before the schema's own trimming and casing). */
export function buildParams(
  actionId: TWriteActionId,
  values: TFormValues,
  context: TTicketContext,
): Record<string, unknown> {
  const params: Record<string, unknown> = { ticketId: context.ticket.id };
  if (actionId === "customer.requestVerification") params.customerId = context.customer.id;
  for (const field of FORM_FIELDS[actionId]) {
    const raw = values[field];
    if (field === "tags") params.tags = parseTags(raw ?? "");
    else if (field === "amount") params.amount = parseAmount(raw);
    else params[field] = blankToUndefined(raw);
  }
  return params;
}

type TIssue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
};

/** zod's default messages ("Too small: expected string…") read as code; schema authors' own read as prose. */
const isDefaultMessage = (message: string) => /^(Invalid|Too (small|big))\b/.test(message);

function issueText(issue: TIssue): string {
  if (!isDefaultMessage(issue.message)) return issue.message;
  const noun = issue.origin === "array" ? "tags" : "characters";
  switch (issue.code) {
    case "too_small":
      return issue.origin === "number"
        ? "The amount must be more than zero"
        : `Use at least ${issue.minimum} ${noun}`;
    case "too_big":
      return issue.origin === "number" ? "The amount is too large" : `Use at most ${issue.maximum} ${noun}`;
    case "invalid_format":
      return issue.format === "email" ? "Enter a valid e-mail address" : "Check the format";
    case "invalid_type":
      return issue.path[0] === "amount" ? "Enter a number such as 20 or 19.99" : "Fill this in";
    case "invalid_value":
      return "Choose one of the options";
    default:
      return issue.message;
  }
}

export type TFormCheck =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; errors: TFieldErrors; params: Record<string, unknown> };

/**
 * Checks a form with the action's own input schema (ACTIONS[id].input) plus what only the sidebar
 * knows (the refundable amount), and returns the parsed parameters or a message per field.
 */
export function checkActionForm(
  actionId: TWriteActionId,
  values: TFormValues,
  context: TTicketContext,
): TFormCheck {
  const params = buildParams(actionId, values, context);
  const errors: TFieldErrors = {};
  const fields = FORM_FIELDS[actionId];

  for (const field of fields) {
    const empty = field === "tags" ? parseTags(values.tags ?? "").length === 0 : !values[field]?.trim();
    if (empty) errors[field] = REQUIRED[field];
  }
  if (fields.includes("orderId") && selectableOrders(actionId, context.orders).length === 0) {
    errors.orderId =
      actionId === "order.refund" && context.orders.length > 0
        ? "Every order of this customer is fully refunded"
        : "This customer has no orders";
  }
  if (fields.includes("accountId") && context.accounts.length === 0) {
    errors.accountId = "This customer has no accounts";
  }

  const parsed = ACTIONS[actionId].input.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues as TIssue[]) {
      const field = issue.path[0] as TFieldName | "ticketId" | "customerId";
      if (field === "ticketId" || field === "customerId") continue;
      if (errors[field]) continue;
      const tagIndex = field === "tags" ? issue.path[1] : undefined;
      const tag = typeof tagIndex === "number" ? (params.tags as string[])[tagIndex] : undefined;
      errors[field] = tag === undefined ? issueText(issue) : `"${tag}": ${issueText(issue)}`;
    }
  }

  if (actionId === "order.refund" && !errors.orderId && !errors.amount) {
    const order = context.orders.find((o) => o.id === values.orderId);
    const amount = parseAmount(values.amount);
    if (order && amount !== undefined && amount > refundableAmount(order)) {
      errors.amount = `At most ${formatMoney(refundableAmount(order), order.currency)} can be refunded on ${order.number}`;
    }
    if (order && !errors.currency && values.currency?.trim().toUpperCase() !== order.currency) {
      errors.currency = `Order ${order.number} was paid in ${order.currency}`;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, params };
  return { ok: true, params: parsed.success ? (parsed.data as Record<string, unknown>) : params };
}

/** Warnings the human should read before asking (the server decides; these only explain). */
export function formWarnings(actionId: TWriteActionId, context: TTicketContext): string[] {
  if (actionId === "account.sendPasswordReset" && !context.customer.identityVerified) {
    return [
      `${context.customer.name}'s identity is not verified. A password reset needs a verified identity: request verification first.`,
    ];
  }
  return [];
}
