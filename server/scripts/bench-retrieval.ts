// Benchmark: knowledge retrieval latency over a large corpus, in one run against PostgreSQL.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench:retrieval [--tenants 50] [--articles 100000] [--queries 300]
//
// Creates a scratch database, migrates it, generates `articles` synthetic articles spread over `tenants`
// tenants (server-side, with generate_series), then runs `queries` searches through the same code the
// copilot uses (withTenant + searchPassages: row-level security, tier filter, GIN full-text index) for
// random tenants and prints p50/p95/p99 in milliseconds. Drops the scratch database afterwards.
import { applyMigrations, openDatabase, withTenant } from "@keel/db";
import { searchPassages } from "../src/server/services/knowledge";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TENANTS = arg("tenants", 50);
const ARTICLES = arg("articles", 100_000);
const QUERIES = arg("queries", 300);

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    "Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own scratch database there).",
  );
  process.exit(1);
}
const dbName = `keel_bench_kb_${Date.now()}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

const VOCABULARY = (
  "refund return exchange shipping delivery parcel tracking damaged defective warranty invoice payment card " +
  "charge chargeback discount coupon loyalty points account password login email address order cancel " +
  "subscription plan upgrade downgrade billing tax receipt size fit boots jacket tent backpack stove " +
  "sleeping bag lantern carrier warehouse courier pickup label customs duty international express standard " +
  "holiday gift wrap store pickup inventory restock backorder preorder price match promise outage incident " +
  "workspace seat invoice export integration api token webhook sso admin owner transfer revoke access"
).split(" ");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const admin = await openDatabase({ url: adminUrl });
await admin.prisma.$executeRawUnsafe(`CREATE DATABASE ${dbName}`);
const db = await openDatabase({ url: url.toString() });
try {
  await applyMigrations(db);
  const started = performance.now();
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Tenant" ("id", "slug", "name", "industry")
     SELECT 'ten_bench_' || g, 'bench-' || g, 'Bench ' || g, 'retail' FROM generate_series(1, ${TENANTS}) g`,
  );
  // Each article: a title of 4-5 and a body of 80-82 words, in a random tier. Words follow a Zipf-like
  // distribution over the support vocabulary plus 5,000 synthetic words, as real text does (a few words
  // are everywhere, most are rare): without it every article would match every query.
  const words = `(ARRAY[${VOCABULARY.map((w) => `'${w}'`).join(",")}] || ARRAY(SELECT 'w' || i FROM generate_series(1, 5000) i))`;
  const pick = `(${words})[1 + floor(${VOCABULARY.length + 5000} * power(random(), 3))::int]`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "KnowledgeArticle" ("id", "tenantId", "slug", "title", "body", "tier", "updatedAt")
     SELECT 'kb_bench_' || g, 'ten_bench_' || (1 + g % ${TENANTS}), 'a-' || g,
       (SELECT string_agg(${pick}, ' ') FROM generate_series(1, 4 + (g % 2))),
       (SELECT string_agg(${pick}, ' ') FROM generate_series(1, 80 + (g % 3))),
       (ARRAY['public','internal','privileged','customer']::"KnowledgeTier"[])[1 + g % 4],
       now()
     FROM generate_series(1, ${ARTICLES}) g`,
  );
  await db.prisma.$executeRawUnsafe(`ANALYZE "KnowledgeArticle"`);
  console.log(
    `Generated ${ARTICLES} articles over ${TENANTS} tenants in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );

  const latencies: number[] = [];
  let hits = 0;
  for (let i = 0; i < QUERIES + 30; i += 1) {
    const tenantId = `ten_bench_${1 + Math.floor(Math.random() * TENANTS)}`;
    const terms = Array.from(
      { length: 3 + (i % 4) },
      () => VOCABULARY[Math.floor(Math.random() * VOCABULARY.length)] ?? "refund",
    );
    const t0 = performance.now();
    const passages = await withTenant(db, tenantId, (tx) =>
      searchPassages(tx, { tenantId, terms, tiers: ["public", "internal"], customerId: null, limit: 5 }),
    );
    const ms = performance.now() - t0;
    if (i >= 30) {
      latencies.push(ms);
      hits += passages.length;
    }
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `\nKnowledge retrieval: ${QUERIES} searches (3-6 terms, 2 tiers, top 5), ${ARTICLES} articles, ${TENANTS} tenants, PostgreSQL\n`,
  );
  console.log(
    `p50 ${percentile(latencies, 50).toFixed(2)} ms   p95 ${percentile(latencies, 95).toFixed(2)} ms   p99 ${percentile(latencies, 99).toFixed(2)} ms   (target p95 < 20 ms)`,
  );
  console.log(`mean passages per search: ${(hits / QUERIES).toFixed(1)}`);
} finally {
  await db.close();
  await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.close();
}
