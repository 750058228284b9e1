import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { TMessageMap } from "~lib/messages";
import { ok } from "~lib/result";

type M = TMessageMap["open-options"];

/** Opens the options page (content scripts cannot do it themselves). */
const handler: PlasmoMessaging.MessageHandler<M["req"], M["res"]> = async (_req, res) => {
  await chrome.runtime.openOptionsPage();
  res.send(ok(null));
};

export default handler;
