import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["summarize"];

/** Summarizes a ticket (ticket.summarize) with the stored token, on behalf of the content script. */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing ticket id."));
  res.send(await keel.summarize(req.body));
};

export default handler;
