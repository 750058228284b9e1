/*
 * Evaluates the offline triage classifier (server/src/server/engine/triage.ts) on tau-bench retail
 * tasks. Not a test: it prints figures and always exits 0.
 *   pnpm eval:triage [dir]     (dir resolved from the repository root; default ../shared/data/tau-retail)
 * Trains ONLY on tasks_train.jsonl and evaluates on tasks_dev.jsonl; also 5-fold cross-validation on
 * the training file, and what Keel's governance says about identity verification for each dev task.
 * The data files are read at run time; nothing of them is written into the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ACTION_IDS, ACTIONS, type TActionId } from "@keel/shared";
import {
  exampleOfTask,
  intentOfTask,
  isReadOnlyTool,
  parseTauTasks,
  TAU_ACTION_INTENTS,
  type TTauTask,
  UnknownTauActionError,
} from "../src/server/engine/tau-retail";
import {
  classify,
  foldsOf,
  LOW_CONFIDENCE,
  TRIAGE_ENGINE,
  type TTriageExample,
  type TTriageIntent,
  type TTriageResult,
  trainTriage,
} from "../src/server/engine/triage";
import { DEFAULT_POLICY_SOURCE } from "../src/server/policy/defaults/default-policy";
import { decidePolicy, initPolicyEngine, type TPolicyDecision } from "../src/server/policy/engine";

const TARGET_ACCURACY = 0.85;
const CV_FOLDS = 5;
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

const pad = (v: unknown, n: number) => String(v).padEnd(n);
const lpad = (v: unknown, n: number) => String(v).padStart(n);
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : " -  ");
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "  -  ");

type TPrediction = { gold: string; result: TTriageResult };

function load(dir: string, file: string): { tasks: TTauTask[]; skipped: string[] } {
  let tasks: TTauTask[];
  try {
    tasks = parseTauTasks(readFileSync(resolve(dir, file), "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const kept: TTauTask[] = [];
  const skipped: string[] = [];
  tasks.forEach((task, i) => {
    try {
      intentOfTask(task);
      kept.push(task);
    } catch (error) {
      if (!(error instanceof UnknownTauActionError)) throw error;
      skipped.push(`${file} task ${i + 1}: ${error.message}`);
    }
  });
  return { tasks: kept, skipped };
}

function accuracy(predictions: TPrediction[]): number {
  if (predictions.length === 0) return Number.NaN;
  return predictions.filter((p) => p.result.intent === p.gold).length / predictions.length;
}

function printLabels(train: TTauTask[], dev: TTauTask[]) {
  const count = (tasks: TTauTask[]) => {
    const actions = new Map<string, number>();
    const firsts = new Map<string, number>();
    for (const task of tasks) {
      for (const a of task.actions) actions.set(a.name, (actions.get(a.name) ?? 0) + 1);
      const intent = intentOfTask(task);
      firsts.set(intent, (firsts.get(intent) ?? 0) + 1);
    }
    return { actions, firsts };
  };
  const t = count(train);
  const d = count(dev);
  console.log(
    "Labels: the intent of a task's first consequential action (transfer last → handoff; none → info)",
  );
  console.log(
    `  ${pad("tau-bench action", 32)}${pad("intent", 24)}${lpad("calls train", 12)}${lpad("dev", 5)}${lpad("tasks train", 13)}${lpad("dev", 5)}`,
  );
  for (const [action, intent] of Object.entries(TAU_ACTION_INTENTS)) {
    console.log(
      `  ${pad(action, 32)}${pad(intent, 24)}${lpad(t.actions.get(action) ?? 0, 12)}${lpad(d.actions.get(action) ?? 0, 5)}${lpad(t.firsts.get(intent) ?? 0, 13)}${lpad(d.firsts.get(intent) ?? 0, 5)}`,
    );
  }
  console.log(
    `  ${pad("(no consequential action)", 32)}${pad("info", 24)}${lpad("", 12)}${lpad("", 5)}${lpad(t.firsts.get("info") ?? 0, 13)}${lpad(d.firsts.get("info") ?? 0, 5)}`,
  );
  const readOnly = [...new Set([...t.actions.keys(), ...d.actions.keys()].filter(isReadOnlyTool))];
  console.log(
    `  read-only tools present in the files (ignored): ${readOnly.length ? readOnly.join(", ") : "none"}`,
  );
}

function perIntent(predictions: TPrediction[]) {
  const intents = [...new Set(predictions.flatMap((p) => [p.gold, p.result.intent]))].sort();
  console.log(
    `  ${pad("intent", 24)}${lpad("precision", 10)}${lpad("recall", 8)}${lpad("support", 9)}${lpad("predicted", 11)}`,
  );
  for (const intent of intents) {
    const tp = predictions.filter((p) => p.gold === intent && p.result.intent === intent).length;
    const predicted = predictions.filter((p) => p.result.intent === intent).length;
    const support = predictions.filter((p) => p.gold === intent).length;
    console.log(
      `  ${pad(intent, 24)}${lpad(f2(predicted ? tp / predicted : Number.NaN), 10)}${lpad(f2(support ? tp / support : Number.NaN), 8)}${lpad(support, 9)}${lpad(predicted, 11)}`,
    );
  }
}

function confusions(predictions: TPrediction[]) {
  const wrong = new Map<string, number[]>();
  predictions.forEach((p, i) => {
    if (p.result.intent === p.gold) return;
    const key = `${p.gold} → ${p.result.intent}`;
    wrong.set(key, [...(wrong.get(key) ?? []), i + 1]);
  });
  if (wrong.size === 0) {
    console.log("  none");
    return;
  }
  for (const [key, tasks] of [...wrong.entries()].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${pad(key, 48)} ×${tasks.length}  (dev task ${tasks.join(", ")})`);
  }
}

const BINS = [0, 0.2, 0.4, 0.6, 0.8, 1.0000001];

function reliability(predictions: TPrediction[]) {
  return BINS.slice(0, -1).map((low, b) => {
    const high = BINS[b + 1] as number;
    const inBin = predictions.filter((p) => p.result.confidence >= low && p.result.confidence < high);
    const conf = inBin.reduce((s, p) => s + p.result.confidence, 0) / inBin.length;
    return {
      label: `${low.toFixed(1)}–${Math.min(1, high).toFixed(1)}`,
      n: inBin.length,
      conf,
      acc: accuracy(inBin),
    };
  });
}

/** Expected calibration error over the same bins. */
function ece(predictions: TPrediction[]): number {
  const total = predictions.length;
  return reliability(predictions).reduce(
    (s, r) => s + (r.n ? (r.n / total) * Math.abs(r.conf - r.acc) : 0),
    0,
  );
}

