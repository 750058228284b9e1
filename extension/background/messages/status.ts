import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";

type M = TMessageMap["status"];

/** The connection as views may see it (no token). `verify: true` also asks the server (auth.whoami). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (req, res) => {
  await storageReady;
  res.send(await keel.status(req.body ?? {}));
};

export default handler;
