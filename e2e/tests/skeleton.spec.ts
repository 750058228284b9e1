import {
  connectExtension,
  expect,
  openFirstTicket,
  screenshot,
  signInConsole,
  signOutConsole,
  test,
} from "./fixtures";

test("an agent connects the extension and sees a cited summary of a sandbox ticket", async ({
  context,
  extensionId,
  baseURL,
}) => {
  const page = await context.newPage();
  await signInConsole(page, "agent@northwind.test");
  await openFirstTicket(page);

  // Before connecting, the sidebar says so and offers to connect.
  // The sidebar root only hosts fixed-position panels, so it is attached rather than "visible" itself.
  await expect(page.getByTestId("keel-sidebar")).toBeAttached();
  await expect(page.getByTestId("keel-state-not-connected")).toBeVisible();
  await screenshot(page, "01-sidebar-not-connected");

  const options = await connectExtension(context, extensionId, baseURL as string, "agent@northwind.test");
  await screenshot(options, "02-options-connected");

  // The sidebar follows the connection without a reload and shows the summary.
  await page.bringToFront();
  await expect(page.getByTestId("keel-summary")).toBeVisible();
  const sentences = page.getByTestId("keel-summary-sentence");
  expect(await sentences.count()).toBeGreaterThan(0);
  const citations = page.getByTestId("keel-citation");
  expect(await citations.count()).toBeGreaterThan(0);

  // Every cited message exists on the page.
  const citedIds = await citations.evaluateAll((items) =>
    items.map((i) => i.getAttribute("data-message-id")),
  );
  for (const id of citedIds) await expect(page.locator(`[data-keel-message-id="${id}"]`)).toHaveCount(1);
  await screenshot(page, "03-sidebar-summary");

  // Sign out from the options page revokes the token on the server; the sidebar goes back to "not connected".
  await options.getByTestId("keel-sign-out").click();
  await expect(options.locator("#keel-email")).toBeVisible();
  await page.bringToFront();
  await expect(page.getByTestId("keel-state-not-connected")).toBeVisible();

  await page.goto("/console/tokens");
  await expect(page.getByTestId("token-row").first()).toHaveAttribute("data-state", "revoked");
  await screenshot(page, "04-console-token-revoked");
});

test("a tenant-A agent opening a tenant-B ticket gets NOT_FOUND, and the attempt is audited", async ({
  context,
  extensionId,
  baseURL,
}) => {
  // The extension is connected as a Northwind (tenant A) agent…
  await connectExtension(context, extensionId, baseURL as string, "agent@northwind.test");

  // …while the browser shows a Cloudly (tenant B) ticket.
  const page = await context.newPage();
  await signInConsole(page, "agent@cloudly.test");
  const foreignTicketId = await openFirstTicket(page);

  await expect(page.getByTestId("keel-state-error")).toBeVisible();
  await expect(page.getByTestId("keel-error-code")).toHaveText("NOT_FOUND");
  await expect(page.getByTestId("keel-error-message")).toContainText("Ticket not found");
  await expect(page.getByTestId("keel-summary")).toHaveCount(0);
  await screenshot(page, "05-sidebar-cross-tenant-not-found");

  // Tenant A's admin finds the denied attempt in A's audit log…
  await signOutConsole(page);
  await signInConsole(page, "admin@northwind.test", "/console/audit");
  const row = page.locator(
    `[data-testid="audit-row"][data-action="ticket.summarize"][data-target-id="${foreignTicketId}"]`,
  );
  await expect(row.first()).toHaveAttribute("data-outcome", "not_found");
  await expect(row.first()).toContainText("agent@northwind.test");
  await screenshot(page, "06-console-audit-not-found");

  // …and tenant B's audit log holds no trace of tenant A's caller.
  await signOutConsole(page);
  await signInConsole(page, "admin@cloudly.test", "/console/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await expect(page.getByTestId("audit-table")).not.toContainText("agent@northwind.test");
});

test("bad input to the API gets a clear 4xx error", async ({ request }) => {
  const badInput = await request.get(`/api/trpc/ticket.summarize?input=${encodeURIComponent("{}")}`);
  // Unauthenticated callers are refused before input is considered.
  expect(badInput.status()).toBe(401);

  const connect = await request.post("/api/trpc/auth.connectExtension", {
    data: { email: "not-an-email", password: "" },
  });
  expect(connect.status()).toBe(400);
  const body = await connect.json();
  expect(body.error.data.code).toBe("BAD_REQUEST");
  expect(body.error.message).toMatch(/email/i);

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const status = await health.json();
  expect(status.migrations.upToDate).toBe(true);
  expect(["pglite", "postgresql"]).toContain(status.database.target);
});
