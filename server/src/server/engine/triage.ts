import type { QUEUES } from "@keel/shared";

/*
 * The offline engine's triage classifier (issue 5; docs/decisions/013-offline-triage.md). Pure,
 * deterministic, no network: it learns a ticket's intent from labelled examples in-process and
 * suggests a priority and a queue.
 *
 *   text ─ stripIdentityPreamble ─ normalise (order ids, payment ids, amounts, e-mails) ─ sentences
 *        ─ content words ─ light stemmer ─ features: words, in-sentence word pairs, and the first
 *          sentence's words again as "^word" (a ticket's opening usually states its request)
 *        ─ χ² feature selection (the `maxFeatures` most intent-bound features) ─ TF-IDF (sublinear tf,
 *          L2-normalised)
 *        ─ multinomial logistic regression (L2, full-batch gradient descent with Nesterov momentum)
 *        ─ calibration: temperature and evidence scale fitted on out-of-fold predictions of the training
 *          set; the probabilities are shrunk towards uniform when the text has few cue words or is mostly
 *          made of words never seen in training
 *
 * The model is plain JSON (`TriageModel`); `classify` needs nothing else. Priority and queue are
 * documented rules on the intent and on cues in the text (`PRIORITY_RULES` below).
 */

export const TRIAGE_ENGINE = { id: "keel-triage", version: "1.0.0" } as const;
export const TRIAGE_MODEL_FORMAT = "keel.triage/v1";

/** The retail intents (derived from tau-bench retail; see tau-retail.ts for the mapping). */
export const TRIAGE_INTENTS = [
  "order.cancel",
  "order.return",
  "order.exchange",
  "order.modify_items",
  "order.modify_address",
  "order.modify_payment",
  "account.modify_address",
  "handoff",
  "info",
] as const;
export type TTriageIntent = (typeof TRIAGE_INTENTS)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TPriority = (typeof PRIORITIES)[number];
export type TQueue = (typeof QUEUES)[number];

export type TTriageExample = { text: string; intent: string };

export type TTriageOptions = {
  /** Keep features seen in at least this many training texts (default 2). */
  minDf?: number;
  /** Add in-sentence word pairs as features (default true). */
  bigrams?: boolean;
  /** Add the first sentence's words again, marked "^word": the opening states the request (default true). */
  opening?: boolean;
  /** Keep this many features, those most bound to one intent (χ²); 0 keeps all (default 50). */
  maxFeatures?: number;
  /** L2 penalty on the weights (default 1e-4). */
  l2?: number;
  /** Gradient-descent iterations (default 300). */
  iterations?: number;
  /** Learning rate (default 1). Features are L2-normalised, so 1 is stable. */
  learningRate?: number;
  /**
   * Fit the temperature and evidence scale on out-of-fold predictions (default true); false keeps
   * `temperature` and `evidenceScale`.
   */
  calibrate?: boolean;
  /** Folds for the calibration's out-of-fold predictions (default 5). */
  calibrationFolds?: number;
  /** A fixed temperature, used when calibrate is false (default 1). */
  temperature?: number;
  /** Cue words for which the evidence weight reaches 1 − 1/e, when calibrate is false (default 2). */
  evidenceScale?: number;
  /** Seed of the fold shuffle (default 1). */
  seed?: number;
};

type TResolvedOptions = Required<TTriageOptions>;

const DEFAULT_OPTIONS: TResolvedOptions = {
  minDf: 2,
  bigrams: true,
  opening: true,
  maxFeatures: 50,
  l2: 1e-4,
  iterations: 300,
  learningRate: 1,
  calibrate: true,
  calibrationFolds: 5,
  temperature: 1,
  evidenceScale: 2,
  seed: 1,
};

/** A trained model: plain JSON, safe to store and reload (`JSON.parse(JSON.stringify(model))`). */
export type TriageModel = {
  format: typeof TRIAGE_MODEL_FORMAT;
  engine: string;
  /** Intents the model knows, most frequent in training first (ties by name). */
  intents: string[];
  /** Feature strings: stemmed words and "word word" pairs, sorted. */
  features: string[];
  idf: number[];
  /** weights[intent][feature] */
  weights: number[][];
  bias: number[];
  temperature: number;
  evidenceScale: number;
  /** Single words seen in training (features or not): the share of a text's words found here is its coverage. */
  lexicon: string[];
  bigrams: boolean;
  opening: boolean;
  /** Training set size, per intent, and the number of candidate features before selection. */
  trainedOn: { examples: number; perIntent: Record<string, number>; candidateFeatures: number };
};

