// Benchmark: the governed action path against the same change with the governance removed, in one run
// against PostgreSQL. Prints requests per second and p50/p99 latency for both, and their ratio.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench:governed [--requests 2000] [--concurrency 16]
//
// It creates a scratch database on that server, seeds it, starts the production server build on a
// spare port with the baseline enabled (KEEL_BENCH=1), drives the variants over HTTP from this process
// (loopback only, bounded in count), then stops the server and drops the scratch database.
//
// Variants: "governed" is `action.request` (token, tenant, permission, policy, execute, audit append);
// "bare" is the same tRPC endpoint with the governance removed (`bench.bareNote`: one plain insert);
// "identity only" is an authenticated read (token lookup, no action); "raw route" is the plain insert
// in a bare Next route handler, without tRPC, for reference. The ratios compare governed with bare.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@keel/db";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg("requests", 2000);
const CONCURRENCY = arg("concurrency", 16);
const WARMUP = Math.min(300, REQUESTS);
const PORT = arg("port", 3411);
// --profile DIR: the server writes a V8 CPU profile there on exit (for finding the hot spots).
const profileIndex = process.argv.indexOf("--profile");
const PROFILE_DIR = profileIndex > 0 ? process.argv[profileIndex + 1] : undefined;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
// --only VARIANT: measure one variant alone (bare, governed, identity or raw), e.g. with --profile.
const onlyIndex = process.argv.indexOf("--only");
const ONLY = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    "Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own scratch database there).",
  );
  process.exit(1);
}
const dbName = `keel_bench_${Date.now()}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;

async function admin(sql: string) {
  const db = await openDatabase({ url: adminUrl });
  try {
    await db.prisma.$executeRawUnsafe(sql);
  } finally {
    await db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

type Result = { label: string; count: number; failures: number; rps: number; p50: number; p99: number };

async function drive(label: string, count: number, makeRequest: () => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const t0 = performance.now();
        const res = await makeRequest();
        latencies.push(performance.now() - t0);
        if (!res.ok) failures += 1;
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    count,
    failures,
    rps: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

function report(results: Result[]) {
  const fmt = (n: number, d = 1) => n.toFixed(d).padStart(9);
  console.log(
    `\nGoverned action path vs bare endpoint: ${REQUESTS} requests each, concurrency ${CONCURRENCY}, PostgreSQL\n`,
  );
  console.log(
    `${"variant".padEnd(24)} ${"req/s".padStart(9)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"errors".padStart(7)}`,
  );
  for (const r of results) {
    console.log(
      `${r.label.padEnd(24)} ${fmt(r.rps)} ${fmt(r.p50, 2)} ${fmt(r.p99, 2)} ${String(r.failures).padStart(7)}`,
    );
  }
  const [b, g] = results as [Result, Result, ...Result[]];
  console.log(`\nthroughput ratio governed/bare: ${(g.rps / b.rps).toFixed(2)} (target >= 0.60)`);
  console.log(`p99 ratio governed/bare:        ${(g.p99 / b.p99).toFixed(2)} (target <= 2.00)`);
  if (b.failures || g.failures) process.exitCode = 1;
}

let server: ReturnType<typeof spawn> | undefined;
try {
  await admin(`CREATE DATABASE ${dbName}`);
  const env = {
    ...process.env,
    DATABASE_URL: benchUrl.toString(),
    KEEL_BENCH: "1",
    PORT: String(PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const seeded = spawnSync("pnpm", ["--filter", "@keel/db", "seed"], { cwd: root, env, stdio: "ignore" });
  if (seeded.status !== 0) throw new Error("seeding the scratch database failed");

  server = spawn("pnpm", ["exec", "next", "start", "-p", String(PORT)], {
    cwd: join(root, "server"),
    env: {
      ...env,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      ...(PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : {}),
    },
    // With --profile, the server's own output goes to DIR/server.log as well.
    stdio: PROFILE_DIR ? ["ignore", openSync(join(PROFILE_DIR, "server.log"), "a"), "inherit"] : "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (i > 120) throw new Error("the server did not start (is it built? run pnpm build)");
    await new Promise((r) => setTimeout(r, 500));
  }

  const connect = (await fetch(`${base}/api/trpc/auth.connectExtension`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "agent@northwind.test", password: "keel-demo", label: "benchmark" }),
  }).then((r) => r.json())) as { result: { data: { token: string; tenant: { id: string } } } };
  const token = connect.result.data.token;
  const tenantId = connect.result.data.tenant.id;
  // Requests rotate over the tenant's tickets, as a team's work does (one hot row would measure
  // row-lock queueing, not the governed path).
  const bench = await openDatabase({ url: benchUrl.toString() });
  const tickets = await bench.prisma.ticket.findMany({ where: { tenantId }, orderBy: { number: "asc" } });
  await bench.close();
  let turn = 0;
  const nextTicket = () => tickets[turn++ % tickets.length]?.id ?? "";
  const governed = () =>
    fetch(`${base}/api/trpc/action.request`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        actionId: "ticket.addInternalNote",
        params: { ticketId: nextTicket(), body: "Benchmark note: customer called back about the delivery." },
        confirmed: true,
      }),
    });
  // The baseline: the same tRPC endpoint and HTTP handling, the governance removed (one plain insert).
  const bare = () =>
    fetch(`${base}/api/trpc/bench.bareNote`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ticketId: nextTicket(),
        tenantId,
        body: "Benchmark note: customer called back about the delivery.",
      }),
    });
  // For reference: the same insert in a bare route handler, without tRPC.
  const rawRoute = () =>
    fetch(`${base}/api/bench/bare`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ticketId: nextTicket(),
        tenantId,
        body: "Benchmark note: customer called back about the delivery.",
      }),
    });

  // Where the time goes: the authenticated tRPC round trip alone (token, membership, no action).
  const identityOnly = () =>
    fetch(`${base}/api/trpc/auth.whoami`, { headers: { authorization: `Bearer ${token}` } });

  await drive("warm-up", WARMUP, bare);
  await drive("warm-up", WARMUP, rawRoute);
  await drive("warm-up", WARMUP, identityOnly);
  await drive("warm-up", WARMUP, governed);
  if (ONLY) {
    // Profiling one variant: drive it alone (after the same warm-up), so a profile shows that path only.
    const only = { bare, governed, identity: identityOnly, raw: rawRoute }[ONLY];
    if (!only) throw new Error(`--only takes bare, governed, identity or raw, not ${ONLY}`);
    const r = await drive(ONLY, REQUESTS, only);
    console.log(
      `\n${ONLY}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`,
    );
    if (r.failures) process.exitCode = 1;
  } else {
    report([
      await drive("bare (one insert)", REQUESTS, bare),
      await drive("governed", REQUESTS, governed),
      await drive("identity only (whoami)", REQUESTS, identityOnly),
      await drive("raw route, no tRPC", REQUESTS, rawRoute),
    ]);
  }
} finally {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
  await new Promise((r) => setTimeout(r, PROFILE_DIR ? 3000 : 500));
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
}
