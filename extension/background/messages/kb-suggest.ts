import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["kb-suggest"];

/** Knowledge articles that match the ticket, with why (knowledge.suggest, the kb.suggest step). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing ticket id."));
  res.send(await keel.suggestArticles(req.body));
};

export default handler;
