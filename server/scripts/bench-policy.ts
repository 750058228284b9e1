/*
 * Measures one policy decision in-process: the built-in Cedar policy, compiled once, then N decisions
 * over a mix of roles, actions, amounts and customers. Not a test: it prints numbers.
 *   pnpm --filter @keel/server bench:policy [-- --decisions 20000]
 */
import { ACTION_IDS, ACTIONS, ROLES, type TActionId, type TRole } from "@keel/shared";
import { DEFAULT_POLICY_SOURCE } from "../src/server/policy/defaults/default-policy";
import {
  decidePolicy,
  initPolicyEngine,
  type TPolicyInput,
  type TRolloutMode,
} from "../src/server/policy/engine";

const TARGET_MEDIAN_US = 50;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const PARAMS: Partial<Record<TActionId, Record<string, unknown>>> = {
  "ticket.setStatus": { status: "solved" },
  "ticket.addTags": { tags: ["refund", "vip"] },
  "ticket.assignQueue": { queue: "billing" },
};
const TIERS = ["standard", "premium", "enterprise"];
const MODES: TRolloutMode[] = ["assistive", "controlled", "scale"];

/** A deterministic spread of realistic requests (every role, action, tier and mode; varying amounts). */
function requests(count: number, tenantPrefix: string): TPolicyInput[] {
  const out: TPolicyInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const action = ACTION_IDS[i % ACTION_IDS.length] as TActionId;
    const role = ROLES[(i >> 2) % ROLES.length] as TRole;
    out.push({
      // One tenant per request: decisions are memoised per request (engine.ts), so a distinct tenant
      // makes every one of these a full Cedar evaluation. The memoised case is measured separately.
      tenantId: `${tenantPrefix}${i}`,
      policy: { version: null, source: DEFAULT_POLICY_SOURCE },
      principal: { userId: `usr_${i % 50}`, role },
      action,
      risk: ACTIONS[action].risk,
      params: PARAMS[action] ?? {},
      context: {
        amount: ((i * 37) % 120_000) / 100 + 1,
        currency: "USD",
        customerVerified: i % 3 !== 0,
        customerTier: TIERS[i % TIERS.length] as string,
        rolloutMode: MODES[(i >> 1) % MODES.length] as TRolloutMode,
      },
    });
  }
  return out;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function main() {
  const decisions = argument("decisions", 20_000);
  const warmup = argument("warmup", 2_000);
  await initPolicyEngine();

  const work = requests(decisions, "ten_bench_");
  const warm = requests(warmup, "ten_warm_");
  const effects: Record<string, number> = {};
  for (const input of warm) decidePolicy(input);

  const samples = new Float64Array(decisions);
  const started = process.hrtime.bigint();
  for (let i = 0; i < decisions; i += 1) {
    const t0 = process.hrtime.bigint();
    const decision = decidePolicy(work[i] as TPolicyInput);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
    effects[decision.effect] = (effects[decision.effect] ?? 0) + 1;
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Requests seen before (within the memo's bound): each is a memoised decision.
  const again = work.slice(0, 5000);
  for (const input of again) decidePolicy(input);
  const repeated = new Float64Array(again.length);
  again.forEach((input, i) => {
    const t0 = process.hrtime.bigint();
    decidePolicy(input);
    repeated[i] = Number(process.hrtime.bigint() - t0) / 1000;
  });
  repeated.sort();
  samples.sort();
  const median = percentile(samples, 0.5);
  const p99 = percentile(samples, 0.99);

  console.log(
    `Keel policy decision benchmark (Cedar ${"@cedar-policy/cedar-wasm"}, built-in policy, Node ${process.version})`,
  );
  console.log(`  decisions      ${decisions} after ${warmup} warm-up`);
  console.log(`  median         ${median.toFixed(1)} µs (each a full Cedar evaluation)`);
  console.log(`  p90            ${percentile(samples, 0.9).toFixed(1)} µs`);
  console.log(`  p99            ${p99.toFixed(1)} µs`);
  console.log(`  max            ${(samples[samples.length - 1] ?? 0).toFixed(1)} µs`);
  console.log(`  throughput     ${Math.round(decisions / totalSeconds).toLocaleString("en-US")} decisions/s`);
  console.log(
    `  memoised       median ${percentile(repeated, 0.5).toFixed(1)} µs, p99 ${percentile(repeated, 0.99).toFixed(1)} µs (the same request again)`,
  );
  console.log(
    `  outcomes       ${Object.entries(effects)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `  target         median ≤ ${TARGET_MEDIAN_US} µs: ${median <= TARGET_MEDIAN_US ? "met" : "NOT met"}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
