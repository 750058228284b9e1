import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two kinds of test (house style): `*.test.ts` are unit tests beside the code and touch no database;
// `*.integration-test.ts` run against a real database: PGlite, or PostgreSQL when KEEL_TEST_DB=postgres
// (scripts/test-integration.mjs runs them on both targets).
export default defineConfig({
  resolve: {
    alias: [
      // The server's "~/" import alias, and Next's build-time-only guard (a no-op outside Next).
      { find: /^~\//, replacement: `${here("./server/src")}/` },
      { find: /^server-only$/, replacement: here("./server/src/server/testing/server-only-noop.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{shared,server,prisma,extension}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/.next/**", "**/build/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{shared,server,prisma}/**/*.integration-test.ts"],
          exclude: ["**/node_modules/**", "**/.next/**"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two cores, so keep parallelism modest.
          maxWorkers: 2,
        },
      },
    ],
  },
});
