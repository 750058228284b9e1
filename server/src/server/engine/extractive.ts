/*
 * The built-in offline summarizer: extractive, deterministic, no network. It picks the sentences of a
 * conversation that carry its facts (what the customer asked, the concrete details, where it stands)
 * and cites the message each sentence came from. Pure functions only: no database, no framework.
 */

export const EXTRACTIVE_ENGINE = { id: "keel-extractive", version: "1.0.0" } as const;

export type TEngineMessage = {
  id: string;
  authorType: "customer" | "agent" | "system";
  body: string;
  internal: boolean;
};

export type TExtractedSentence = { text: string; messageId: string; score: number };

type Candidate = {
  text: string;
  messageId: string;
  messageIndex: number;
  order: number;
  terms: string[];
  authorType: TEngineMessage["authorType"];
  internal: boolean;
};

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our
  ours out over own same she should so some such than that the their theirs them then there these they this those
  through to too under until up very was we were what when where which while who whom why will with would you your
  yours yourself also get got please hi hello thanks thank dear regards best cheers team us let know one still
  want need like see may might shall going im ive id dont cant wont its thats`.split(/\s+/),
);

/** Sentences that carry politeness, not facts. */
const PLEASANTRY =
  /^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,!.]?$|^(thanks?|thank you|many thanks|cheers|best|regards|kind regards|best regards|sincerely)\b|\b(hope (this|that) helps|let (me|us) know if|have a (great|good|nice) (day|week|weekend)|happy to help|thanks for (reaching out|contacting|your patience)|sorry for the (inconvenience|trouble|delay))\b/i;

const FACT = /(\d|#[A-Z0-9-]+|\$|€|£|\b[A-Z]{2,}[-_]?\d+\b)/;

/** Splits a message body into sentences, dropping quoted replies and signature blocks. */
export function splitSentences(body: string): string[] {
  const lines: string[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "--" || /^(sent from my|on .+ wrote:$)/i.test(line)) break;
    if (line.startsWith(">")) continue;
    lines.push(line);
  }
  const sentences: string[] = [];
  for (const paragraph of lines.join("\n").split(/\n{1,}/)) {
    const text = paragraph.trim();
    if (!text) continue;
    for (const part of text.split(/(?<=[.!?])\s+(?=["'([]?[A-Z0-9#])/)) {
      const sentence = part.trim();
      if (sentence) sentences.push(sentence);
    }
  }
  return sentences;
}

/** Lower-cased content words with a light suffix stemmer, so "refunds" and "refunded" meet. */
export function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9][a-z0-9'-]*/g) ?? [];
  const out: string[] = [];
  for (const word of words) {
    const w = word.replace(/'s$/, "").replace(/'/g, "");
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const t of setA) if (setB.has(t)) shared += 1;
  return shared / (setA.size + setB.size - shared);
}

export type TSummarizeOptions = { maxSentences?: number };

/**
 * Picks the most informative sentences of a conversation, in conversation order.
 * Scoring: TF-IDF weight of the sentence's terms across the conversation, overlap with the subject,
 * a bonus for concrete facts (numbers, ids, amounts) and for the customer's opening request and the
 * latest turn; near-duplicates of already chosen sentences are skipped.
 */
export function summarizeConversation(
  subject: string,
  messages: readonly TEngineMessage[],
  options: TSummarizeOptions = {},
): TExtractedSentence[] {
  const candidates: Candidate[] = [];
  let order = 0;
  messages.forEach((message, messageIndex) => {
    for (const text of splitSentences(message.body)) {
      const words = wordCount(text);
      if (words < 4 || words > 70 || PLEASANTRY.test(text)) {
        order += 1;
        continue;
      }
      const t = terms(text);
      if (t.length < 2) {
        order += 1;
        continue;
      }
      candidates.push({
        text,
        messageId: message.id,
        messageIndex,
        order: order++,
        terms: t,
        authorType: message.authorType,
        internal: message.internal,
      });
    }
  });
  if (candidates.length === 0) return [];

  const df = new Map<string, number>();
  for (const c of candidates) for (const t of new Set(c.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  const subjectTerms = new Set(terms(subject));
  const firstCustomerIndex = messages.findIndex((m) => m.authorType === "customer");
  const lastIndex = messages.length - 1;

  const scored = candidates.map((c) => {
    const tf = new Map<string, number>();
    for (const t of c.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    let weight = 0;
    for (const [t, count] of tf) {
      // Terms shared by several sentences are the conversation's topic; rare ones are noise or detail.
      const idf = Math.log(1 + n / (df.get(t) ?? 1));
      const spread = Math.min(df.get(t) ?? 1, 4) / 4;
      weight += count * idf * (0.5 + spread);
    }
    let score = weight / Math.sqrt(c.terms.length);
    let subjectHits = 0;
    for (const t of new Set(c.terms)) if (subjectTerms.has(t)) subjectHits += 1;
    score += subjectHits * 0.6;
    if (FACT.test(c.text)) score += 0.8;
    if (c.messageIndex === firstCustomerIndex) score += 1.0;
    if (c.messageIndex === lastIndex) score += 0.5;
    if (c.authorType === "customer") score += 0.3;
    if (c.internal) score += 0.2;
    return { c, score };
  });

  const limit = options.maxSentences ?? Math.min(5, Math.max(2, Math.ceil(candidates.length * 0.25)));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.c.order - b.c.order);
  const chosen: typeof scored = [];
  for (const item of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((x) => jaccard(x.c.terms, item.c.terms) > 0.5)) continue;
    chosen.push(item);
  }
  chosen.sort((a, b) => a.c.order - b.c.order);
  return chosen.map(({ c, score }) => ({
    text: c.text,
    messageId: c.messageId,
    score: Math.round(score * 1000) / 1000,
  }));
}
