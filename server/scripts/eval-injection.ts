/*
 * Measures the prompt-injection detector (server/src/server/safety/injection.ts) on BIPIA-style data.
 * Not a test: it prints numbers and always exits 0.
 *
 *   pnpm eval:injection [dir] [--seed N] [--misses]
 *
 * dir (default: ../shared/data/bipia from the repository root, which sits beside the repository and is
 * never copied into it) holds:
 *   email_train.jsonl        one JSON object a line, {context, question, ideal}; context is an e-mail
 *   text_attack_train.json   {category: [5 injected instructions]}
 *
 * The evaluation set is built deterministically: every e-mail as it is (a negative), and every e-mail with
 * an attack spliced in at the start, in the middle (at the sentence boundary nearest the middle) and at
 * the end (positives). Attacks are taken in a seeded shuffle and cycled, so every attack is used. The
 * separator between e-mail and attack (space, newline, blank line) is also drawn from the seed.
 *
 * Overfitting guard: the rules were tuned on the categories with an even index; recall on the odd-index
 * categories is reported separately as "unseen categories". --misses prints the missed positives of the
 * tuning categories only (and every false positive), so tuning never looks at the unseen ones.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { detectInjection, INJECTION_THRESHOLD } from "../src/server/safety/injection";
import { BENIGN_EMAILS, HOST_EMAIL, INJECTIONS } from "../src/server/safety/injection.fixtures";

const TARGET_RECALL = 0.95;
const TARGET_FPR = 0.05;
const POSITIONS = ["start", "middle", "end"] as const;
type TPosition = (typeof POSITIONS)[number];

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1] === "--seed"));
const dir = positional[0]
  ? resolve(process.env.INIT_CWD ?? process.cwd(), positional[0])
  : resolve(root, "..", "shared", "data", "bipia");
const SEED = Number(option("seed") ?? 5) >>> 0;
const SHOW_MISSES = flag("misses");

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The sentence boundary (after . ! ? or at a line break) nearest the middle; else the nearest space. */
function middleIndex(text: string): number {
  const middle = text.length / 2;
  let best = -1;
  for (const m of text.matchAll(/[.!?]+(?=\s)|\n/g)) {
    const at = (m.index ?? 0) + m[0].length;
    if (at <= 0 || at >= text.length) continue;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  if (best >= 0) return best;
  for (const m of text.matchAll(/\s/g)) {
    const at = m.index ?? 0;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  return best >= 0 ? best : Math.floor(middle);
}

function splice(email: string, attack: string, position: TPosition, separator: string): string {
  if (position === "start") return `${attack}${separator}${email}`;
  if (position === "end") return `${email}${separator}${attack}`;
  const at = middleIndex(email);
  return `${email.slice(0, at)}${separator}${attack}${separator}${email.slice(at).replace(/^\s+/, "")}`;
}

type TAttack = { category: string; categoryIndex: number; text: string };
type TCase = { text: string; positive: boolean; email: number; position?: TPosition; attack?: TAttack };

function load(): { emails: string[]; attacks: TAttack[] } | undefined {
  const emailsFile = join(dir, "email_train.jsonl");
  const attacksFile = join(dir, "text_attack_train.json");
  if (!existsSync(emailsFile) || !existsSync(attacksFile)) {
    console.log(`No evaluation data in ${dir} (need email_train.jsonl and text_attack_train.json).`);
    return undefined;
  }
  const emails = readFileSync(emailsFile, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => String((JSON.parse(line) as { context?: unknown }).context ?? ""));
  const raw = JSON.parse(readFileSync(attacksFile, "utf8")) as Record<string, string[]>;
  const attacks: TAttack[] = [];
  Object.entries(raw).forEach(([category, list], categoryIndex) => {
    for (const text of list) attacks.push({ category, categoryIndex, text });
  });
  return { emails, attacks };
}

const pct = (n: number, d: number) => (d === 0 ? "   n/a" : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n: number, d: number) => (d === 0 ? Number.NaN : n / d);
const row = (label: string, hit: number, total: number, width = 34) =>
  `  ${label.padEnd(width)} ${String(hit).padStart(4)}/${String(total).padEnd(4)} ${pct(hit, total)}`;

function main() {
  const data = load();
  if (!data) return;
  const { emails, attacks } = data;
  const random = rng(SEED);
  const order = shuffle(attacks, random);
  const separators = [" ", "\n", "\n\n"];

  const cases: TCase[] = [];
  emails.forEach((email, i) => {
    cases.push({ text: email, positive: false, email: i });
    POSITIONS.forEach((position, p) => {
      const attack = order[(i * POSITIONS.length + p) % order.length] as TAttack;
      const separator = separators[Math.floor(random() * separators.length)] ?? " ";
      cases.push({
        text: splice(email, attack.text, position, separator),
        positive: true,
        email: i,
        position,
        attack,
      });
    });
  });
  const used = new Set(cases.filter((c) => c.attack).map((c) => c.attack?.text));

  // Warm up once (regex compilation), then time every text.
  detectInjection(cases[0]?.text ?? "");
  let elapsed = 0;
  let slowest = 0;
  const results = cases.map((c) => {
    const t0 = performance.now();
    const result = detectInjection(c.text);
    const ms = performance.now() - t0;
    elapsed += ms;
    slowest = Math.max(slowest, ms);
    return { c, result };
  });

  const positives = results.filter((r) => r.c.positive);
  const negatives = results.filter((r) => !r.c.positive);
  const tp = positives.filter((r) => r.result.flagged).length;
  const fp = negatives.filter((r) => r.result.flagged).length;
  const recall = ratio(tp, positives.length);
  const fpr = ratio(fp, negatives.length);
  const precision = ratio(tp, tp + fp);

  console.log("Prompt-injection detection: BIPIA e-mail evaluation");
  console.log(`  data        ${dir}`);
  console.log(
    `  set         ${emails.length} e-mails, ${attacks.length} attacks in ${new Set(attacks.map((a) => a.category)).size} categories; seed ${SEED}; threshold ${INJECTION_THRESHOLD}`,
  );
  console.log(
    `  texts       ${results.length} (${negatives.length} clean, ${positives.length} injected); attacks used ${used.size}/${attacks.length}`,
  );
  console.log("");
  console.log(`  ${"".padEnd(34)} ${"hit/total".padStart(9)}   rate`);
  console.log(row("recall, all positions", tp, positives.length));
  for (const position of POSITIONS) {
    const at = positives.filter((r) => r.c.position === position);
    console.log(row(`recall, ${position}`, at.filter((r) => r.result.flagged).length, at.length));
  }
  console.log(row("false positives on clean e-mails", fp, negatives.length));
  console.log(`  ${"precision".padEnd(34)} ${`${tp}/${tp + fp}`.padStart(9)} ${pct(tp, tp + fp)}`);
  console.log("");

  console.log("  recall per attack category (T = tuning, even index; U = unseen, odd index)");
  const categories = [...new Map(attacks.map((a) => [a.category, a.categoryIndex])).entries()];
  for (const [category, index] of categories) {
    const of = positives.filter((r) => r.c.attack?.category === category);
    const label = `${index % 2 === 0 ? "T" : "U"} ${String(index).padStart(2)} ${category}`;
    console.log(row(label, of.filter((r) => r.result.flagged).length, of.length));
  }
  console.log("");
  const split = (even: boolean) =>
    positives.filter((r) => ((r.c.attack?.categoryIndex ?? 0) % 2 === 0) === even);
  const tuning = split(true);
  const unseen = split(false);
  console.log("  overfitting guard");
  console.log(
    row("recall, tuning categories (even)", tuning.filter((r) => r.result.flagged).length, tuning.length),
  );
  console.log(
    row("recall, unseen categories (odd)", unseen.filter((r) => r.result.flagged).length, unseen.length),
  );
  console.log(
    "  note: odd categories were kept out of tuning runs (--misses never shows them), but the rules'",
  );
  console.log(
    "  author had read every attack string once; treat the odd split as optimistic (decision 012).",
  );
  console.log("");
  // The repository's own hand-written fixtures: harder clean mail (newsletters, tickets with requests about
  // the reply) than the data set's notifications. They were also used while tuning.
  const benignFlagged = BENIGN_EMAILS.filter((text) => detectInjection(text).flagged).length;
  const injected = INJECTIONS.flatMap((attack) => [`${attack}\n${HOST_EMAIL}`, `${HOST_EMAIL} ${attack}`]);
  const injectedFound = injected.filter((text) => detectInjection(text).flagged).length;
  console.log("  hand-written fixtures (repository, also used in tuning)");
  console.log(row("recall, own injections", injectedFound, injected.length));
  console.log(row("false positives, own support mail", benignFlagged, BENIGN_EMAILS.length));
  console.log("");
  console.log(
    `  speed       ${(elapsed / results.length).toFixed(3)} ms per text (mean), slowest ${slowest.toFixed(2)} ms, ${results.length} texts`,
  );
  const met = recall >= TARGET_RECALL && fpr <= TARGET_FPR;
  console.log(
    `  target      recall >= ${TARGET_RECALL} with false-positive rate <= ${TARGET_FPR * 100}%: ${met ? "met" : "missed"} (recall ${recall.toFixed(3)}, FPR ${(fpr * 100).toFixed(1)}%, precision ${precision.toFixed(3)})`,
  );

  if (SHOW_MISSES) {
    console.log("");
    console.log("  misses (tuning categories only) and false positives:");
    for (const r of tuning.filter((x) => !x.result.flagged)) {
      console.log(
        `  MISS [${r.c.attack?.category} / ${r.c.position}] score ${r.result.score}: ${JSON.stringify(r.c.attack?.text)}`,
      );
      for (const reason of r.result.reasons.slice(0, 3))
        console.log(`       - ${reason.weight} ${reason.message}`);
    }
    for (const r of negatives.filter((x) => x.result.flagged)) {
      console.log(`  FALSE POSITIVE e-mail ${r.c.email} score ${r.result.score}`);
      for (const reason of r.result.reasons.slice(0, 3))
        console.log(`       - ${reason.weight} ${reason.message}`);
    }
  }
}

try {
  main();
} catch (error) {
  console.log(`Evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
}
process.exitCode = 0;
