import { useEffect } from "react";

/** Alt+K (Option+K on a Mac) anywhere on the page. `code` is used because Option+K types "˚" on a Mac. */
export function isToggleShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === "KeyK";
}

export function useToggleShortcut(onToggle: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isToggleShortcut(event) || event.repeat) return;
      event.preventDefault();
      onToggle();
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, [onToggle]);
}
