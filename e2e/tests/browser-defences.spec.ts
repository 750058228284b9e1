import { expect, signInConsole, test } from "./fixtures";

/*
 * Browser-facing defences on the production build (docs/decisions/008): CORS answers for the loaded
 * extension and for a foreign origin, the console's cookie attributes, and CSRF on cookie writes.
 */

test("CORS: the loaded extension's origin may call the API, a foreign origin may not", async ({
  request,
  extensionId,
}) => {
  const extensionOrigin = `chrome-extension://${extensionId}`;
  const allowed = await request.fetch("/api/trpc/action.request", {
    method: "OPTIONS",
    headers: {
      origin: extensionOrigin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });
  // `pnpm start` lists the locally built extension in KEEL_EXTENSION_ORIGINS (production build).
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()["access-control-allow-origin"]).toBe(extensionOrigin);
  expect(allowed.headers()["access-control-allow-headers"]).toContain("authorization");

  const refused = await request.fetch("/api/trpc/action.request", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["access-control-allow-origin"]).toBeUndefined();
  expect((await refused.json()).error.data.code).toBe("FORBIDDEN");

  const other = await request.get("/api/trpc/auth.whoami", {
    headers: { origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop" },
  });
  expect(other.status()).toBe(403);
});

test("console cookies are httpOnly and SameSite=Lax; cookie writes need the CSRF header", async ({
  page,
  context,
}) => {
  await signInConsole(page, "supervisor@cloudly.test");
  const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  // From the console's own page (the browser sets Origin and Sec-Fetch-Site itself).
  const post = (headers: Record<string, string>) =>
    page.evaluate(async (extra) => {
      const response = await fetch("/api/trpc/auth.revokeExtensionToken", {
        method: "POST",
        headers: { "content-type": "application/json", ...extra },
        body: JSON.stringify({ tokenId: "ext_does_not_exist" }),
      });
      return { status: response.status, body: await response.json() };
    }, headers);

  const withoutHeader = await post({});
  expect(withoutHeader.status).toBe(401);
  expect(withoutHeader.body.error.message).toBe("Cross-site request refused.");

  // With the header the write reaches the procedure (which finds no such token).
  const withHeader = await post({ "x-keel-csrf": "1" });
  expect(withHeader.status).toBe(404);
  expect(withHeader.body.error.data.code).toBe("NOT_FOUND");
});
