import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["escalation-assess"];

/** Runs the escalation rules on a ticket, in order, and says which fired first (escalation.assess). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing ticket id."));
  res.send(await keel.assessEscalation(req.body));
};

export default handler;
