import { stripIdentityPreamble, type TTriageExample, type TTriageIntent } from "./triage";

/*
 * tau-bench retail tasks as triage examples (issue 5). A task is `{user_id, instruction, actions,
 * outputs}`: the instruction describes the customer's situation, the actions are the tool calls a correct
 * agent makes. The data files sit beside the repository (../shared/data/tau-retail) and are read at run
 * time only; nothing of them is copied into the repository.
 */

export type TTauAction = { name: string; kwargs?: Record<string, unknown> };
export type TTauTask = {
  user_id?: string;
  instruction: string;
  actions: TTauAction[];
  outputs?: unknown[];
};

/**
 * Read-only tools of the tau-bench retail domain: they look things up and change nothing, so they never
 * decide the intent. Any other `find_*`, `get_*` or `list_*` tool counts as read-only too.
 */
export const TAU_READ_ONLY_TOOLS = [
  "find_user_id_by_email",
  "find_user_id_by_name_zip",
  "get_user_details",
  "get_order_details",
  "get_product_details",
  "list_all_product_types",
  "calculate",
  "think",
] as const;

/**
 * The consequential tools (they change the store's database, or hand the customer over) and the intent
 * each implies. This covers every write tool of tau-bench retail; the two data files use the first six.
 *   cancel_pending_order            → order.cancel          (pending order, refund to the payment method)
 *   return_delivered_order_items    → order.return          (delivered items back, refund)
 *   exchange_delivered_order_items  → order.exchange        (delivered items for other variants)
 *   modify_pending_order_items      → order.modify_items    (other variants before shipping)
 *   modify_pending_order_address    → order.modify_address  (shipping address of one pending order)
 *   modify_pending_order_payment    → order.modify_payment  (payment method of one pending order)
 *   modify_user_address             → account.modify_address (the customer's default address)
 *   transfer_to_human_agents        → handoff
 * A task with no consequential tool is a question only: `info`.
 */
export const TAU_ACTION_INTENTS: Record<string, TTriageIntent> = {
  cancel_pending_order: "order.cancel",
  return_delivered_order_items: "order.return",
  exchange_delivered_order_items: "order.exchange",
  modify_pending_order_items: "order.modify_items",
  modify_pending_order_address: "order.modify_address",
  modify_pending_order_payment: "order.modify_payment",
  modify_user_address: "account.modify_address",
  transfer_to_human_agents: "handoff",
};

export function isReadOnlyTool(name: string): boolean {
  return (TAU_READ_ONLY_TOOLS as readonly string[]).includes(name) || /^(?:find|get|list)_/.test(name);
}

export class UnknownTauActionError extends Error {
  constructor(readonly actionName: string) {
    super(`tau-bench action "${actionName}" is neither read-only nor mapped to an intent`);
  }
}

/**
 * The intent a task implies: `handoff` when its last action is a transfer to a human (whatever came
 * before), otherwise the intent of its first consequential action, otherwise `info`.
 * Throws UnknownTauActionError on a tool that is neither read-only nor mapped, so a new tool is noticed.
 */
export function intentOfTask(task: Pick<TTauTask, "actions">): TTriageIntent {
  const names = (task.actions ?? []).map((a) => a.name);
  for (const name of names) {
    if (!isReadOnlyTool(name) && !(name in TAU_ACTION_INTENTS)) throw new UnknownTauActionError(name);
  }
  if (names.at(-1) === "transfer_to_human_agents") return "handoff";
  const first = names.find((name) => !isReadOnlyTool(name));
  return first ? (TAU_ACTION_INTENTS[first] ?? "info") : "info";
}

/** The task as a ticket would read: the instruction without the identity preamble and persona. */
export function ticketTextOfTask(task: Pick<TTauTask, "instruction">): string {
  return stripIdentityPreamble(task.instruction);
}

export function exampleOfTask(task: TTauTask): TTriageExample {
  return { text: ticketTextOfTask(task), intent: intentOfTask(task) };
}

/** Parses a JSONL file of tasks; a malformed line names its line number. */
export function parseTauTasks(jsonl: string): TTauTask[] {
  const tasks: TTauTask[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const task = value as Partial<TTauTask> | null;
    if (
      !task ||
      typeof task.instruction !== "string" ||
      !Array.isArray(task.actions) ||
      !task.actions.every((a) => a && typeof a.name === "string")
    ) {
      throw new Error(`line ${i + 1}: expected {instruction, actions: [{name, kwargs}]}`);
    }
    tasks.push(task as TTauTask);
  });
  return tasks;
}
