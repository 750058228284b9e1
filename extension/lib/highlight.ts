const HIGHLIGHT_ATTR = "data-keel-highlighted";

const HIGHLIGHT_STYLE: Record<string, string> = {
  outline: "3px solid rgb(99 102 241)",
  "outline-offset": "3px",
  "border-radius": "6px",
  "background-color": "rgb(224 231 255 / 0.6)",
  transition: "background-color 300ms ease, outline-color 300ms ease",
};

const active = new WeakMap<HTMLElement, () => void>();

/**
 * Scrolls a message of the page into view and highlights it for a moment. The page's own inline
 * styles are put back afterwards; a second click on the same message restarts the highlight.
 */
export function highlightElement(el: HTMLElement, durationMs = 2_000): () => void {
  active.get(el)?.();
  el.scrollIntoView?.({ behavior: "smooth", block: "center" });

  const previous = Object.keys(HIGHLIGHT_STYLE).map(
    (prop) => [prop, el.style.getPropertyValue(prop), el.style.getPropertyPriority(prop)] as const,
  );
  for (const [prop, value] of Object.entries(HIGHLIGHT_STYLE)) el.style.setProperty(prop, value);
  el.setAttribute(HIGHLIGHT_ATTR, "true");

  let done = false;
  const restore = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const [prop, value, priority] of previous) {
      if (value) el.style.setProperty(prop, value, priority);
      else el.style.removeProperty(prop);
    }
    el.removeAttribute(HIGHLIGHT_ATTR);
    active.delete(el);
  };
  const timer = setTimeout(restore, durationMs);
  active.set(el, restore);
  return restore;
}
