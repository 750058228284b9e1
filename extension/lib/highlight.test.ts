// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { highlightElement } from "./highlight";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("highlightElement", () => {
  it("highlights for a while, then restores the page's own styles", () => {
    const el = document.createElement("article");
    el.style.setProperty("background-color", "red");
    document.body.append(el);

    highlightElement(el, 1_000);
    expect(el.getAttribute("data-keel-highlighted")).toBe("true");
    expect(el.style.getPropertyValue("outline")).toContain("solid");

    vi.advanceTimersByTime(1_000);
    expect(el.hasAttribute("data-keel-highlighted")).toBe(false);
    expect(el.style.getPropertyValue("background-color")).toBe("red");
    expect(el.style.getPropertyValue("outline")).toBe("");
  });

  it("restarts when the same message is shown again", () => {
    const el = document.createElement("article");
    document.body.append(el);
    highlightElement(el, 1_000);
    vi.advanceTimersByTime(800);
    highlightElement(el, 1_000);
    vi.advanceTimersByTime(800);
    expect(el.getAttribute("data-keel-highlighted")).toBe("true");
    vi.advanceTimersByTime(200);
    expect(el.hasAttribute("data-keel-highlighted")).toBe(false);
    expect(el.getAttribute("style") ?? "").toBe("");
  });
});
