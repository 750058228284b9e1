// Runs the integration tests on every database target available: always the embedded PGlite, and
// real PostgreSQL as well when DATABASE_URL is set (CI sets it to the local server).
import { spawnSync } from "node:child_process";

const targets = ["pglite"];
if (process.env.DATABASE_URL) targets.push("postgres");
else console.log("DATABASE_URL is not set: integration tests run on PGlite only.");

for (const target of targets) {
  console.log(`\n=== integration tests on ${target} ===`);
  const result = spawnSync("pnpm", ["exec", "vitest", "run", "--project", "integration"], {
    stdio: "inherit",
    env: { ...process.env, KEEL_TEST_DB: target },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
