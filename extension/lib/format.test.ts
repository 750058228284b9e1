import { describe, expect, it } from "vitest";
import { formatDateTime, formatExpiresIn, formatShortDateTime, titleCase } from "./format";

describe("format", () => {
  it("formats dates and time left", () => {
    expect(formatDateTime("2026-03-01T14:05:00.000Z", { locale: "en-US", timeZone: "UTC" })).toBe(
      "Mar 1, 2026, 2:05 PM",
    );
    expect(formatDateTime("nope")).toBe("nope");
    const utc = { locale: "en-US", timeZone: "UTC" };
    const march = new Date("2026-03-05T00:00:00.000Z");
    expect(formatShortDateTime("2026-03-04T11:30:00.000Z", march, utc)).toBe("Mar 4, 11:30 AM");
    expect(formatShortDateTime("2025-12-24T08:05:00.000Z", march, utc)).toBe("Dec 24, 2025, 8:05 AM");
    const now = new Date("2026-03-01T00:00:00.000Z");
    expect(formatExpiresIn("2026-03-31T00:00:00.000Z", now)).toBe("in 30 days");
    expect(formatExpiresIn("2026-03-01T05:00:00.000Z", now)).toBe("in 5 hours");
    expect(formatExpiresIn("2026-02-01T00:00:00.000Z", now)).toBe("expired");
    expect(titleCase("in_progress")).toBe("In progress");
  });
});
