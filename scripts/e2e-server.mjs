// The server for browser tests: the production build on PORT (default 3100), seeded, on PostgreSQL
// when DATABASE_URL is set, otherwise on a PGlite folder that is wiped first so every run starts clean.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PORT: process.env.PORT ?? "3100" };
if (!env.DATABASE_URL) {
  env.PGLITE_DIR = join(root, ".data", "e2e-pglite");
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
} else {
  // On PostgreSQL the server under test connects as a login role that is subject to row-level security
  // (not the owner that migrates): the isolation the browser tests see is the one production gets.
  const run = (args) => spawnSync("pnpm", args, { cwd: root, env, encoding: "utf8" });
  const migrated = run(["-s", "db:migrate"]);
  if (migrated.status !== 0) throw new Error(`db:migrate failed: ${migrated.stderr || migrated.stdout}`);
  const role = run(["-s", "db:app-role", "keel_web"]);
  if (role.status !== 0) throw new Error(`db:app-role failed: ${role.stderr || role.stdout}`);
  env.DATABASE_APP_URL = role.stdout.trim().split("\n").at(-1);
  console.log(
    `▸ The server connects as ${new URL(env.DATABASE_APP_URL).username} (row-level security applies).`,
  );
}
const child = spawn(process.execPath, [join(root, "scripts", "start.mjs"), "--no-build"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
