/*
 * Evaluates the PII detector (server/src/server/safety/pii.ts) on a labelled set in the format of
 * Microsoft Presidio's synthetic dataset. Not a test: it prints figures and always exits 0.
 *   pnpm eval:pii [path]     (path resolved from the current directory; default, from the
 *                             repository root: ../shared/data/pii/synth_dev.json)
 *   pnpm eval:pii [path] --misses 20   also print up to 20 missed gold spans and false positives per type
 * The data file is read at run time; nothing of it is written into the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { detectPii, PII_ENTITY_TYPES, type TPiiEntityType, type TPiiSpan } from "../src/server/safety/pii";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEFAULT_PATH = resolve(REPO_ROOT, "../shared/data/pii/synth_dev.json");

const RECALL_TARGET: Record<TPiiEntityType, number> = {
  EMAIL_ADDRESS: 0.95,
  PHONE_NUMBER: 0.95,
  CREDIT_CARD: 0.95,
  IBAN_CODE: 0.95,
  US_SSN: 0.95,
  IP_ADDRESS: 0.95,
  PERSON: 0.85,
  STREET_ADDRESS: 0.85,
};
const PRECISION_TARGET = 0.9;

type TGoldSpan = { entity_type: string; entity_value: string; start_position: number; end_position: number };
type TRecord = { full_text: string; spans: TGoldSpan[]; template_id?: number };

const args = process.argv.slice(2);
const missesAt = args.indexOf("--misses");
const SHOW_MISSES = missesAt >= 0 ? Number(args[missesAt + 1] ?? 10) : 0;
const positional = args.filter((a, i) => !a.startsWith("--") && (missesAt < 0 || i !== missesAt + 1));
const path = positional[0] ? resolve(process.env.INIT_CWD ?? process.cwd(), positional[0]) : DEFAULT_PATH;

if (!existsSync(path)) {
  console.log(`No dataset at ${path}.`);
  console.log("Pass a path: pnpm eval:pii path/to/synth_dev.json");
  process.exit(0);
}
const records = JSON.parse(readFileSync(path, "utf8")) as TRecord[];

const targeted = new Set<string>(PII_ENTITY_TYPES);
const overlaps = (a: { start: number; end: number }, s: TGoldSpan) =>
  a.start < s.end_position && s.start_position < a.end;

type TCounts = { support: number; found: number; predicted: number; correct: number; uncounted: number };
const counts = Object.fromEntries(
  PII_ENTITY_TYPES.map((t) => [t, { support: 0, found: 0, predicted: 0, correct: 0, uncounted: 0 }]),
) as Record<TPiiEntityType, TCounts>;
const untargetedSupport = new Map<string, number>();
const misses = new Map<TPiiEntityType, string[]>();
const falsePositives = new Map<TPiiEntityType, string[]>();
const note = (map: Map<TPiiEntityType, string[]>, type: TPiiEntityType, line: string) => {
  const list = map.get(type) ?? [];
  list.push(line);
  map.set(type, list);
};
const context = (text: string, start: number, end: number) =>
  JSON.stringify(
    `${text.slice(Math.max(0, start - 40), start)}[[${text.slice(start, end)}]]${text.slice(end, end + 30)}`,
  );

// Warm up compromise and the regular expressions so the first text does not carry their start-up.
detectPii("Warm-up: Dr. Jane Doe lives at 12 Main Street, call +1 415 555 2671.");

let elapsed = 0;
for (const record of records) {
  const text = record.full_text;
  const t0 = performance.now();
  const predicted: TPiiSpan[] = detectPii(text);
  elapsed += performance.now() - t0;

  for (const gold of record.spans) {
    if (!targeted.has(gold.entity_type)) {
      untargetedSupport.set(gold.entity_type, (untargetedSupport.get(gold.entity_type) ?? 0) + 1);
      continue;
    }
    const type = gold.entity_type as TPiiEntityType;
    counts[type].support += 1;
    if (predicted.some((p) => p.type === type && overlaps(p, gold))) counts[type].found += 1;
    else note(misses, type, context(text, gold.start_position, gold.end_position));
  }
  for (const p of predicted) {
    const c = counts[p.type];
    if (record.spans.some((g) => g.entity_type === p.type && overlaps(p, g))) {
      c.predicted += 1;
      c.correct += 1;
    } else if (record.spans.some((g) => !targeted.has(g.entity_type) && overlaps(p, g))) {
      // Overlaps only a type we do not target (DATE_TIME, ORGANIZATION, ...): counted neither way.
      c.uncounted += 1;
    } else {
      c.predicted += 1;
      const gold = record.spans.find((g) => overlaps(p, g));
      note(
        falsePositives,
        p.type,
        `${context(text, p.start, p.end)}${gold ? ` (gold: ${gold.entity_type})` : ""}`,
      );
    }
  }
}

const pad = (v: unknown, n: number) => String(v).padEnd(n);
const lpad = (v: unknown, n: number) => String(v).padStart(n);
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "  -  ");

console.log(`PII detector evaluation on ${path}`);
console.log(
  `${records.length} texts. A gold span is found when a predicted span of the same type overlaps it by at least`,
);
console.log(
  "one character (recall = found / support). A predicted span is correct when it overlaps a gold span of its",
);
console.log(
  "type (precision = correct / counted). A predicted span that overlaps no gold span of its type but overlaps",
);
console.log(
  "a gold span of a type we do not target (e.g. ORGANIZATION, DATE_TIME) is not counted either way.",
);
console.log("");
const header = `${pad("type", 16)}${lpad("support", 8)}${lpad("found", 7)}${lpad("recall", 8)}${lpad("predicted", 11)}${lpad("correct", 9)}${lpad("precision", 11)}${lpad("uncounted", 11)}`;
console.log(header);
console.log("-".repeat(header.length));
let goldAll = 0;
let foundAll = 0;
let predAll = 0;
let correctAll = 0;
for (const type of PII_ENTITY_TYPES) {
  const c = counts[type];
  goldAll += c.support;
  foundAll += c.found;
  predAll += c.predicted;
  correctAll += c.correct;
  console.log(
    `${pad(type, 16)}${lpad(c.support, 8)}${lpad(c.found, 7)}${lpad(f3(c.found / c.support), 8)}${lpad(c.predicted, 11)}${lpad(c.correct, 9)}${lpad(f3(c.correct / c.predicted), 11)}${lpad(c.uncounted, 11)}`,
  );
}
console.log("-".repeat(header.length));
console.log(
  `${pad("all targeted", 16)}${lpad(goldAll, 8)}${lpad(foundAll, 7)}${lpad(f3(foundAll / goldAll), 8)}${lpad(predAll, 11)}${lpad(correctAll, 9)}${lpad(f3(correctAll / predAll), 11)}`,
);
console.log("");
const untargeted = [...untargetedSupport.entries()].sort((a, b) => b[1] - a[1]);
console.log(
  `Not targeted (gold spans ignored; predicting nothing there is fine): ${untargeted.map(([t, n]) => `${t} ${n}`).join(", ")}`,
);
console.log(
  `Time: ${(elapsed / records.length).toFixed(2)} ms per text (${records.length} texts, ${elapsed.toFixed(0)} ms).`,
);
console.log("");
console.log("Targets:");
let met = 0;
let total = 0;
for (const type of PII_ENTITY_TYPES) {
  const c = counts[type];
  const recall = c.found / c.support;
  const precision = c.correct / c.predicted;
  const recallOk = recall >= (RECALL_TARGET[type] ?? 0);
  const precisionOk = c.predicted === 0 ? c.support === 0 : precision >= PRECISION_TARGET;
  total += 2;
  met += Number(recallOk) + Number(precisionOk);
  console.log(
    `  ${pad(type, 16)} recall ${f3(recall)} >= ${RECALL_TARGET[type].toFixed(2)} ${recallOk ? "MET   " : "MISSED"}   precision ${f3(precision)} >= ${PRECISION_TARGET.toFixed(2)} ${precisionOk ? "MET" : "MISSED"}`,
  );
}
console.log(`${met} of ${total} targets met.`);

if (SHOW_MISSES > 0) {
  for (const type of PII_ENTITY_TYPES) {
    const m = misses.get(type) ?? [];
    const fp = falsePositives.get(type) ?? [];
    if (m.length === 0 && fp.length === 0) continue;
    console.log(`\n== ${type}: ${m.length} missed, ${fp.length} false positives`);
    for (const line of m.slice(0, SHOW_MISSES)) console.log(`  miss ${line}`);
    for (const line of fp.slice(0, SHOW_MISSES)) console.log(`  fp   ${line}`);
  }
}
process.exit(0);
