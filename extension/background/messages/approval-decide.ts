import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["approval-decide"];

/** Approves or rejects someone else's pending request with a reason (approval.decide). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing decision."));
  res.send(await keel.decideApproval(req.body));
};

export default handler;
