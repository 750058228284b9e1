import { describe, expect, it } from "vitest";
import {
  cookieWriteRefusal,
  extensionOriginsFor,
  hostOriginOf,
  isAllowedOrigin,
  parseExtensionOrigins,
  selfOriginsOf,
  type TOriginPolicy,
} from "./origins";

const EXT = "chrome-extension://nigadlialekdhjblblecojcfgpjpaodn";
const OTHER_EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const SELF = "http://localhost:3000";

describe("extension origins", () => {
  it("parses a comma-separated list and rejects anything that is not an extension origin", () => {
    expect(parseExtensionOrigins(` ${EXT} , ${OTHER_EXT}/ `)).toEqual([EXT, OTHER_EXT]);
    expect(parseExtensionOrigins(`${EXT},https://evil.example`)).toBeNull();
    expect(parseExtensionOrigins("*")).toBeNull();
  });

  it("defaults to any chrome-extension:// outside production and to none in production", () => {
    expect(extensionOriginsFor(undefined, "development")).toBe("any-chrome-extension");
    expect(extensionOriginsFor("", "test")).toBe("any-chrome-extension");
    expect(extensionOriginsFor(undefined, "production")).toEqual([]);
    expect(extensionOriginsFor(EXT, "production")).toEqual([EXT]);
    // Listed origins are the only ones, in development too.
    expect(extensionOriginsFor(EXT, "development")).toEqual([EXT]);
  });

  it("allows the server's own origin and the allowed extensions only", () => {
    const listed: TOriginPolicy = { self: [SELF], extensions: [EXT] };
    expect(isAllowedOrigin(SELF, listed)).toBe(true);
    expect(isAllowedOrigin(EXT, listed)).toBe(true);
    expect(isAllowedOrigin(OTHER_EXT, listed)).toBe(false);
    expect(isAllowedOrigin("https://evil.example", listed)).toBe(false);
    expect(isAllowedOrigin("null", listed)).toBe(false);
    expect(isAllowedOrigin("http://localhost:3001", listed)).toBe(false);

    const dev: TOriginPolicy = { self: [SELF], extensions: "any-chrome-extension" };
    expect(isAllowedOrigin(OTHER_EXT, dev)).toBe(true);
    expect(isAllowedOrigin("moz-extension://1234", dev)).toBe(false);
    expect(isAllowedOrigin("https://evil.example", dev)).toBe(false);
  });
});

describe("self origins", () => {
  it("come from the (forwarded) Host header and from NEXTAUTH_URL", () => {
    expect(hostOriginOf(new Headers({ host: "localhost:3000" }))).toBe(SELF);
    expect(
      hostOriginOf(
        new Headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "keel.example",
          "x-forwarded-proto": "https",
        }),
      ),
    ).toBe("https://keel.example");
    expect(hostOriginOf(new Headers())).toBeNull();
    expect(selfOriginsOf(new Headers({ host: "keel.example" }), "https://keel.example/console")).toEqual([
      "http://keel.example",
      "https://keel.example",
    ]);
  });
});

describe("cookie-authenticated writes (CSRF)", () => {
  const check = (method: string, headers: Record<string, string>) =>
    cookieWriteRefusal(new Headers(headers), method, [SELF]);

  it("lets reads through", () => {
    expect(check("GET", { origin: "https://evil.example" })).toBeNull();
    expect(check("HEAD", {})).toBeNull();
  });

  it("accepts a write from the console's own origin carrying the CSRF header", () => {
    expect(check("POST", { origin: SELF, "x-keel-csrf": "1" })).toBeNull();
    expect(check("POST", { origin: SELF, "sec-fetch-site": "same-origin", "x-keel-csrf": "1" })).toBeNull();
    expect(check("POST", { "sec-fetch-site": "same-origin", "x-keel-csrf": "1" })).toBeNull();
  });

  it("refuses a write without the CSRF header, even from the console's origin", () => {
    expect(check("POST", { origin: SELF })).toMatch(/x-keel-csrf/);
    expect(check("POST", { origin: SELF, "x-keel-csrf": "0" })).toMatch(/x-keel-csrf/);
  });

  it("refuses a write from another origin or site", () => {
    expect(check("POST", { origin: "https://evil.example", "x-keel-csrf": "1" })).toMatch(/origin/);
    expect(check("POST", { origin: SELF, "sec-fetch-site": "cross-site", "x-keel-csrf": "1" })).toMatch(
      /cross-site/,
    );
    expect(check("POST", { "sec-fetch-site": "same-site", "x-keel-csrf": "1" })).toMatch(/same-site/);
  });

  it("refuses a write that says neither Origin nor Sec-Fetch-Site", () => {
    expect(check("POST", { "x-keel-csrf": "1" })).toMatch(/neither Origin nor Sec-Fetch-Site/);
  });

  it("refuses every write when the server's origin is unknown", () => {
    expect(cookieWriteRefusal(new Headers({ origin: SELF, "x-keel-csrf": "1" }), "POST", [])).toMatch(
      /origin/,
    );
  });
});
