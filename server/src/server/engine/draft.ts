/*
 * The offline engine's reply drafts: grounded in the knowledge the caller may read, in the agent's own
 * style, with numbered citations. Pure functions: the copilot service (services/copilot.ts) gathers
 * the inputs inside the tenant, with personal data already replaced by placeholders ([PERSON_1]), and
 * restores them in the agent's view only.
 *
 * Style is learned from the agent's own past replies in the same tenant: how they greet (Hi, Hello,
 * Dear, Hey, or no greeting), how they sign off, whether they write contractions ("I'm" or "I am").
 * Grounding takes the sentences of the best-matching articles that share the most words with the
 * customer's request; with nothing relevant the draft says it will follow up and its confidence is low,
 * so the escalation rules apply.
 */

export const DRAFT_ENGINE = { id: "keel-offline/draft", version: "1" } as const;

export type TStyleProfile = {
  greeting: "Hi" | "Hello" | "Dear" | "Hey" | null;
  /** The agent's sign-off line ("Best,", "Kind regards,"), null when they do not sign off. */
  signOff: string | null;
  /** The name under the sign-off, when they sign one. */
  signature: string | null;
  /** Writes "I'm", "we'll"... rather than "I am", "we will". */
  contractions: boolean;
  /** How many past replies this was learned from (0: Keel's defaults). */
  samples: number;
};

export const DEFAULT_STYLE: TStyleProfile = {
  greeting: "Hi",
  signOff: "Best regards,",
  signature: null,
  contractions: true,
  samples: 0,
};

const GREETING = /^\s*(hi|hello|dear|hey)\b[^\n,!.]*[,!.]?/i;
const SIGN_OFF =
  /^(best|best regards|kind regards|regards|many thanks|thanks|thank you|cheers|all the best|warm regards|sincerely|talk soon)[,!.]?$/i;
