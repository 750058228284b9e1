import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";
import { fail } from "~lib/result";

type M = TMessageMap["connect"];

/** Exchanges e-mail + password for an extension token (auth.connectExtension) and stores it. */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  if (!req.body) return res.send(fail("BAD_REQUEST", "Missing connection details."));
  res.send(await keel.connect(req.body));
};

export default handler;
