import type { TCitedMessage } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { buildSummaryView } from "./citations";

const cite = (messageId: string, position: number): TCitedMessage => ({
  messageId,
  position,
  authorType: "customer",
  authorName: `Author ${position}`,
  createdAt: "2026-03-01T10:00:00.000Z",
  excerpt: `excerpt ${position}`,
});

describe("buildSummaryView", () => {
  it("numbers each sentence's citations by conversation position, in order, once", () => {
    const view = buildSummaryView({
      sentences: [
        { text: "A.", citations: ["m3", "m1", "m3"] },
        { text: "B.", citations: ["m2"] },
      ],
      citations: [cite("m2", 2), cite("m3", 3), cite("m1", 1)],
    });
    expect(view.sentences).toEqual([
      {
        text: "A.",
        markers: [
          { messageId: "m1", position: 1 },
          { messageId: "m3", position: 3 },
        ],
      },
      { text: "B.", markers: [{ messageId: "m2", position: 2 }] },
    ]);
    expect(view.sources.map((s) => s.position)).toEqual([1, 2, 3]);
    expect(view.unknownMessageIds).toEqual([]);
  });

  it("reports citations the answer does not describe instead of inventing a number", () => {
    const view = buildSummaryView({
      sentences: [{ text: "A.", citations: ["m1", "ghost"] }],
      citations: [cite("m1", 1), cite("m1", 1)],
    });
    expect(view.sentences[0]?.markers).toEqual([{ messageId: "m1", position: 1 }]);
    expect(view.sources).toHaveLength(1);
    expect(view.unknownMessageIds).toEqual(["ghost"]);
  });
});
