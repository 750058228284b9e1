import { expect, screenshot, signInConsole, test } from "./fixtures";

test("an admin sees policy errors before publishing, publishes a fix, and a permission change is enforced", async ({
  page,
  request,
}) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signInConsole(page, "admin@northwind.test", "/console/policies");
  const source = page.getByTestId("policy-source");
  const original = await source.inputValue();

  // A typo in an action name is an error, shown with its line, and publishing stays disabled.
  const rule = (action: string) =>
    `\n@id("vip-tags-allowed")\n@reason("VIP tagging is routine")\npermit (principal, action == Keel::Action::"${action}", resource);\n`;
  await source.fill(original + rule("ticket.addTagz"));
  await page.getByRole("button", { name: "Validate" }).click();
  const errors = page.getByTestId("validation-errors");
  await expect(errors).toBeVisible();
  await expect(errors).toContainText("line");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await screenshot(page, "20-policy-validation-error");

  // Fixed, validated, published: it becomes the version in force.
  await source.fill(original + rule("ticket.addTags"));
  await page.getByRole("button", { name: "Validate" }).click();
  await expect(page.getByTestId("validation-ok")).toBeVisible();
  await page.getByLabel("Version note").fill("Allow VIP tagging explicitly");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator('[data-testid="policy-version"][data-status="published"]')).toHaveCount(1);
  await screenshot(page, "21-policy-published");

  // The permission matrix: agents now need approval to move tickets between queues. (An action no
  // other test uses, so the tests stay independent of their order.)
  await page.goto("/console/permissions");
  await page.getByTestId("cell-agent-ticket.assignQueue").selectOption("execute_with_approval");
  await page.getByLabel("Change note").fill("Queue moves change SLAs; a supervisor checks them for now");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("permissions-version")).toHaveCount(1);
  await screenshot(page, "22-permissions-versioned");

  // Enforced by the server on the next request, with the versions that decided it.
  const connect = await request.post("/api/trpc/auth.connectExtension", {
    data: { email: "agent@northwind.test", password: "keel-demo" },
  });
  const token = (await connect.json()).result.data.token as string;
  await page.goto("/helpdesk");
  const ticketHref = await page.getByTestId("ticket-list").getByRole("link").first().getAttribute("href");
  const ticketId = ticketHref?.split("/").pop() ?? "";
  const moved = await request.post("/api/trpc/action.request", {
    headers: { authorization: `Bearer ${token}` },
    data: { actionId: "ticket.assignQueue", params: { ticketId, queue: "billing" }, confirmed: true },
  });
  const view = (await moved.json()).result.data;
  expect(view.status).toBe("pending_approval");
  expect(view.decision.mode).toBe("execute_with_approval");
  expect(view.decision.permissionsVersion).toBe(1);
  expect(view.decision.policyVersion).toBeGreaterThanOrEqual(1);
});

test("an auditor reads the audit log but cannot open the helpdesk's tickets", async ({ page }) => {
  await signInConsole(page, "auditor@northwind.test", "/console/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await page.goto("/helpdesk");
  await expect(page.getByText("Your role does not work tickets")).toBeVisible();
  await expect(page.getByTestId("ticket-list")).toHaveCount(0);
});
