import { KeelApiError } from "@keel/shared";
import { describe, expect, it } from "vitest";
import { toExtError } from "./api-error";

describe("toExtError", () => {
  it("keeps the server's words and rewrites only transport failures", () => {
    expect(toExtError(new KeelApiError("FORBIDDEN", "Agents cannot do that", 403), "http://x")).toEqual({
      code: "FORBIDDEN",
      message: "Agents cannot do that",
      httpStatus: 403,
    });
    expect(
      toExtError(
        new KeelApiError("NETWORK_ERROR", "The Keel server at http://x could not be reached."),
        "http://x",
      ),
    ).toMatchObject({
      code: "NETWORK_ERROR",
      message: expect.stringMatching(/^Can't reach the Keel server at http:\/\/x\./),
    });
    expect(toExtError(new Error("boom"), "http://x").code).toBe("EXTENSION_ERROR");
  });
});