function meanConfidence(predictions: TPrediction[], correct: boolean): { mean: number; n: number } {
  const chosen = predictions.filter((p) => (p.result.intent === p.gold) === correct);
  return { mean: chosen.reduce((s, p) => s + p.result.confidence, 0) / chosen.length, n: chosen.length };
}

// ---- governance: identity verification --------------------------------------------------------------

/**
 * The catalog action (shared/src/actions.ts) that carries out each retail intent today, if any.
 * Only order.cancel exists; the other retail changes have no catalog action yet (order.refund moves money
 * but does not return items, so it is not counted as the return action).
 */
const CATALOG_ACTION: Record<TTriageIntent, TActionId | "none yet" | "n/a"> = {
  "order.cancel": "order.cancel",
  "order.return": "none yet",
  "order.exchange": "none yet",
  "order.modify_items": "none yet",
  "order.modify_address": "none yet",
  "order.modify_payment": "none yet",
  "account.modify_address": "none yet",
  handoff: "n/a",
  info: "n/a",
};

function decide(action: TActionId, customerVerified: boolean): TPolicyDecision {
  return decidePolicy({
    tenantId: "eval",
    policy: { version: null, source: DEFAULT_POLICY_SOURCE },
    principal: { userId: "eval-agent", role: "agent" },
    action,
    risk: ACTIONS[action].risk,
    params: {},
    context: {
      customerVerified,
      customerTier: "standard",
      rolloutMode: "controlled",
      amount: 10,
      currency: "USD",
    },
  });
}

