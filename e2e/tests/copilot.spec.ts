import { expect, openTicketWithExtension, screenshot, signInConsole, signOutConsole, test } from "./fixtures";

test("an agent drafts a reply in their own style, edits it and inserts it into the helpdesk's reply box", async ({
  context,
  extensionId,
  baseURL,
}) => {
  const page = await openTicketWithExtension(
    context,
    extensionId,
    baseURL as string,
    "agent@northwind.test",
    /tent arrived/i,
  );
  await expect(page.getByTestId("keel-summary")).toBeVisible();

  const section = page.getByTestId("reply-draft");
  await expect(section).toHaveAttribute("data-state", "idle");
  await section.getByTestId("reply-draft-generate").click();
  await expect(section).toHaveAttribute("data-state", "ready");

  const text = section.getByTestId("reply-draft-text");
  // Addressed by the customer's first name (restored from its placeholder), in the agent's "Hi" style.
  await expect(text).toHaveValue(/^Hi Hannah,/);
  await expect(text).not.toHaveValue(/\[PERSON_/);
  await expect(section.getByTestId("reply-draft-style")).toContainText(/from \d+ of your replies/);
  await expect(section.getByTestId("reply-draft-confidence")).toContainText("% confidence");
  // Every citation in the list is cited in the text.
  const citations = section.getByTestId("reply-draft-citations").locator("li");
  await expect(citations.first()).toBeVisible();
  const value = await text.inputValue();
  for (const item of await citations.allTextContents()) {
    const n = /^\[(\d+)\]/.exec(item)?.[1];
    expect(value).toContain(`[${n}]`);
  }
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "copilot-01-reply-draft");

  // The agent edits the draft, then inserts it into the helpdesk's own reply box.
  await text.fill(`${value}\n\nP.S. I've flagged your order for priority handling.`);
  await section.getByTestId("reply-draft-insert").click();
  await expect(section.getByTestId("reply-draft-inserted")).toBeVisible();
  const reply = page.locator("textarea[data-keel-reply]");
  await expect(reply).toHaveValue(/^Hi Hannah,[\s\S]*priority handling\.$/);
  await reply.scrollIntoViewIfNeeded();
  await screenshot(page, "copilot-02-draft-inserted");

  // Regenerate gives a fresh draft (a new trace) for the same ticket.
  await section.getByTestId("reply-draft-regenerate").click();
  await expect(section).toHaveAttribute("data-state", "ready");
  await expect(text).toHaveValue(/^Hi Hannah,/);

  // A supervisor finds the inserted draft's trace in the console, next to its audit events, redacted.
  await signOutConsole(page);
  await signInConsole(page, "supervisor@northwind.test", "/console/traces");
  await expect(page.getByRole("heading", { name: "Copilot traces", level: 1 })).toBeVisible();
  const rows = page.getByTestId("trace-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  // The older of the two drafts is the one that was inserted (and so has feedback).
  await rows.nth(1).getByRole("link").first().click();
  await expect(page.getByTestId("trace-versions")).toContainText("reply.draft@1");
  await expect(page.getByTestId("trace-versions")).toContainText("keel-offline/draft@1");
  await expect(page.getByTestId("trace-event").filter({ hasText: "reply.draft" })).toHaveCount(1);
  await expect(page.getByTestId("trace-event").filter({ hasText: "reply.feedback" })).toHaveCount(1);
  // The customer is a placeholder in what was stored: the engine never saw the name.
  await expect(page.getByTestId("trace-output")).toContainText("Hi [PERSON_0],");
  await expect(page.getByTestId("trace-output")).not.toContainText("Hannah");
  await expect(page.getByTestId("trace-input")).not.toContainText("Hannah");
  await expect(page.getByTestId("trace-retrieved")).toContainText("@");
  await screenshot(page, "copilot-03-console-trace");

  // Replaying it against what is in force now stores a replay and shows what changed (nothing here).
  await page.getByTestId("trace-replay-submit").click();
  const replayed = page.getByTestId("trace-replay-result");
  await expect(replayed).toContainText("Nothing changed.");
  await replayed.getByRole("link", { name: "Open the replay" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Trace trc_");
  await expect(page.getByText(/replay of trc_/)).toBeVisible();
});

test("a draft no article supports says so, with low confidence, and offers the hand-off", async ({
  context,
  extensionId,
  baseURL,
}) => {
  const page = await openTicketWithExtension(
    context,
    extensionId,
    baseURL as string,
    "agent@northwind.test",
    /exchange cascade boots/i,
  );

  const section = page.getByTestId("reply-draft");
  await section.getByTestId("reply-draft-generate").click();
  await expect(section).toHaveAttribute("data-state", "ready");
  await expect(section.getByTestId("reply-draft-text")).toHaveValue(/looking into this/);
  await expect(section.getByTestId("reply-draft-confidence")).toContainText("% confidence");
  await expect(section.getByTestId("reply-draft-low")).toBeVisible();
  await section.getByTestId("reply-draft-handoff").click();
  await expect(page.getByTestId("keel-tab-escalation")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("keel-escalation")).toBeVisible();
});
