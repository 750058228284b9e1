// The server for browser tests: the production build on PORT (default 3100), seeded, on PostgreSQL
// when DATABASE_URL is set, otherwise on a PGlite folder that is wiped first so every run starts clean.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PORT: process.env.PORT ?? "3100" };
if (!env.DATABASE_URL) {
  env.PGLITE_DIR = join(root, ".data", "e2e-pglite");
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
}
const child = spawn(process.execPath, [join(root, "scripts", "start.mjs"), "--no-build"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
