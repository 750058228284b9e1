import { chromeStore, hasHostPermission, initStorage, tokenLabel } from "./chrome-store";
import { createBackgroundService } from "./service";

/** The one service instance the message handlers share. */
export const keel = createBackgroundService({
  store: chromeStore,
  hasHostPermission,
  tokenLabel: tokenLabel(),
});

export const storageReady: Promise<void> = initStorage().catch((error: unknown) => {
  console.error("Keel: storage setup failed", error);
});