/** "yes" when Keel's default policy denies the action for an unverified customer and not for a verified one. */
function verificationRequired(action: TActionId): { required: boolean; detail: string } {
  const unverified = decide(action, false);
  const verified = decide(action, true);
  const required = unverified.effect === "deny" && verified.effect !== "deny";
  return {
    required,
    detail: `unverified → ${unverified.effect} (${unverified.ruleIds.join(", ") || "-"}), verified → ${verified.effect}`,
  };
}

function printIdentity(dev: TTauTask[], predictions: TPrediction[]) {
  console.log("Identity verification before each consequential action (dev)");
  console.log(
    "  Keel column: what Keel's governance enforces today, i.e. the catalog action for the intent and whether",
  );
  console.log(
    "  the built-in Cedar policy (policy/defaults/default-policy.ts) denies it for an unverified customer",
  );
  console.log(
    "  (role agent, standard tier, controlled rollout). tau column: tau-bench's retail policy, which requires",
  );
  console.log("  authenticating the user (email, or name + zip) before any action.");
  const verdicts = new Map<TActionId, ReturnType<typeof verificationRequired>>();
  for (const id of ACTION_IDS) verdicts.set(id, verificationRequired(id));
  const requiredByPolicy = ACTION_IDS.filter((id) => verdicts.get(id)?.required);
  console.log(
    `  catalog actions the default policy gates on verification: ${requiredByPolicy.join(", ") || "none"}`,
  );
  const cancel = verdicts.get("order.cancel");
  if (cancel) console.log(`  order.cancel under the default policy: ${cancel.detail}`);
  console.log("");
  console.log(
    `  ${lpad("#", 3)}  ${pad("gold intent", 22)}${pad("catalog action", 16)}${pad("Keel requires", 15)}${pad("tau requires", 14)}${pad("predicted intent → catalog", 30)}`,
  );
  let consequentialTasks = 0;
  let withCatalog = 0;
  let keelRequires = 0;
  let predictedSameGovernance = 0;
  dev.forEach((task, i) => {
    const gold = intentOfTask(task);
    const consequential = gold !== "info";
    const catalog = CATALOG_ACTION[gold];
    const keel =
      catalog === "n/a"
        ? "n/a"
        : catalog === "none yet"
          ? "no action"
          : verdicts.get(catalog)?.required
            ? "yes"
            : "no";
    if (consequential) consequentialTasks += 1;
    if (catalog !== "n/a" && catalog !== "none yet") withCatalog += 1;
    if (keel === "yes") keelRequires += 1;
    const predicted = predictions[i]?.result.intent as TTriageIntent | undefined;
    const predictedCatalog = predicted ? (CATALOG_ACTION[predicted] ?? "none yet") : "-";
    if (predictedCatalog === catalog) predictedSameGovernance += 1;
    console.log(
      `  ${lpad(i + 1, 3)}  ${pad(gold, 22)}${pad(catalog, 16)}${pad(keel, 15)}${pad(consequential ? "yes" : "n/a", 14)}${pad(`${predicted ?? "-"} → ${predictedCatalog}`, 30)}`,
    );
  });
  const actions = dev.flatMap((t) => t.actions.filter((a) => !isReadOnlyTool(a.name)));
  const actionCatalog = actions.map((a) => {
    const intent = TAU_ACTION_INTENTS[a.name];
    return intent ? CATALOG_ACTION[intent] : "none yet";
  });
  const actionsWithCatalog = actionCatalog.filter((c) => c !== "none yet" && c !== "n/a") as TActionId[];
  const actionsRequiring = actionsWithCatalog.filter((c) => verdicts.get(c)?.required).length;
  console.log("");
  console.log(
    `  tasks: ${consequentialTasks} of ${dev.length} dev tasks have a consequential action; ${withCatalog} map to a catalog action; Keel's default policy requires a verified customer for ${keelRequires}; tau-bench requires it for all ${consequentialTasks}.`,
  );
  console.log(
    `  actions: ${actions.length} consequential calls in the dev tasks; ${actionsWithCatalog.length} have a catalog action; ${actionsRequiring} would be refused for an unverified customer.`,
  );
  console.log(
    `  the predicted intent reaches the same catalog action as the gold one (or the same absence of one) in ${predictedSameGovernance} of ${dev.length} tasks.`,
  );
  console.log(
    "  Not scored here: the escalation rule identity_verification_needed (services/escalation.ts) flags an",
  );
  console.log(
    "  unverified customer whose text mentions a refund, a card, a password or ownership, at escalation time;",
  );
  console.log("  it advises, it does not block an action.");
}

