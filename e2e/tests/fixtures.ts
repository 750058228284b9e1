import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, test as base, chromium, type Page } from "@playwright/test";

const here = dirname(fileURLToPath(import.meta.url));
export const EXTENSION_DIR = join(here, "..", "..", "extension", "build", "chrome-mv3-prod");
export const SCREENSHOT_DIR = join(here, "..", "artifacts", "screenshots");
export const DEMO_PASSWORD = "keel-demo";

type Fixtures = { context: BrowserContext; extensionId: string };

/**
 * A fresh Chromium profile with the built Keel extension loaded (Debian's chromium; see STACK-NOTES).
 */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a pattern.
  context: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), "keel-e2e-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        "--headless=new",
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  extensionId: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent("serviceworker");
    const id = new URL(worker.url()).host;
    await use(id);
  },
});

export const expect = test.expect;

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Signs in to the web console (the sandbox helpdesk uses the same session). */
export async function signInConsole(page: Page, email: string, callbackUrl = "/helpdesk") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl || url.pathname.startsWith(callbackUrl));
}

/** Signs out of the console. */
export async function signOutConsole(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
}

/** Connects the extension from its options page as the given demo user. */
export async function connectExtension(
  context: BrowserContext,
  extensionId: string,
  baseURL: string,
  email: string,
) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.locator("#keel-server-url").fill(baseURL);
  await options.locator("#keel-email").fill(email);
  await options.locator("#keel-password").fill(DEMO_PASSWORD);
  await options.getByTestId("keel-connect-submit").click();
  await expect(options.getByTestId("keel-connected")).toBeVisible();
  await expect(options.getByTestId("keel-connected")).toContainText(email);
  return options;
}

/** Opens the first ticket of the signed-in user's sandbox helpdesk; returns its id. */
export async function openFirstTicket(page: Page) {
  await page.goto("/helpdesk");
  await page.getByTestId("ticket-list").getByRole("link").first().click();
  const section = page.locator("[data-keel-ticket-id]");
  await expect(section).toBeVisible();
  const ticketId = await section.getAttribute("data-keel-ticket-id");
  expect(ticketId).toBeTruthy();
  return ticketId as string;
}

/**
 * Signs an agent into the sandbox helpdesk, opens the ticket whose list link matches `subject`, then
 * connects the extension as the same user and brings the ticket back to the front; returns its page.
 */
export async function openTicketWithExtension(
  context: BrowserContext,
  extensionId: string,
  baseURL: string,
  email: string,
  subject: RegExp,
) {
  const page = await context.newPage();
  await signInConsole(page, email);
  await page.goto("/helpdesk");
  await page.getByTestId("ticket-list").getByRole("link", { name: subject }).first().click();
  await expect(page.locator("[data-keel-ticket-id]")).toBeVisible();
  await connectExtension(context, extensionId, baseURL, email);
  await page.bringToFront();
  return page;
}
