// Runs `prisma generate` offline. Generate uses Prisma's bundled WASM schema parser; the CLI only
// insists that a native schema-engine binary exists, which it cannot download here (see
// docs/decisions/002-migrations-without-native-engine.md), so point it at any existing file.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync("pnpm", ["exec", "prisma", "generate", "--schema", "schema.prisma"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
