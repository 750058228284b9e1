#!/usr/bin/env node
// `pnpm start`: builds what is stale (extension, server), migrates and seeds the database
// (embedded PGlite unless DATABASE_URL is set), then serves Keel on http://localhost:3000.
//
//   pnpm start                 build if needed, migrate, seed, serve on PORT (default 3000)
//   pnpm start --no-build      serve the existing build
//   pnpm start --no-seed       do not (re)seed the demo tenants
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Keel needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}

function run(command, commandArgs, env = process.env) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${commandArgs.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

/** Newest modification time of any file under the given paths (skipping build output). */
function newestMtime(paths) {
  let newest = 0;
  const walk = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const name = path.split("/").pop();
      if (["node_modules", ".next", "build", ".plasmo", "generated"].includes(name)) return;
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return newest;
}

function isStale(output, sources) {
  const out = join(root, output);
  return !existsSync(out) || statSync(out).mtimeMs < newestMtime(sources);
}

const dataDir = join(root, ".data");
mkdirSync(dataDir, { recursive: true });

// A stable secret for session cookies, kept with the local data, unless one is configured.
let secret = process.env.NEXTAUTH_SECRET;
if (!secret) {
  const secretFile = join(dataDir, "nextauth-secret");
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  secret = readFileSync(secretFile, "utf8").trim();
}

const env = {
  ...process.env,
  NEXTAUTH_SECRET: secret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  KEEL_DEMO: process.env.KEEL_DEMO ?? "1",
  PORT: String(port),
};
if (!env.DATABASE_URL) env.PGLITE_DIR = process.env.PGLITE_DIR ?? join(dataDir, "pglite");

// In production the API accepts cross-origin calls only from the extension origins listed in
// KEEL_EXTENSION_ORIGINS (docs/decisions/008). Unless configured, allow the extension built here and
// loaded unpacked: Chrome derives an unpacked extension's id from the sha256 of its folder's real path.
const extensionDir = join(root, "extension", "build", "chrome-mv3-prod");
function unpackedExtensionId(dir) {
  const path = existsSync(dir) ? realpathSync(dir) : dir;
  const hex = createHash("sha256").update(path).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join("");
}
if (!env.KEEL_EXTENSION_ORIGINS?.trim())
  env.KEEL_EXTENSION_ORIGINS = `chrome-extension://${unpackedExtensionId(extensionDir)}`;

if (!args.has("--no-build")) {
  if (isStale("extension/build/chrome-mv3-prod/manifest.json", ["extension", "shared/src"])) {
    console.log("▸ Building the browser extension…");
    run("pnpm", ["--filter", "@keel/extension", "build"], env);
  } else console.log("▸ Extension build is up to date.");
  if (isStale("server/.next/BUILD_ID", ["server", "shared/src", "prisma/src", "prisma/schema.prisma"])) {
    console.log("▸ Building the server…");
    run("pnpm", ["--filter", "@keel/server", "build"], env);
  } else console.log("▸ Server build is up to date.");
}

console.log(
  `▸ Database: ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.PGLITE_DIR}`}`,
);
run("pnpm", ["--filter", "@keel/db", args.has("--no-seed") ? "migrate" : "seed"], env);

console.log(`
  Keel is starting on http://localhost:${port}
    sandbox helpdesk  http://localhost:${port}/helpdesk
    console           http://localhost:${port}/console
    health            http://localhost:${port}/api/health
    extension         ${extensionDir}  (chrome://extensions → Load unpacked)
    API origins       this server, ${env.KEEL_EXTENSION_ORIGINS}
    demo users        agent|supervisor|admin|auditor @northwind.test or @cloudly.test, password keel-demo
`);

const server = spawn("pnpm", ["exec", "next", "start", "-p", String(port)], {
  cwd: join(root, "server"),
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
