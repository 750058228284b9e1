import { expect, openTicketWithExtension, screenshot, signInConsole, test } from "./fixtures";

test("an agent sees suggested articles, with the words they matched, for a refund ticket", async ({
  context,
  extensionId,
  baseURL,
}) => {
  const page = await openTicketWithExtension(
    context,
    extensionId,
    baseURL as string,
    "agent@northwind.test",
    /refund for returned/i,
  );

  await expect(page.getByTestId("keel-summary")).toBeVisible();
  const section = page.getByTestId("kb-suggestions");
  await expect(section).toHaveAttribute("data-state", "ready");
  const suggestions = section.getByTestId("kb-suggestion");
  await expect(suggestions.first()).toBeVisible();
  expect(await suggestions.count()).toBeGreaterThan(0);
  await expect(suggestions.first().getByTestId("kb-suggestion-title")).not.toBeEmpty();
  await expect(suggestions.first().getByTestId("kb-suggestion-tier")).toBeVisible();
  await expect(suggestions.first().getByTestId("kb-suggestion-matched")).toContainText(/matched: \S+/);
  // Some suggestion is about returns or refunds, and matched one of those words.
  await expect(
    section
      .getByTestId("kb-suggestion-matched")
      .filter({ hasText: /refund|return/i })
      .first(),
  ).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "kb-01-sidebar-suggested-articles");
});

test("an admin adds an article in the console and sees it listed as version 1", async ({ context }) => {
  const page = await context.newPage();
  await signInConsole(page, "admin@northwind.test", "/console/knowledge");
  await expect(page.getByRole("heading", { name: "Knowledge", level: 1 })).toBeVisible();
  await expect(page.getByTestId("kb-tier-table")).toBeVisible();
  await expect(page.getByTestId("kb-tier-row")).toHaveCount(4);
  // Auditors are never offered a tier.
  await expect(page.getByTestId("kb-tier-table").getByLabel("auditor")).toHaveCount(0);

  const form = page.getByTestId("kb-article-form");
  // A too-short title and body are refused with messages next to the fields, and what was typed stays.
  await form.getByTestId("kb-article-title").fill("Hi");
  await form.getByTestId("kb-article-body").fill("short");
  await form.getByTestId("kb-article-submit").click();
  await expect(form.getByTestId("kb-field-error").first()).toBeVisible();
  await expect(form.getByTestId("kb-article-title")).toHaveValue("Hi");

  const title = `Bike rack returns ${Date.now()}`;
  await form.getByTestId("kb-article-title").fill(title);
  await form
    .getByTestId("kb-article-body")
    .fill("Bike racks can be returned within 30 days if unused. Refunds go back to the original payment.");
  await form.getByTestId("kb-article-tier").selectOption("public");
  await form.getByTestId("kb-article-tags").fill("returns, bike racks");
  await form.getByTestId("kb-article-submit").click();
  await expect(form.getByTestId("kb-article-saved")).toContainText("version 1");

  const row = page.getByTestId("kb-article-row").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-version", "1");
  await expect(row).toHaveAttribute("data-tier", "public");
  await expect(row).toContainText("returns, bike racks");
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, "kb-02-console-article-added");

  // Its version list shows version 1.
  await row.getByTestId("kb-article-edit").click();
  await expect(page.getByTestId("kb-versions").getByTestId("kb-version")).toHaveCount(1);
  await expect(page.getByTestId("kb-versions")).toContainText("v1");

  // An import with a bad item saves nothing and names the item; a good one reports its counts.
  const importForm = page.getByTestId("kb-import-form");
  const stamp = Date.now();
  await importForm
    .getByTestId("kb-import-content")
    .fill(
      `# Tent pegs ${stamp}\ntags: tents\nReplacement tent pegs ship free within 5 days.\n---\nno heading here`,
    );
  await importForm.getByTestId("kb-import-submit").click();
  await expect(importForm.getByTestId("kb-import-item-error")).toContainText("Item 2");
  await importForm
    .getByTestId("kb-import-content")
    .fill(`# Tent pegs ${stamp}\ntags: tents\nReplacement tent pegs ship free within 5 days.`);
  await importForm.getByTestId("kb-import-submit").click();
  await expect(importForm.getByTestId("kb-import-counts")).toContainText("1 created, 0 updated");
  await expect(page.getByTestId("kb-article-row").filter({ hasText: `Tent pegs ${stamp}` })).toHaveCount(1);
});
