import { STORAGE_KEYS, type TStoredState, toPublicStatus } from "../connection";
import { parseStoredState } from "../stored-state";
import type { TConnectionStore } from "./service";

const LOCAL_KEYS = [STORAGE_KEYS.connection, STORAGE_KEYS.notice, STORAGE_KEYS.lastServerUrl];

/** Mirrors the token-free status into chrome.storage.session, which content scripts may read and watch. */
async function publish(state: TStoredState): Promise<void> {
  await chrome.storage.session.set({ [STORAGE_KEYS.publicStatus]: toPublicStatus(state) });
}

export const chromeStore: TConnectionStore = {
  async read() {
    return parseStoredState(await chrome.storage.local.get(LOCAL_KEYS));
  },
  async write(state) {
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    const put = (key: string, value: unknown) => {
      if (value === null) remove.push(key);
      else set[key] = value;
    };
    put(STORAGE_KEYS.connection, state.connection);
    put(STORAGE_KEYS.notice, state.notice);
    put(STORAGE_KEYS.lastServerUrl, state.lastServerUrl);
    if (remove.length) await chrome.storage.local.remove(remove);
    if (Object.keys(set).length) await chrome.storage.local.set(set);
    await publish(state);
  },
};

/**
 * Runs when the service worker starts: keeps chrome.storage.local (which holds the token) away from
 * content scripts where the browser supports it, lets them read the session mirror, and refreshes
 * that mirror (session storage is emptied when the browser restarts).
 */
export async function initStorage(): Promise<void> {
  try {
    await chrome.storage.local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" });
  } catch (error) {
    console.warn("Keel: could not restrict chrome.storage.local to extension pages", error);
  }
  await chrome.storage.session.setAccessLevel({ accessLevel: "TRUSTED_AND_UNTRUSTED_CONTEXTS" });
  await publish(await chromeStore.read());
}

export function hasHostPermission(pattern: string): Promise<boolean> {
  return chrome.permissions.contains({ origins: [pattern] });
}

/** "Keel copilot on Linux": the label the console shows for this browser's token. */
export function tokenLabel(): string {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData
    ?.platform;
  return platform ? `Keel copilot on ${platform}` : "Keel copilot";
}
