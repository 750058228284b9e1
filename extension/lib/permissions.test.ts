import { describe, expect, it } from "vitest";
import { hostPermissionPattern } from "./permissions";

describe("hostPermissionPattern", () => {
  it.each([
    ["http://localhost:3000", null],
    ["http://127.0.0.1:8080", null],
    ["https://localhost:3000", "https://localhost/*"],
    ["https://keel.example.com:8443", "https://keel.example.com/*"],
    ["http://10.0.0.5:3000", "http://10.0.0.5/*"],
  ])("%s → %s", (url, pattern) => {
    expect(hostPermissionPattern(url)).toBe(pattern);
  });
});
