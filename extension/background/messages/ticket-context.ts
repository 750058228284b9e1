import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["ticket-context"];

/** The ticket's customer, orders, accounts, rollout mode and the caller's mode per action (ticket.context). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing ticket id."));
  res.send(await keel.ticketContext(req.body));
};

export default handler;
