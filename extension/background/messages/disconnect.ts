import type { PlasmoMessaging } from "@plasmohq/messaging";
import { keel, storageReady } from "~lib/background";
import type { TMessageMap } from "~lib/messages";

type M = TMessageMap["disconnect"];

/** Signs out: revokes the token on the server (auth.revokeExtensionToken), then forgets it locally either way. */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (_req, res) => {
  await storageReady;
  res.send(await keel.disconnect());
};

export default handler;