const CONTRACTION =
  /\b(?:i'm|i've|i'll|we'll|we've|we're|you're|don't|can't|won't|isn't|it's|that's|there's|let's|hasn't|haven't|didn't|doesn't)\b/gi;
const EXPANDED =
  /\b(?:i am|i have|i will|we will|we have|we are|you are|do not|cannot|will not|is not|it is|that is|there is|let us|has not|have not|did not|does not)\b/gi;

/** The agent's style, learned from their past replies (most recent first is fine; order does not matter). */
export function learnStyle(replies: readonly string[], agentName: string): TStyleProfile {
  const usable = replies.map((r) => r.trim()).filter((r) => r.length > 0);
  if (usable.length === 0) return { ...DEFAULT_STYLE, signature: firstName(agentName) };
  const greetings = new Map<TStyleProfile["greeting"], number>();
  const signOffs = new Map<string, number>();
  const signatures = new Map<string, number>();
  let contracted = 0;
  let expanded = 0;
  for (const reply of usable) {
    const word = GREETING.exec(reply)?.[1];
    const greeting = word ? (capitalize(word.toLowerCase()) as TStyleProfile["greeting"]) : null;
    greetings.set(greeting, (greetings.get(greeting) ?? 0) + 1);
    const lines = reply
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
    // A sign-off is one of the last two lines; the line after it, if short, is the signature.
    for (let i = Math.max(0, lines.length - 3); i < lines.length; i += 1) {
      const line = lines[i] ?? "";
      if (SIGN_OFF.test(line)) {
        const normalized = line.endsWith(",") ? line : `${line.replace(/[!.]$/, "")},`;
        signOffs.set(normalized, (signOffs.get(normalized) ?? 0) + 1);
        const next = lines[i + 1];
        if (next && next.length <= 40 && !/[.?!]$/.test(next))
          signatures.set(next, (signatures.get(next) ?? 0) + 1);
        break;
      }
    }
    contracted += reply.match(CONTRACTION)?.length ?? 0;
    expanded += reply.match(EXPANDED)?.length ?? 0;
  }
  const signOff = mostCommon(signOffs);
  // A sign-off counts when at least half the replies have one.
  const signs = [...signOffs.values()].reduce((a, b) => a + b, 0) * 2 >= usable.length;
  return {
    greeting: mostCommon(greetings) ?? null,
    signOff: signs ? signOff : null,
    signature: signs ? (mostCommon(signatures) ?? firstName(agentName)) : null,
    contractions: contracted >= expanded,
    samples: usable.length,
  };
}

export type TDraftPassage = {
  articleId: string;
  version: number;
  title: string;
  body: string;
  score: number;
};

export type TDraftInput = {
  /** How to address the customer: a first name or its placeholder ([PERSON_1]). */
  customerName: string;
  /** The customer's request: their latest messages, newest last (placeholders for personal data). */
  request: string;
  subject: string;
  passages: readonly TDraftPassage[];
  style: TStyleProfile;
};

export type TDraftCitation = { n: number; articleId: string; version: number; title: string };

export type TDraft = {
  text: string;
  citations: TDraftCitation[];
  /** 0..1: low when no article is relevant to the request. */
  confidence: number;
  grounded: boolean;
};

const STOP = new Set(
  "a an and are as at be been but by can could did do does for from had has have hello hi how i if in into is it its just me my no not of on or our please so than thanks that the their them then there these they this to was we were what when where which who will with would you your yours".split(
    " ",
  ),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9']+/g) ?? [])
    .map((w) => w.replace(/'s$/, ""))
    .filter((w) => w.length > 2 && !STOP.has(w) && !w.startsWith("["));
}

function stem(w: string): string {
  return w.replace(/(?:ing|ed|es|s)$/, "");
}

function sentences(body: string): string[] {
  return body
    .replace(/^#+\s.*$/gm, "")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[-*\d.)\s]+/, "").trim())
    .filter((s) => s.length >= 25 && s.length <= 300 && /[a-z]/i.test(s));
}

/** Relevance below this (share of the request's words a passage covers) grounds nothing. */
const MIN_COVERAGE = 0.12;
const MAX_SENTENCES = 3;

/** A reply draft for the agent to edit: greeting, acknowledgement, grounded answer, closing, sign-off. */
export function draftReply(input: TDraftInput): TDraft {
  const { style } = input;
  const c = (contracted: string, full: string) => (style.contractions ? contracted : full);
  const asked = new Set([...words(input.subject), ...words(input.request)].map(stem));

  // Sentences of the passages, scored by the request words they share; best first, at most one
  // near-duplicate, at most three from two articles.
  const scored: { text: string; passage: TDraftPassage; hits: number }[] = [];
  // Articles well below the best match are about something else that shares a few words.
  const top = Math.max(0, ...input.passages.map((p) => p.score));
  for (const passage of input.passages.filter((p) => p.score >= top * 0.5)) {
    for (const sentence of sentences(passage.body)) {
      const hits = new Set(
        words(sentence)
          .map(stem)
          .filter((w) => asked.has(w)),
      ).size;
      if (hits > 0) scored.push({ text: sentence, passage, hits });
    }
  }
  scored.sort((a, b) => b.hits - a.hits || b.passage.score - a.passage.score);
  const chosen: typeof scored = [];
  const covered = new Set<string>();
  // One shared word is chance when the request says more than a few things.
  const minHits = asked.size >= 4 ? 2 : 1;
  for (const s of scored) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (s.hits < minHits) continue;
    const ws = words(s.text).map(stem);
    const fresh = ws.filter((w) => asked.has(w) && !covered.has(w));
    if (fresh.length === 0) continue;
    const articles = new Set(chosen.map((x) => x.passage.articleId));
    if (!articles.has(s.passage.articleId) && articles.size >= 2) continue;
    // A second article earns its place with a sentence that is clearly about the request.
    if (articles.size === 1 && !articles.has(s.passage.articleId) && s.hits < minHits + 1) continue;
    for (const w of fresh) covered.add(w);
    chosen.push(s);
  }
  const coverage = asked.size === 0 ? 0 : covered.size / asked.size;
  const grounded = chosen.length > 0 && coverage >= MIN_COVERAGE;

  const citations: TDraftCitation[] = [];
  const numberOf = (p: TDraftPassage) => {
    let citation = citations.find((x) => x.articleId === p.articleId);
    if (!citation) {
      citation = { n: citations.length + 1, articleId: p.articleId, version: p.version, title: p.title };
      citations.push(citation);
    }
    return citation.n;
  };

  const lines: string[] = [];
  if (style.greeting) lines.push(`${style.greeting} ${input.customerName},`);
  const upset =
    /\b(broken|damaged|snapped|wrong|late|missing|never arrived|not arrived|hasn'?t arrived|charged twice|refund|cancel|disappointed|frustrat|angry|locked out)/i.test(
      input.request,
    );
  const opening = upset
    ? `Thank you for letting us know, and ${c("I'm", "I am")} sorry for the trouble.`
    : "Thank you for getting in touch.";
  const body = grounded
    ? chosen.map((s) => `${s.text.replace(/\s*$/, "")} [${numberOf(s.passage)}]`).join(" ")
    : `${c("I'm", "I am")} looking into this now and ${c("I'll", "I will")} get back to you with an update shortly.`;
  lines.push(`${opening} ${body}`);
  lines.push(`${c("Let me", "Please let me")} know if there is anything else I can help with.`);
  if (style.signOff) lines.push(style.signature ? `${style.signOff}\n${style.signature}` : style.signOff);

  const confidence = grounded
    ? Math.min(0.95, 0.45 + coverage * 0.8 + (chosen.length - 1) * 0.05)
    : Math.min(0.3, coverage);
  return { text: lines.join("\n\n"), citations, confidence: Math.round(confidence * 100) / 100, grounded };
}

function mostCommon<T>(counts: Map<T, number>): T | null {
  let best: T | null = null;
  let n = 0;
  for (const [value, count] of counts) {
    if (count > n) {
      best = value;
      n = count;
    }
  }
  return best;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The first word of a name ("Maya Okafor" -> "Maya"); null for an empty name. */
export function firstName(name: string): string | null {
  return name.trim().split(/\s+/)[0] || null;
}
