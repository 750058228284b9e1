import { detectTicket, isHelpdeskPage, sameTicket, type TDetectedTicket } from "./adapters";

type TWatchOptions = {
  /** How often to compare the URL: content scripts cannot see the page's history.pushState calls. */
  urlPollMs?: number;
  /** Mutations come in bursts while a helpdesk SPA renders; wait this long before re-reading. */
  debounceMs?: number;
};

/**
 * Calls `onChange` with the ticket the page shows now and again whenever that changes (single-page
 * navigation, the conversation being replaced). Returns a function that stops watching.
 */
export function watchTicket(
  doc: Document,
  onChange: (ticket: TDetectedTicket | null) => void,
  { urlPollMs = 500, debounceMs = 60 }: TWatchOptions = {},
): () => void {
  const win = doc.defaultView;
  let current = detectTicket(doc);
  let lastUrl = doc.location?.href ?? "";
  let timer: ReturnType<typeof setTimeout> | undefined;

  onChange(current);

  const check = () => {
    timer = undefined;
    const next = detectTicket(doc);
    if (!sameTicket(current, next)) {
      current = next;
      onChange(next);
    }
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-keel-ticket-id", "content"],
  });
  const poll = setInterval(() => {
    const url = doc.location?.href ?? "";
    if (url !== lastUrl) {
      lastUrl = url;
      schedule();
    }
  }, urlPollMs);
  win?.addEventListener("popstate", schedule);
  win?.addEventListener("hashchange", schedule);

  return () => {
    observer.disconnect();
    clearInterval(poll);
    if (timer !== undefined) clearTimeout(timer);
    win?.removeEventListener("popstate", schedule);
    win?.removeEventListener("hashchange", schedule);
  };
}

/** Resolves once the page is a known helpdesk's (at once if it already is); the sidebar mounts only then. */
export function whenHelpdeskPage(doc: Document): Promise<void> {
  if (isHelpdeskPage(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (isHelpdeskPage(doc)) {
        observer.disconnect();
        resolve();
      }
    });
    // The marker is usually a <meta> in the head, but a streaming SPA may render it in the body first.
    // One querySelector per mutation batch stays cheap on busy pages.
    observer.observe(doc.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["name", "content"],
    });
  });
}
