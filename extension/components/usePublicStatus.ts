import { useCallback, useEffect, useState } from "react";
import { isPublicStatus, STORAGE_KEYS, type TPublicStatus } from "~lib/connection";
import { callBackground } from "~lib/messages";
import type { TExtError } from "~lib/result";

/**
 * The connection status as views may see it: asked from the background once, then kept current by
 * watching the token-free mirror in chrome.storage.session (written by the background on every change).
 */
export function usePublicStatus({ verify = false }: { verify?: boolean } = {}) {
  const [status, setStatus] = useState<TPublicStatus | undefined>(undefined);
  const [error, setError] = useState<TExtError | null>(null);

  const refresh = useCallback(async (withVerify = false) => {
    const result = await callBackground("status", { verify: withVerify });
    if (result.ok) {
      setStatus(result.data);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    void refresh(verify);
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      const change = changes[STORAGE_KEYS.publicStatus];
      if (area !== "session" || !change) return;
      if (isPublicStatus(change.newValue)) setStatus(change.newValue);
      else void refresh();
    };
    chrome.storage.onChanged.addListener(onChanged);
    return () => chrome.storage.onChanged.removeListener(onChanged);
  }, [refresh, verify]);

  return { status, error, refresh };
}