export type TTriageAlternative = { intent: string; confidence: number };

export type TTriageResult = {
  intent: string;
  /** Calibrated probability that `intent` is right (0..1). */
  confidence: number;
  /** The other intents, most likely first. */
  alternatives: TTriageAlternative[];
  priority: TPriority;
  queue: TQueue;
  reasons: string[];
};

// ---- text ------------------------------------------------------------------------------------------

/** Opening of a sentence that only identifies the writer ("Your name is …", "My e-mail is …"). */
const IDENTITY_START =
  /^(?:your|my) (?:full )?name is\b|^(?:your|my) (?:e-?mail(?: address)?|zip(?: code)?|post ?code|user ?(?:id|name)|phone(?: number)?|customer (?:id|number)|account (?:id|number))\b/i;

/** Where a request continues inside an identity sentence: "… and you want to …". */
const REQUEST_CONTINUES = /\b(?:and|but|so)\s+(?:you|i)(?:'d|\s+would|\s+wants?|\s+needs?|\s+wish)\b/i;

const DEGREE =
  "(?:very|quite|rather|really|extremely|somewhat|fairly|pretty|a bit|a little|generally|usually)";
/**
 * A persona sentence: "You are A, B and C." / "You're very D." — only a list of (adverb +) adjective
 * items, so "You are sure the item was broken." or "You are moving house." stay.
 */
const PERSONA = new RegExp(
  `^you(?:\\s+are|'re)\\s+(?:${DEGREE}\\s+)?[a-z-]+(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)(?:${DEGREE}\\s+)?[a-z-]+)*\\s*[.!]?$`,
  "i",
);

/** Splits on sentence ends; e-mail addresses and decimals (no space after the dot) stay whole. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Removes what identifies or characterises the writer rather than the request: sentences that state a
 * name, e-mail, zip code or id, and persona sentences ("You are outgoing, flexible."). A request that
 * continues inside an identity sentence ("… and you want to cancel …") is kept.
 */
export function stripIdentityPreamble(text: string): string {
  const kept: string[] = [];
  for (const sentence of sentencesOf(text)) {
    if (IDENTITY_START.test(sentence)) {
      const rest = REQUEST_CONTINUES.exec(sentence);
      if (rest) kept.push(sentence.slice(rest.index).replace(/^(?:and|but|so)\s+/i, ""));
      continue;
    }
    if (PERSONA.test(sentence)) continue;
    kept.push(sentence);
  }
  return kept.join(" ");
}

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be been before being below between both but
  by can could did do does doing down during each few for from further had has have having he her here hers him
  his how i if in into is it its itself just me more most my myself nor now of off on once only or other our ours
  out over own same she should so some such than that the their theirs them then there these they this those
  through to too under until up very was we were what when where which while who whom why will with would you your
  yours yourself also get got please hi hello thanks thank dear regards cheers us let know may might shall
  im ive id ca wo like want wanna realize realise`.split(/\s+/),
);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Replaces identifiers and amounts with placeholders, drops e-mail addresses, lower-cases. */
function normalise(text: string): string {
  return text
    .replace(EMAIL, " ")
    .replace(/\b(credit|gift)_card_\d+\b/gi, " $1 card ")
    .replace(/\bpaypal_\d+\b/gi, " paypal ")
    .replace(/#?\b[Ww]\d{5,}\b/g, " ordid ")
    .replace(/#[A-Z]{0,4}-?\d{3,}\b/g, " ordid ")
    .replace(/[$€£]\s?\d[\d,]*(?:\.\d+)?/g, " money ")
    .replace(/n't\b/gi, " not")
    .replace(/'(?:s|re|ve|d|ll|m)\b/gi, " ")
    .toLowerCase();
}

/** A light suffix stemmer: "cancelled"/"cancellation" → "cancel", "exchanging"/"exchange" → "exchang". */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  let cut = false;
  const strip = (suffix: string, replacement = "") => {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + replacement;
      cut = true;
      return true;
    }
    return false;
  };
  if (
    !strip("ication", "y") &&
    !strip("ations") &&
    !strip("ation") &&
    !strip("ies", "y") &&
    !strip("ied", "y")
  ) {
    if (!strip("ing") && !strip("ed")) {
      if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) strip("s");
    }
  }
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  if (cut && /([b-df-hj-np-tv-z])\1$/.test(w) && !w.endsWith("ss")) w = w.slice(0, -1);
  return w;
}

type TToken = { stem: string; surface: string };

/** Content words per sentence (bigrams never cross a sentence or clause end). */
function tokenise(text: string): TToken[][] {
  const out: TToken[][] = [];
  for (const part of normalise(text).split(/[.!?;:\n]+/)) {
    const words = part.match(/[a-z]+|\d[\d.,]*[a-z]*/g) ?? [];
    const tokens: TToken[] = [];
    for (const raw of words) {
      if (/^\d/.test(raw)) {
        tokens.push({ stem: "num", surface: raw });
        continue;
      }
      if (raw.length < 2 || STOPWORDS.has(raw)) continue;
      tokens.push({ stem: stemWord(raw), surface: raw });
    }
    if (tokens.length) out.push(tokens);
  }
  return out;
}

type TFeatureCounts = { counts: Map<string, number>; surfaces: Map<string, string>; words: number };

function extract(text: string, bigrams: boolean, opening: boolean): TFeatureCounts {
  const counts = new Map<string, number>();
  const surfaces = new Map<string, string>();
  let words = 0;
  const add = (feature: string, surface: string) => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
    if (!surfaces.has(feature)) surfaces.set(feature, surface);
  };
  tokenise(stripIdentityPreamble(text)).forEach((sentence, s) => {
    sentence.forEach((token, i) => {
      words += 1;
      add(token.stem, token.surface);
      if (opening && s === 0) add(`^${token.stem}`, token.surface);
      const next = sentence[i + 1];
      if (bigrams && next) add(`${token.stem} ${next.stem}`, `${token.surface} ${next.surface}`);
    });
  });
  return { counts, surfaces, words };
}

// ---- vectors ---------------------------------------------------------------------------------------

type TSparse = { index: number[]; value: number[] };
type TVectorised = TSparse & {
  /** Distinct single words of the text that are model features (the cues it can weigh). */
  cueWords: number;
  /** Share of the text's words seen in training (the lexicon), 0..1. */
  coverage: number;
  surfaces: Map<number, string>;
};

type TVocabulary = {
  features: string[];
  /** Features with df ≥ minDf before the χ² selection. */
  candidates: number;
  idf: number[];
  lookup: Map<string, number>;
  /** Every single word seen in at least minDf training texts, features or not. */
  lexicon: Set<string>;
};

function buildVocabulary(
  docs: TFeatureCounts[],
  labels: readonly number[],
  classes: number,
  options: Pick<TResolvedOptions, "minDf" | "maxFeatures">,
): TVocabulary {
  const df = new Map<string, number>();
  const dfByClass = new Map<string, number[]>();
  const perClass = new Array<number>(classes).fill(0);
  docs.forEach((doc, i) => {
    const label = labels[i] ?? 0;
    perClass[label] = (perClass[label] ?? 0) + 1;
    for (const f of doc.counts.keys()) {
      df.set(f, (df.get(f) ?? 0) + 1);
      let row = dfByClass.get(f);
      if (!row) {
        row = new Array<number>(classes).fill(0);
        dfByClass.set(f, row);
      }
      row[label] = (row[label] ?? 0) + 1;
    }
  });
  const n = docs.length;
  let features = [...df.entries()].filter(([, count]) => count >= options.minDf).map(([f]) => f);
  const lexicon = new Set(features.filter(isWordFeature));
  const candidates = features.length;
  if (options.maxFeatures > 0 && features.length > options.maxFeatures) {
    // χ² of feature presence against each intent; a feature keeps its best intent's score.
    const score = (f: string) => {
      const row = dfByClass.get(f) ?? [];
      const total = df.get(f) ?? 0;
      let best = 0;
      for (let c = 0; c < classes; c += 1) {
        const a = row[c] ?? 0; // in class, has feature
        const b = total - a; // other classes, has feature
        const cc = (perClass[c] ?? 0) - a; // in class, lacks it
        const d = n - total - cc; // other classes, lacks it
        const denominator = (a + b) * (cc + d) * (a + cc) * (b + d);
        if (denominator > 0) best = Math.max(best, (n * (a * d - b * cc) ** 2) / denominator);
      }
      return best;
    };
    const scored = features.map((f) => ({ f, s: score(f) }));
    scored.sort((x, y) => y.s - x.s || (x.f < y.f ? -1 : x.f > y.f ? 1 : 0));
    features = scored.slice(0, options.maxFeatures).map((x) => x.f);
  }
  features.sort();
  const idf = features.map((f) => Math.log((1 + n) / (1 + (df.get(f) ?? 0))) + 1);
  return { features, candidates, idf, lookup: new Map(features.map((f, i) => [f, i])), lexicon };
}

/** A single word, not a word pair or an opening-word feature. */
function isWordFeature(feature: string): boolean {
  return !feature.includes(" ") && !feature.startsWith("^");
}

function vectorise(doc: TFeatureCounts, vocab: Pick<TVocabulary, "idf" | "lookup" | "lexicon">): TVectorised {
  const pairs: [number, number][] = [];
  const surfaces = new Map<number, string>();
  let cueWords = 0;
  let seen = 0;
  for (const [feature, count] of doc.counts) {
    if (isWordFeature(feature) && vocab.lexicon.has(feature)) seen += count;
    const index = vocab.lookup.get(feature);
    if (index === undefined) continue;
    pairs.push([index, (1 + Math.log(count)) * (vocab.idf[index] ?? 1)]);
    surfaces.set(index, doc.surfaces.get(feature) ?? feature);
    if (isWordFeature(feature)) cueWords += 1;
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(pairs.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return {
    index: pairs.map(([i]) => i),
    value: pairs.map(([, v]) => v / norm),
    cueWords,
    coverage: doc.words ? seen / doc.words : 0,
    surfaces,
  };
}

// ---- multinomial logistic regression -------------------------------------------------------------------

function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function logitsOf(x: TSparse, weights: ArrayLike<number>[], bias: readonly number[]): number[] {
  return bias.map((b, k) => {
    const w = weights[k];
    let s = b;
    if (w)
      for (let j = 0; j < x.index.length; j += 1) s += (w[x.index[j] as number] ?? 0) * (x.value[j] ?? 0);
    return s;
  });
}

/** Minimises mean cross-entropy + l2/2·|W|² by full-batch gradient descent with Nesterov momentum. */
function fitSoftmax(
  xs: TSparse[],
  ys: number[],
  classes: number,
  dims: number,
  options: TResolvedOptions,
): { weights: Float64Array[]; bias: number[] } {
  const weights = Array.from({ length: classes }, () => new Float64Array(dims));
  const velocity = Array.from({ length: classes }, () => new Float64Array(dims));
  const bias = new Array<number>(classes).fill(0);
  const biasVelocity = new Array<number>(classes).fill(0);
  const lookahead = Array.from({ length: classes }, () => new Float64Array(dims));
  const grad = Array.from({ length: classes }, () => new Float64Array(dims));
  const n = xs.length;
  const momentum = 0.9;
  const rate = options.learningRate;
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    for (let k = 0; k < classes; k += 1) {
      const w = weights[k] as Float64Array;
      const v = velocity[k] as Float64Array;
      const l = lookahead[k] as Float64Array;
      for (let j = 0; j < dims; j += 1) l[j] = (w[j] as number) + momentum * (v[j] as number);
      (grad[k] as Float64Array).fill(0);
    }
    const lookBias = bias.map((b, k) => b + momentum * (biasVelocity[k] as number));
    const biasGrad = new Array<number>(classes).fill(0);
    for (let i = 0; i < n; i += 1) {
      const x = xs[i] as TSparse;
      const p = softmax(logitsOf(x, lookahead, lookBias));
      for (let k = 0; k < classes; k += 1) {
        const error = ((p[k] as number) - (ys[i] === k ? 1 : 0)) / n;
        biasGrad[k] = (biasGrad[k] as number) + error;
        const g = grad[k] as Float64Array;
        for (let j = 0; j < x.index.length; j += 1) {
          const index = x.index[j] as number;
          g[index] = (g[index] as number) + error * (x.value[j] as number);
        }
      }
    }
    for (let k = 0; k < classes; k += 1) {
      const w = weights[k] as Float64Array;
      const v = velocity[k] as Float64Array;
      const l = lookahead[k] as Float64Array;
      const g = grad[k] as Float64Array;
      for (let j = 0; j < dims; j += 1) {
        const step = momentum * (v[j] as number) - rate * ((g[j] as number) + options.l2 * (l[j] as number));
        v[j] = step;
        w[j] = (w[j] as number) + step;
      }
      const biasStep = momentum * (biasVelocity[k] as number) - rate * (biasGrad[k] as number);
      biasVelocity[k] = biasStep;
      bias[k] = (bias[k] as number) + biasStep;
    }
  }
  return { weights, bias };
}

// ---- confidence ------------------------------------------------------------------------------------

/**
 * How much the text's own words can be trusted, 0..1: grows with the number of cue words the model knows
 * (1 − e^(−cues/scale)), and is halved, at most, when most of the text's words were never seen in
 * training (the text is unlike the training data, so the cues it has may mislead).
 */
function evidenceOf(x: Pick<TVectorised, "cueWords" | "coverage">, scale: number): number {
  if (x.cueWords === 0) return 0;
  return (1 - Math.exp(-x.cueWords / scale)) * (0.5 + 0.5 * x.coverage);
}

/** Temperature-scaled softmax, shrunk towards uniform by the evidence weight. */
function probabilities(logits: readonly number[], temperature: number, evidence: number): number[] {
  const p = softmax(logits.map((z) => z / temperature));
  const uniform = 1 / p.length;
  return p.map((v) => evidence * v + (1 - evidence) * uniform);
}

/** Deterministic PRNG (mulberry32) for the fold shuffle. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold number of each example: a seeded shuffle, then round-robin within each intent (stratified). */
export function foldsOf(labels: readonly string[], folds: number, seed = 1): number[] {
  const next = random(seed);
  const order = labels.map((label, i) => ({ label, i, r: next() }));
  order.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.r - b.r));
  const out = new Array<number>(labels.length).fill(0);
  order.forEach((item, position) => {
    out[item.i] = position % folds;
  });
  return out;
}

const TEMPERATURES = Array.from({ length: 61 }, (_, i) => Math.exp(Math.log(0.25) + (i / 60) * Math.log(64)));
/**
 * Evidence scales tried by the calibration. The floor of 1 is a choice, not a fit: one cue word never
 * carries more than 63% of the model's own certainty (the rest is spread evenly over the intents),
 * however reliable single words were in training; two carry at most 86%, three 95%.
 */
const EVIDENCE_SCALES = [1, 1.5, 2, 3, 4];

type THeldOut = { logits: number[]; x: Pick<TVectorised, "cueWords" | "coverage">; label: number };

/**
 * The temperature (0.25..16) and evidence scale with the lowest negative log-likelihood on held-out
 * predictions.
 */
function fitCalibration(
  heldOut: THeldOut[],
  fallback: { temperature: number; evidenceScale: number },
): { temperature: number; evidenceScale: number } {
  if (heldOut.length === 0) return fallback;
  let best = fallback;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const evidenceScale of EVIDENCE_SCALES) {
    const evidence = heldOut.map((h) => evidenceOf(h.x, evidenceScale));
    for (const temperature of TEMPERATURES) {
      let loss = 0;
      heldOut.forEach((h, i) => {
        const p = probabilities(h.logits, temperature, evidence[i] ?? 0)[h.label] ?? 0;
        loss -= Math.log(Math.max(1e-12, p));
      });
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        best = { temperature, evidenceScale };
      }
    }
  }
  return best;
}

// ---- training --------------------------------------------------------------------------------------

type TFitted = { vocab: TVocabulary; intents: string[]; weights: Float64Array[]; bias: number[] };

function intentOrder(examples: readonly TTriageExample[]): {
  intents: string[];
  perIntent: Record<string, number>;
} {
  const perIntent: Record<string, number> = {};
  for (const e of examples) perIntent[e.intent] = (perIntent[e.intent] ?? 0) + 1;
  const intents = Object.keys(perIntent).sort(
    (a, b) => (perIntent[b] ?? 0) - (perIntent[a] ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return { intents, perIntent };
}

function fit(
  examples: readonly TTriageExample[],
  docs: TFeatureCounts[],
  options: TResolvedOptions,
): TFitted {
  const { intents } = intentOrder(examples);
  const ys = examples.map((e) => intents.indexOf(e.intent));
  const vocab = buildVocabulary(docs, ys, intents.length, options);
  const xs = docs.map((d) => vectorise(d, vocab));
  const { weights, bias } = fitSoftmax(xs, ys, intents.length, vocab.features.length, options);
  return { vocab, intents, weights, bias };
}

/**
 * Trains the triage model on labelled texts. Deterministic: the same examples and options give the same
 * model. With `calibrate` (default), the temperature and evidence scale are those that best fit
 * out-of-fold predictions of the same examples (k-fold, stratified, seeded).
 */
export function trainTriage(examples: readonly TTriageExample[], options: TTriageOptions = {}): TriageModel {
  const o: TResolvedOptions = { ...DEFAULT_OPTIONS, ...options };
  const usable = examples.filter(
    (e) => typeof e.text === "string" && typeof e.intent === "string" && e.intent,
  );
  if (usable.length === 0) throw new Error("trainTriage needs at least one labelled example");
  const docs = usable.map((e) => extract(e.text, o.bigrams, o.opening));
  const fitted = fit(usable, docs, o);
  const { perIntent } = intentOrder(usable);

  let calibration = { temperature: o.temperature, evidenceScale: o.evidenceScale };
  const folds = Math.min(o.calibrationFolds, usable.length);
  if (o.calibrate && folds >= 2 && fitted.intents.length >= 2) {
    const fold = foldsOf(
      usable.map((e) => e.intent),
      folds,
      o.seed,
    );
    const heldOut: THeldOut[] = [];
    for (let f = 0; f < folds; f += 1) {
      const trainIdx = usable.map((_, i) => i).filter((i) => fold[i] !== f);
      const testIdx = usable.map((_, i) => i).filter((i) => fold[i] === f);
      if (testIdx.length === 0 || trainIdx.length === 0) continue;
      const part = fit(
        trainIdx.map((i) => usable[i] as TTriageExample),
        trainIdx.map((i) => docs[i] as TFeatureCounts),
        o,
      );
      for (const i of testIdx) {
        const label = part.intents.indexOf((usable[i] as TTriageExample).intent);
        if (label < 0) continue; // an intent absent from this fold's training part
        const x = vectorise(docs[i] as TFeatureCounts, part.vocab);
        heldOut.push({ logits: logitsOf(x, part.weights, part.bias), x, label });
      }
    }
    calibration = fitCalibration(heldOut, calibration);
  }

  return {
    format: TRIAGE_MODEL_FORMAT,
    engine: TRIAGE_ENGINE.version,
    intents: fitted.intents,
    features: fitted.vocab.features,
    idf: fitted.vocab.idf,
    weights: fitted.weights.map((w) => Array.from(w)),
    bias: fitted.bias,
    temperature: calibration.temperature,
    evidenceScale: calibration.evidenceScale,
    lexicon: [...fitted.vocab.lexicon].sort(),
    bigrams: o.bigrams,
    opening: o.opening,
    trainedOn: { examples: usable.length, perIntent, candidateFeatures: fitted.vocab.candidates },
  };
}

/** Checks a parsed JSON value is a triage model this engine can use. */
export function loadTriageModel(json: unknown): TriageModel {
  const m = json as Partial<TriageModel> | null;
  const ok =
    m !== null &&
    typeof m === "object" &&
    m.format === TRIAGE_MODEL_FORMAT &&
    Array.isArray(m.intents) &&
    Array.isArray(m.features) &&
    Array.isArray(m.idf) &&
    m.idf.length === m.features.length &&
    Array.isArray(m.weights) &&
    m.weights.length === m.intents.length &&
    m.weights.every((w) => Array.isArray(w) && w.length === m.features?.length) &&
    Array.isArray(m.bias) &&
    m.bias.length === m.intents.length &&
    typeof m.temperature === "number" &&
    m.temperature > 0 &&
    typeof m.evidenceScale === "number" &&
    m.evidenceScale > 0 &&
    Array.isArray(m.lexicon) &&
    typeof m.bigrams === "boolean" &&
    typeof m.opening === "boolean";
  if (!ok) throw new Error(`Not a ${TRIAGE_MODEL_FORMAT} model`);
  return m as TriageModel;
}

// ---- priority and queue rules -------------------------------------------------------------------------

/**
 * Priority and queue rules (docs/decisions/013-offline-triage.md), applied in this order:
 *   1. by intent: changes to a pending order (cancel, modify items/address/payment) are `high`: they
 *      must happen before the order ships; returns, exchanges, account changes `normal`; questions `low`;
 *      a hand-off `high` in `escalations`. Queues: returns/exchanges → returns, payment → billing,
 *      account → accounts, other order changes and questions → general.
 *   2. confidence below LOW_CONFIDENCE: the intent is unsure, so neither its priority nor its queue is
 *      trusted: `normal`, queue `general` (a person triages); the cue rules below still apply.
 *   3. urgency words ("urgent", "asap", "immediately", "right away", "today", …): one level up, at most
 *      `high` (a customer's hurry alone never makes a ticket urgent).
 *   4. the customer asks for a person: at least `high`.
 *   5. must-escalate topics (legal threats, chargebacks, fraud, data-protection requests, regulators,
 *      risk of harm; the same topics as the default knowledge charter): `urgent`, queue `escalations`.
 */
export const PRIORITY_RULES: Record<string, { priority: TPriority; queue: TQueue }> = {
  "order.cancel": { priority: "high", queue: "general" },
  "order.modify_items": { priority: "high", queue: "general" },
  "order.modify_address": { priority: "high", queue: "general" },
  "order.modify_payment": { priority: "high", queue: "billing" },
  "order.return": { priority: "normal", queue: "returns" },
  "order.exchange": { priority: "normal", queue: "returns" },
  "account.modify_address": { priority: "normal", queue: "accounts" },
  handoff: { priority: "high", queue: "escalations" },
  info: { priority: "low", queue: "general" },
};

/** Below this confidence the suggested queue is `general` and the reasons say why. */
export const LOW_CONFIDENCE = 0.5;

const MUST_ESCALATE_CUES: { label: string; pattern: RegExp }[] = [
  {
    label: "legal threat",
    pattern: /\b(lawyer|attorney|solicitor|lawsuit|sue you|suing|legal action|small claims|court)\b/i,
  },
  {
    label: "chargeback",
    pattern:
      /\b(charge ?back|dispute (?:the|this|a) (?:charge|payment)|disputed the charge|dispute with my bank)\b/i,
  },
  {
    label: "fraud",
    pattern:
      /\b(fraud(?:ulent)?|stolen card|identity theft|hacked|unauthori[sz]ed (?:charge|purchase|order))\b/i,
  },
  {
    label: "data-protection request",
    pattern: /\b(gdpr|ccpa|delete my data|erase my data|right to be forgotten|data breach)\b/i,
  },
  {
    label: "regulator",
    pattern: /\b(ombudsman|regulator|trading standards|consumer protection|better business bureau)\b/i,
  },
  { label: "risk of harm", pattern: /\b(suicide|kill myself|self-harm|hurt myself)\b/i },
];

const HUMAN_CUE =
  /\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:real\s+)?(?:human|person|manager|supervisor|someone)\b|\breal (?:human|person)\b/i;

const URGENCY_CUE =
  /\b(urgent(?:ly)?|asap|as soon as possible|immediately|right away|right now|today|tonight|emergency|time[- ]sensitive)\b/i;

function raise(priority: TPriority, to: TPriority): TPriority {
  return PRIORITIES.indexOf(to) > PRIORITIES.indexOf(priority) ? to : priority;
}

function route(
  intent: string,
  confidence: number,
  text: string,
): { priority: TPriority; queue: TQueue; reasons: string[] } {
  const reasons: string[] = [];
  const base = PRIORITY_RULES[intent] ?? { priority: "normal" as TPriority, queue: "general" as TQueue };
  let { priority, queue } = base;
  if (confidence < LOW_CONFIDENCE && intent !== "handoff") {
    if (queue !== "general" || priority !== "normal") {
      reasons.push(
        `normal priority, queue general: confidence ${confidence.toFixed(2)} is below ${LOW_CONFIDENCE}, a person confirms the intent`,
      );
    }
    queue = "general";
    priority = "normal";
  }
  const urgency = URGENCY_CUE.exec(text);
  if (urgency) {
    const next =
      PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.indexOf("high"))] ?? priority;
    if (next !== priority) reasons.push(`priority ${next}: urgency cue "${urgency[0]}"`);
    priority = raise(priority, next);
  }
  const human = HUMAN_CUE.exec(text);
  if (human) {
    if (priority !== raise(priority, "high"))
      reasons.push(`priority high: the customer asks for a person ("${human[0]}")`);
    priority = raise(priority, "high");
  }
  for (const cue of MUST_ESCALATE_CUES) {
    const hit = cue.pattern.exec(text);
    if (!hit) continue;
    priority = "urgent";
    queue = "escalations";
    reasons.push(`urgent, queue escalations: ${cue.label} ("${hit[0]}")`);
    break;
  }
  return { priority, queue, reasons };
}

// ---- classification --------------------------------------------------------------------------------

type TRuntime = { lookup: Map<string, number>; lexicon: Set<string> };
const runtimes = new WeakMap<TriageModel, TRuntime>();

function runtimeOf(model: TriageModel): TRuntime {
  let r = runtimes.get(model);
  if (!r) {
    r = { lookup: new Map(model.features.map((f, i) => [f, i])), lexicon: new Set(model.lexicon) };
    runtimes.set(model, r);
  }
  return r;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Classifies one ticket text: the most likely intent with its calibrated confidence, the other intents,
 * a suggested priority and queue, and the reasons (strongest cues, weak evidence, close calls, routing).
 */
export function classify(model: TriageModel, text: string): TTriageResult {
  const { lookup, lexicon } = runtimeOf(model);
  const raw = typeof text === "string" ? text : "";
  const x = vectorise(extract(raw, model.bigrams, model.opening), { idf: model.idf, lookup, lexicon });
  const logits = logitsOf(x, model.weights, model.bias);
  const evidence = evidenceOf(x, model.evidenceScale);
  const p = probabilities(logits, model.temperature, evidence);
  // Most likely first; ties (no evidence at all) go to the intent most frequent in training.
  const ranked = model.intents
    .map((intent, k) => ({ intent, k, confidence: p[k] ?? 0 }))
    .sort((a, b) => b.confidence - a.confidence || a.k - b.k);
  const top = ranked[0] ?? { intent: "info", k: -1, confidence: 0 };
  const second = ranked[1];
  const confidence = round(top.confidence);

  const reasons: string[] = [];
  if (x.cueWords === 0) {
    reasons.push("no known cue words: the intent is a guess");
  } else {
    const runnerUp = second ? model.weights[second.k] : undefined;
    const winner = model.weights[top.k];
    const cues = x.index
      .map((index, j) => ({
        index,
        weight: (x.value[j] ?? 0) * ((winner?.[index] ?? 0) - (runnerUp?.[index] ?? 0)),
      }))
      .filter((c) => c.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map((c) => `"${x.surfaces.get(c.index) ?? model.features[c.index]}"`)
      .filter((cue, i, all) => all.indexOf(cue) === i)
      .slice(0, 3);
    if (cues.length) reasons.push(`${top.intent}: strongest cues ${cues.join(", ")}`);
    if (evidence < 0.75) {
      reasons.push(
        `little evidence (${x.cueWords} cue word${x.cueWords === 1 ? "" : "s"}, ${Math.round(x.coverage * 100)}% of the words seen in training): confidence lowered`,
      );
    }
  }
  if (second && x.cueWords > 0 && top.confidence - second.confidence < 0.15) {
    reasons.push(
      `close call: ${top.intent} ${top.confidence.toFixed(2)} against ${second.intent} ${second.confidence.toFixed(2)}`,
    );
  }
  const routing = route(top.intent, confidence, raw);
  return {
    intent: top.intent,
    confidence,
    alternatives: ranked.slice(1).map((r) => ({ intent: r.intent, confidence: round(r.confidence) })),
    priority: routing.priority,
    queue: routing.queue,
    reasons: [...reasons, ...routing.reasons],
  };
}