// ---- main ------------------------------------------------------------------------------------------------

async function main() {
  const dir = resolve(REPO_ROOT, process.argv[2] ?? "../shared/data/tau-retail");
  console.log(`Keel offline triage evaluation (${TRIAGE_ENGINE.id} ${TRIAGE_ENGINE.version})`);
  console.log(`data: ${dir} (read at run time)`);
  for (const file of ["tasks_train.jsonl", "tasks_dev.jsonl"]) {
    if (!existsSync(resolve(dir, file))) {
      console.log(`missing ${resolve(dir, file)}: nothing to evaluate`);
      return;
    }
  }
  const trainFile = load(dir, "tasks_train.jsonl");
  const devFile = load(dir, "tasks_dev.jsonl");
  for (const s of [...trainFile.skipped, ...devFile.skipped]) console.log(`skipped: ${s}`);
  const train = trainFile.tasks.map(exampleOfTask);
  const devTasks = devFile.tasks;
  const dev = devTasks.map(exampleOfTask);
  console.log(`train: tasks_train.jsonl, ${train.length} tasks   dev: tasks_dev.jsonl, ${dev.length} tasks`);
  console.log("");
  printLabels(trainFile.tasks, devTasks);
  console.log("");

  const started = performance.now();
  const model = trainTriage(train);
  const trainMs = performance.now() - started;
  console.log(
    `Model: multinomial logistic regression, TF-IDF over words, word pairs and opening words; ${model.features.length} features kept by χ² of ${model.trainedOn.candidateFeatures}; ${model.intents.length} intents`,
  );
  console.log(
    `  calibration (out-of-fold, train only): temperature ${model.temperature.toFixed(2)}, evidence scale ${model.evidenceScale}; trained in ${(trainMs / 1000).toFixed(1)} s`,
  );
  console.log("  settings chosen on 5-fold cross-validation of the training file only");
  model.intents.forEach((intent, k) => {
    const weights = model.weights[k] ?? [];
    const top = weights
      .map((w, j) => ({ w, f: model.features[j] ?? "" }))
      .sort((a, b) => b.w - a.w)
      .slice(0, 6)
      .map((x) => x.f);
    console.log(`  ${pad(intent, 22)} strongest features: ${top.join(", ")}`);
  });
  console.log('  (features are stems; "^word" = the word in the first sentence; ordid = an order id)');
  const unseen = [...new Set(dev.map((e) => e.intent))].filter((i) => !model.intents.includes(i));
  console.log("");

  const devPredictions: TPrediction[] = dev.map((e) => ({ gold: e.intent, result: classify(model, e.text) }));
  const devAccuracy = accuracy(devPredictions);
  const correct = devPredictions.filter((p) => p.result.intent === p.gold).length;

  // 5-fold cross-validation on the training file (stratified, seeded); each fold calibrates on its own part.
  const folds = foldsOf(
    train.map((e) => e.intent),
    CV_FOLDS,
    7,
  );
  const cvPredictions: TPrediction[] = [];
  const foldAccuracy: number[] = [];
  for (let f = 0; f < CV_FOLDS; f += 1) {
    const part = trainTriage(train.filter((_, i) => folds[i] !== f));
    const held: TPrediction[] = train
      .filter((_, i) => folds[i] === f)
      .map((e: TTriageExample) => ({ gold: e.intent, result: classify(part, e.text) }));
    foldAccuracy.push(accuracy(held));
    cvPredictions.push(...held);
  }
  const cvMean = foldAccuracy.reduce((a, b) => a + b, 0) / foldAccuracy.length;
  const cvSd = Math.sqrt(foldAccuracy.reduce((s, a) => s + (a - cvMean) ** 2, 0) / foldAccuracy.length);

  console.log("Summary");
  console.log(
    `  dev accuracy                 ${f3(devAccuracy)}  (${correct}/${dev.length})   target ≥ ${TARGET_ACCURACY}: ${devAccuracy >= TARGET_ACCURACY ? "MET" : "MISSED"}`,
  );
  console.log(
    `  5-fold CV accuracy (train)   ${f3(cvMean)} ± ${f3(cvSd)}  (folds ${foldAccuracy.map(f3).join(", ")}; ${cvPredictions.length} held-out tasks)`,
  );
  if (unseen.length) {
    const n = dev.filter((e) => unseen.includes(e.intent)).length;
    console.log(
      `  dev intents absent from training: ${unseen.join(", ")} (${n} task${n === 1 ? "" : "s"}): the model cannot predict them`,
    );
  }
  console.log("");

  console.log("Per intent (dev)");
  perIntent(devPredictions);
  console.log("");
  console.log("Confusions (dev): gold → predicted");
  confusions(devPredictions);
  console.log("");

  const dc = meanConfidence(devPredictions, true);
  const dw = meanConfidence(devPredictions, false);
  const cc = meanConfidence(cvPredictions, true);
  const cw = meanConfidence(cvPredictions, false);
  console.log("Mean confidence");
  console.log(`  ${pad("", 14)}${lpad("correct", 16)}${lpad("wrong", 16)}`);
  console.log(
    `  ${pad("dev", 14)}${lpad(`${f2(dc.mean)} (n=${dc.n})`, 16)}${lpad(`${f2(dw.mean)} (n=${dw.n})`, 16)}`,
  );
  console.log(
    `  ${pad("train 5-fold", 14)}${lpad(`${f2(cc.mean)} (n=${cc.n})`, 16)}${lpad(`${f2(cw.mean)} (n=${cw.n})`, 16)}`,
  );
  console.log("");

  console.log("Reliability: predictions grouped by confidence; a calibrated model has accuracy ≈ confidence");
  const rd = reliability(devPredictions);
  const rc = reliability(cvPredictions);
  console.log(
    `  ${pad("confidence", 12)}${lpad("dev n", 7)}${lpad("mean conf", 11)}${lpad("accuracy", 10)}   ${lpad("CV n", 6)}${lpad("mean conf", 11)}${lpad("accuracy", 10)}`,
  );
  rd.forEach((r, b) => {
    const c = rc[b];
    console.log(
      `  ${pad(r.label, 12)}${lpad(r.n, 7)}${lpad(f2(r.conf), 11)}${lpad(f2(r.acc), 10)}   ${lpad(c?.n ?? 0, 6)}${lpad(f2(c?.conf ?? Number.NaN), 11)}${lpad(f2(c?.acc ?? Number.NaN), 10)}`,
    );
  });
  console.log(
    `  expected calibration error: dev ${f3(ece(devPredictions))}, train 5-fold ${f3(ece(cvPredictions))}`,
  );
  const sure = devPredictions.filter((p) => p.result.confidence >= LOW_CONFIDENCE);
  const sureCv = cvPredictions.filter((p) => p.result.confidence >= LOW_CONFIDENCE);
  console.log(
    `  confidence ≥ ${LOW_CONFIDENCE} (the rest goes to a person): dev ${sure.length}/${dev.length} tasks at accuracy ${f2(accuracy(sure))}; train 5-fold ${sureCv.length}/${cvPredictions.length} at ${f2(accuracy(sureCv))}`,
  );
  console.log("");

  console.log("Dev predictions");
  console.log(
    `  ${lpad("#", 3)}  ${pad("gold", 22)}${pad("predicted", 22)}${lpad("conf", 5)}  ${pad("priority", 9)}${pad("queue", 12)}${pad("runner-up", 26)}`,
  );
  devPredictions.forEach((p, i) => {
    const alt = p.result.alternatives[0];
    console.log(
      `  ${lpad(i + 1, 3)}  ${pad(p.gold, 22)}${pad(`${p.result.intent}${p.result.intent === p.gold ? "" : " ✗"}`, 22)}${lpad(f2(p.result.confidence), 5)}  ${pad(p.result.priority, 9)}${pad(p.result.queue, 12)}${pad(alt ? `${alt.intent} ${f2(alt.confidence)}` : "-", 26)}`,
    );
  });
  console.log("");

  await initPolicyEngine();
  printIdentity(devTasks, devPredictions);
}

main()
  .catch((error: unknown) => {
    console.log(`eval-triage failed: ${error instanceof Error ? error.message : String(error)}`);
  })
  .finally(() => {
    process.exitCode = 0;
  });
