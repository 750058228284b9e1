import { describe, expect, it } from "vitest";
import {
  exampleOfTask,
  intentOfTask,
  isReadOnlyTool,
  parseTauTasks,
  TAU_ACTION_INTENTS,
  ticketTextOfTask,
  UnknownTauActionError,
} from "./tau-retail";
import { TRIAGE_INTENTS } from "./triage";

const act = (name: string) => ({ name, kwargs: {} });

describe("intentOfTask", () => {
  it("uses the first consequential action, skipping look-ups", () => {
    expect(
      intentOfTask({
        actions: [
          act("find_user_id_by_name_zip"),
          act("get_user_details"),
          act("get_order_details"),
          act("return_delivered_order_items"),
          act("cancel_pending_order"),
        ],
      }),
    ).toBe("order.return");
    expect(
      intentOfTask({ actions: [act("think"), act("calculate"), act("modify_pending_order_payment")] }),
    ).toBe("order.modify_payment");
  });

  it("maps every consequential tool", () => {
    const expected: Record<string, string> = {
      cancel_pending_order: "order.cancel",
      return_delivered_order_items: "order.return",
      exchange_delivered_order_items: "order.exchange",
      modify_pending_order_items: "order.modify_items",
      modify_pending_order_address: "order.modify_address",
      modify_pending_order_payment: "order.modify_payment",
      modify_user_address: "account.modify_address",
      transfer_to_human_agents: "handoff",
    };
    for (const [name, intent] of Object.entries(expected)) {
      expect(intentOfTask({ actions: [act("find_user_id_by_email"), act(name)] })).toBe(intent);
    }
    expect(TAU_ACTION_INTENTS).toEqual(expected);
    for (const intent of Object.values(TAU_ACTION_INTENTS)) expect(TRIAGE_INTENTS).toContain(intent);
  });

  it("is handoff when the task ends with a transfer to a human", () => {
    expect(intentOfTask({ actions: [act("transfer_to_human_agents")] })).toBe("handoff");
    expect(
      intentOfTask({
        actions: [act("get_order_details"), act("cancel_pending_order"), act("transfer_to_human_agents")],
      }),
    ).toBe("handoff");
  });

  it("is info when nothing consequential happens", () => {
    expect(intentOfTask({ actions: [] })).toBe("info");
    expect(
      intentOfTask({
        actions: [act("find_user_id_by_email"), act("get_product_details"), act("list_all_product_types")],
      }),
    ).toBe("info");
  });

  it("refuses a tool it does not know, so a new tool is noticed", () => {
    expect(() => intentOfTask({ actions: [act("issue_store_credit")] })).toThrow(UnknownTauActionError);
  });

  it("treats any find_/get_/list_ tool as read-only", () => {
    expect(isReadOnlyTool("get_shipping_status")).toBe(true);
    expect(isReadOnlyTool("list_orders")).toBe(true);
    expect(isReadOnlyTool("cancel_pending_order")).toBe(false);
  });
});

describe("tasks as tickets", () => {
  const task = {
    user_id: "ada_quist_1",
    instruction:
      "Your name is Ada Quist and your zip code is 10001. You are busy, direct. Your lamp arrived broken and you want your money back.",
    actions: [act("find_user_id_by_name_zip"), act("return_delivered_order_items")],
    outputs: [],
  };

  it("strips the identity preamble and persona from the instruction", () => {
    expect(ticketTextOfTask(task)).toBe("Your lamp arrived broken and you want your money back.");
    expect(exampleOfTask(task)).toEqual({
      text: "Your lamp arrived broken and you want your money back.",
      intent: "order.return",
    });
  });

  it("parses JSONL and names a bad line", () => {
    const tasks = parseTauTasks(`${JSON.stringify(task)}\n\n${JSON.stringify({ ...task, actions: [] })}\n`);
    expect(tasks.map(intentOfTask)).toEqual(["order.return", "info"]);
    expect(() => parseTauTasks(`${JSON.stringify(task)}\n{oops`)).toThrow(/line 2/);
    expect(() => parseTauTasks(JSON.stringify({ instruction: "x" }))).toThrow(/line 1/);
  });
});
