import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const here = dirname(fileURLToPath(import.meta.url));
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/*
 * Browser tests load the real built extension into Debian's Chromium (Playwright's own browser
 * download is not available here) against the real server started by scripts/e2e-server.mjs:
 * PostgreSQL when DATABASE_URL is set, a fresh embedded PGlite otherwise.
 */
export default defineConfig({
  testDir: "tests",
  outputDir: "artifacts/results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { outputFolder: "artifacts/report", open: "never" }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: `node ${join(here, "..", "scripts", "e2e-server.mjs")}`,
    url: `http://localhost:${E2E_PORT}/api/health`,
    env: { PORT: String(E2E_PORT) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
