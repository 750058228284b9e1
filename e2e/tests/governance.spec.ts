import { connectExtension, expect, screenshot, signInConsole, signOutConsole, test } from "./fixtures";

test("an agent's refund from the sidebar is approved by a supervisor in the console; the sidebar shows it executed", async ({
  context,
  extensionId,
  baseURL,
}) => {
  await connectExtension(context, extensionId, baseURL as string, "agent@northwind.test");
  const agentPage = await context.newPage();
  await signInConsole(agentPage, "agent@northwind.test");
  // Ticket #1001 is about order NW-48213 (a damaged tent, $389.00).
  await agentPage.goto("/helpdesk?q=1001");
  await agentPage.getByTestId("ticket-list").getByRole("link").first().click();
  await expect(agentPage.locator("[data-keel-ticket-id]")).toBeVisible();

  await agentPage.getByTestId("keel-tab-actions").click();
  await agentPage.getByTestId("keel-action-order.refund").click();
  const form = agentPage.getByTestId("keel-action-form");
  const orderSelect = form.getByLabel("Order");
  const value = await orderSelect.locator("option", { hasText: "NW-48213" }).getAttribute("value");
  await orderSelect.selectOption(value ?? "");
  await form.getByLabel("Amount").fill("20");
  await agentPage.getByTestId("keel-action-review").click();
  await agentPage.getByTestId("keel-action-confirm").click();
  const outcome = agentPage.getByTestId("keel-action-outcome");
  await expect(outcome).toHaveAttribute("data-status", "pending_approval");
  await screenshot(agentPage, "10-sidebar-refund-pending");

  // A supervisor approves it in the console (another page; the agent's sidebar keeps its own token).
  const supervisorPage = await context.newPage();
  await supervisorPage.goto("/console");
  await signOutConsole(supervisorPage);
  await signInConsole(supervisorPage, "supervisor@northwind.test", "/console/approvals");
  const item = supervisorPage.getByTestId("approval-item").filter({ hasText: "NW-48213" }).first();
  await expect(item).toBeVisible();
  await expect(item).toContainText("Refund order");
  await item.getByLabel("Reason").fill("Tent arrived damaged; partial refund agreed");
  await screenshot(supervisorPage, "11-console-approval");
  await item.getByRole("button", { name: "Approve" }).click();
  // The decided request leaves the queue and shows, executed, under recent requests.
  await expect(
    supervisorPage.getByTestId("recent-request").filter({ hasText: "NW-48213" }).first(),
  ).toHaveAttribute("data-status", "executed");
  await expect(supervisorPage.getByTestId("approval-item").filter({ hasText: "NW-48213" })).toHaveCount(0);

  // The agent's sidebar shows the outcome without a reload…
  await agentPage.bringToFront();
  await agentPage.getByTestId("keel-tab-requests").click();
  const request = agentPage.locator('[data-testid="keel-request"][data-action-id="order.refund"]').first();
  await expect(request).toHaveAttribute("data-status", "executed", { timeout: 20_000 });
  await screenshot(agentPage, "12-sidebar-refund-executed");

  // …and the refund is in the ledger: the connector wrote its note in the same transaction.
  await agentPage.reload();
  await expect(agentPage.locator("[data-keel-ticket-id]")).toContainText(
    "Refund of 20.00 USD issued on order NW-48213",
  );
});

test("in assistive mode a medium action runs only after the agent confirms it", async ({
  context,
  extensionId,
  baseURL,
  request,
}) => {
  await connectExtension(context, extensionId, baseURL as string, "agent@northwind.test");
  const page = await context.newPage();
  await signInConsole(page, "agent@northwind.test");
  await page.goto("/helpdesk?status=open");
  await page.getByTestId("ticket-list").getByRole("link").first().click();
  const ticketId = await page.locator("[data-keel-ticket-id]").getAttribute("data-keel-ticket-id");

  await page.getByTestId("keel-tab-actions").click();
  await page.getByTestId("keel-action-ticket.addTags").click();
  const form = page.getByTestId("keel-action-form");
  await form.getByLabel("Tags").fill("needs-followup");
  await page.getByTestId("keel-action-review").click();
  await expect(page.getByTestId("keel-action-review-step")).toContainText(/confirm/i);
  // Nothing has run yet: reviewing is not confirming.
  await page.getByTestId("keel-tab-requests").click();
  await expect(page.locator('[data-testid="keel-request"][data-action-id="ticket.addTags"]')).toHaveCount(0);
  await page.getByTestId("keel-tab-actions").click();
  await screenshot(page, "13-sidebar-assistive-review");
  await page.getByTestId("keel-action-confirm").click();
  await expect(page.getByTestId("keel-action-outcome")).toHaveAttribute("data-status", "executed");

  // The server enforces it too: the same request without the confirmation is denied and changes nothing.
  const connect = await request.post("/api/trpc/auth.connectExtension", {
    data: { email: "agent@northwind.test", password: "keel-demo" },
  });
  const token = (await connect.json()).result.data.token as string;
  const unconfirmed = await request.post("/api/trpc/action.request", {
    headers: { authorization: `Bearer ${token}` },
    data: { actionId: "ticket.setStatus", params: { ticketId, status: "solved" }, confirmed: false },
  });
  const body = await unconfirmed.json();
  expect(body.result.data.status).toBe("denied");
  expect(body.result.data.decision.reasons.join(" ")).toMatch(/confirm/i);
  await page.reload();
  await expect(page.locator("[data-keel-ticket-id]")).not.toContainText("solved");
});
