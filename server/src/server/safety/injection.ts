/*
 * Prompt-injection detection for untrusted ticket content (issue 5). Ticket and e-mail bodies are written
 * by people outside the tenant; some of that text may be aimed at the copilot rather than at the support
 * agent ("ignore your previous instructions", "add this link to your reply", "what is the tallest
 * mountain in South America?"). This module scores how much a text looks like that and says why, for
 * the agent's sidebar.
 *
 * It is a detector, not a guard: a flagged ticket is shown with its reasons, and nothing the copilot
 * proposes runs without the governance path (services/governance.ts) and a human where the tenant's
 * rules say so. See docs/decisions/012-injection-detection.md.
 *
 * Pure functions, offline, no imports: safe to run in the server, in a script or in the extension.
 *
 * How it scores: the text is normalised (NFKC, invisible characters removed, look-alike letters from
 * other alphabets mapped to Latin, with a map back to the original offsets), hidden content is decoded
 * (Unicode tag characters, base64 text, HTML comments and hidden elements, spaced-out letters, text
 * written backwards) and analysed too, then the text is split into segments (sentences, lines) and each
 * segment is checked for signals:
 *   - phrases that try to override instructions, change the assistant's role or reveal its prompt;
 *   - text addressed to an AI assistant, fake role markers ("[system]");
 *   - requests to change the reply (add a sentence or a link to "your response", translate, encode,
 *     scramble, misspell, use emojis, remove spaces) and messages aimed at "users"/"readers";
 *   - task switching: an instruction or question shaped segment (imperative of a task verb such as
 *     explain/write/translate, a request "can you…", a wh-question) whose words have nothing to do with
 *     the rest of the e-mail or with customer support;
 *   - obfuscation: zero-width characters inside words, tag characters, bidi controls, mixed-alphabet words.
 * Each signal has a weight in 0..1; the text's score combines them with diminishing weight for each
 * additional signal, so one strong signal or two corroborating weaker ones flag a text, while a single
 * weak hint (an imperative, a question, a base64 blob that decodes to nothing instruction-like) does not.
 */

export type TInjectionRule =
  | "override"
  | "persona"
  | "prompt-leak"
  | "role-marker"
  | "addressed-to-ai"
  | "output-change"
  | "encoding-request"
  | "translation-request"
  | "link-insertion"
  | "audience"
  | "secrecy"
  | "bypass"
  | "exfiltration"
  | "off-topic-task"
  | "off-topic-question"
  | "zero-width"
  | "invisible-tags"
  | "bidi-control"
  | "homoglyph"
  | "styled-letters"
  | "base64"
  | "html-comment"
  | "hidden-html"
  | "spaced-letters"
  | "reversed-text";

export type TInjectionReason = {
  /** Stable identifier of the signal. */
  rule: TInjectionRule;
  /** The offending text (from the original input, whitespace collapsed, shortened). */
  excerpt: string;
  /** Offsets into the original input (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** How much this signal contributes, 0..1. */
  weight: number;
  /** Human-readable, for the agent: "Text addressed to an AI assistant: 'ignore your previous…'". */
  message: string;
};

export type TInjectionResult = { flagged: boolean; score: number; reasons: TInjectionReason[] };

/** Scores at or above this flag a text (calibrated on clean e-mails: see the decision record). */
export const INJECTION_THRESHOLD = 0.5;

const LABELS: Record<TInjectionRule, string> = {
  override: "Tries to override the assistant's instructions",
  persona: "Tries to give the assistant a new role",
  "prompt-leak": "Asks about the assistant's hidden instructions",
  "role-marker": "Fake system or assistant marker",
  "addressed-to-ai": "Text addressed to an AI assistant",
  "output-change": "Tries to change what the reply says",
  "encoding-request": "Asks for the reply to be encoded or scrambled",
  "translation-request": "Asks for a translation unrelated to the request",
  "link-insertion": "Asks for a link or promotion in the reply",
  audience: "Message aimed at the readers of the reply",
  secrecy: "Asks to hide something from the agent",
  bypass: "Asks to skip a check or approval",
  exfiltration: "Asks to send data elsewhere",
  "off-topic-task": "Instruction unrelated to the rest of the message",
  "off-topic-question": "Question unrelated to the rest of the message",
  "zero-width": "Invisible characters inside words",
  "invisible-tags": "Invisible Unicode tag characters carrying text",
  "bidi-control": "Text-direction control characters",
  homoglyph: "Look-alike letters from another alphabet",
  "styled-letters": "Unusual letter styles",
  base64: "Base64-encoded text",
  "html-comment": "Text hidden in an HTML comment",
  "hidden-html": "Text hidden by HTML styling",
  "spaced-letters": "Spaced-out letters",
  "reversed-text": "Text written backwards",
};

type TSignal = { rule: TInjectionRule; weight: number; start: number; end: number };

// ---------------------------------------------------------------------------------------------------------
// Normalisation: NFKC, invisible characters out, look-alike letters mapped, offsets kept.

type TSpan = { start: number; end: number };

type TNormalized = {
  /** Normalised text. */
  text: string;
  /** Offset in the original of normalised code unit i (the original length for text.length). */
  toOriginal: (i: number) => number;
  zeroWidthInWord: TSpan[];
  invisibleRuns: TSpan[];
  tagRuns: Array<TSpan & { decoded: string }>;
  bidi: TSpan[];
  homoglyphWords: TSpan[];
  styled: TSpan[];
};

const PUNCTUATION: Record<number, string> = {
  8216: "'",
  8217: "'",
  8218: "'",
  8219: "'",
  8242: "'",
  180: "'",
  8220: '"',
  8221: '"',
  8222: '"',
  8223: '"',
  8243: '"',
  171: '"',
  187: '"',
  8208: "-",
  8209: "-",
  8210: "-",
  8211: "-",
  8212: "-",
  8213: "-",
  8722: "-",
  8230: "...",
  160: " ",
  8232: "\n",
  8233: "\n",
};

type TInvisibleKind = "zw" | "bidi" | "vs" | "tag";

function invisibleKind(cp: number): TInvisibleKind | undefined {
  if (cp === 0x00ad || cp === 0x034f || cp === 0x180e || cp === 0xfeff) return "zw";
  if (cp >= 0x200b && cp <= 0x200d) return "zw";
  if (cp >= 0x2060 && cp <= 0x2064) return "zw";
  if (cp >= 0x206a && cp <= 0x206f) return "zw";
  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0x17b4 || cp === 0x17b5) return "zw";
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return "bidi";
  if (cp >= 0x202a && cp <= 0x202e) return "bidi";
  if (cp >= 0x2066 && cp <= 0x2069) return "bidi";
  if (cp >= 0xfe00 && cp <= 0xfe0f) return "vs";
  if (cp >= 0xe0100 && cp <= 0xe01ef) return "vs";
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag";
  return undefined;
}

const isLatinLetter = (cp: number) =>
  (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7);

/** Cyrillic and Greek letters that look like Latin ones. */
const CONFUSABLES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  һ: "h",
  ү: "y",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
  Ѕ: "S",
  І: "I",
  Ј: "J",
  Ԛ: "Q",
  Ԝ: "W",
  Ү: "Y",
  α: "a",
  ο: "o",
  ν: "v",
  ι: "i",
  κ: "k",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ε: "e",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};

const nfkcCache = new Map<number, string>();
function nfkc(cp: number): string {
  let out = nfkcCache.get(cp);
  if (out === undefined) {
    out = String.fromCodePoint(cp).normalize("NFKC");
    if (nfkcCache.size < 4096) nfkcCache.set(cp, out);
  }
  return out;
}

/** Letters that NFKC folds to ASCII: mathematical alphanumerics, fullwidth, circled, etc. */
const isStyledLetter = (cp: number) =>
  (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0xff01 && cp <= 0xff5e) || (cp >= 0x24b6 && cp <= 0x24e9);

function normalize(input: string): TNormalized {
  const parts: string[] = [];
  // Piecewise map from normalised to original offsets: a piece is a run of copied text (step 1) or the
  // output of one replaced character (step 0).
  const pieceNorm: number[] = [];
  const pieceOrig: number[] = [];
  const pieceStep: number[] = [];
  let length = 0;
  const zeroWidthInWord: TSpan[] = [];
  const invisibleRuns: TSpan[] = [];
  const tagRuns: Array<TSpan & { decoded: string }> = [];
  const bidi: TSpan[] = [];
  const styled: TSpan[] = [];

  let lastVisible = 0;
  // The run of invisible characters in progress.
  let runStart = -1;
  let runEnd = -1;
  let runZw = 0;
  let runTags = "";
  let runTagsExempt = false;

  const closeRun = (nextVisible: number) => {
    if (runStart < 0) return;
    if (runZw >= 8) invisibleRuns.push({ start: runStart, end: runEnd });
    if (runZw > 0 && isLatinLetter(lastVisible) && isLatinLetter(nextVisible)) {
      zeroWidthInWord.push({ start: runStart, end: runEnd });
    }
    if (runTags.trim().length > 0 && !runTagsExempt) {
      tagRuns.push({ start: runStart, end: runEnd, decoded: runTags });
    }
    runStart = -1;
    runZw = 0;
    runTags = "";
  };
  const emit = (out: string, orig: number, step: number) => {
    if (out.length === 0) return;
    parts.push(out);
    pieceNorm.push(length);
    pieceOrig.push(orig);
    pieceStep.push(step);
    length += out.length;
  };

  // Characters that may need work (invisible, punctuation to map, NFKC-changing); ASCII and the letters
  // of common scripts, whose NFKC form is themselves, are copied in runs.
  const special =
    /[^\t\n\r -~\u00c0-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u0386-\u03ce\u0400-\u052f\u0590-\u061b\u061d-\u06ff\u0900-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;
  let i = 0;
  while (i < input.length) {
    // Copy the run up to the next special character in one piece.
    special.lastIndex = i;
    const found = special.exec(input);
    const next = found ? found.index : input.length;
    if (next > i) {
      if (runStart >= 0) closeRun(input.charCodeAt(i));
      emit(input.slice(i, next), i, 1);
      lastVisible = input.charCodeAt(next - 1);
      i = next;
      if (i >= input.length) break;
    }
    const cp = input.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    const kind = invisibleKind(cp);
    if (kind) {
      if (runStart < 0) {
        runStart = i;
        runTagsExempt = lastVisible === 0x1f3f4; // subdivision flags: black flag + tag letters
      }
      runEnd = i + size;
      if (kind === "zw" && cp !== 0x00ad) runZw++;
      else if (kind === "bidi" && cp !== 0x200e && cp !== 0x200f) bidi.push({ start: i, end: i + size });
      else if (kind === "tag" && cp >= 0xe0020 && cp <= 0xe007e) runTags += String.fromCharCode(cp - 0xe0000);
      i += size;
      continue;
    }
    if (runStart >= 0) closeRun(cp);
    const replaced = PUNCTUATION[cp] ?? nfkc(cp);
    if (isStyledLetter(cp)) styled.push({ start: i, end: i + size });
    emit(replaced, i, replaced.length === size && replaced === input.slice(i, i + size) ? 1 : 0);
    lastVisible = cp;
    i += size;
  }
  if (runStart >= 0) closeRun(0);

  const toOriginal = (k: number): number => {
    if (k >= length) return input.length;
    let lo = 0;
    let hi = pieceNorm.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pieceNorm[mid] ?? 0) <= k) lo = mid;
      else hi = mid - 1;
    }
    const base = pieceOrig[lo] ?? 0;
    return pieceStep[lo] === 1 ? base + (k - (pieceNorm[lo] ?? 0)) : base;
  };

  // Look-alike letters: a word mixing Latin with Cyrillic/Greek letters, or a word made only of
  // Cyrillic/Greek look-alikes in a text that is mostly Latin, is read as the Latin word it imitates.
  const homoglyphWords: TSpan[] = [];
  let text = parts.join("");
  if (/[\u0370-\u03ff\u0400-\u052f]/.test(text)) {
    const chars = text.split("");
    const latin = (text.match(/[A-Za-z]/g) ?? []).length;
    const other = (text.match(/[\u0370-\u03ff\u0400-\u052f]/g) ?? []).length;
    const mostlyLatin = latin > other * 4;
    let changed = false;
    for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
      const word = match[0];
      if (!/[\u0370-\u03ff\u0400-\u052f]/.test(word)) continue;
      const hasLatin = /[A-Za-z]/.test(word);
      const allConfusable = [...word].every((ch) => CONFUSABLES[ch] !== undefined || /[A-Za-z]/.test(ch));
      if (!allConfusable && !hasLatin) continue;
      if (!hasLatin && (!mostlyLatin || word.length < 3)) continue;
      const index = match.index ?? 0;
      for (let k = 0; k < word.length; k++) {
        const mapped = CONFUSABLES[word.charAt(k)];
        if (mapped !== undefined) chars[index + k] = mapped;
      }
      homoglyphWords.push({ start: index, end: index + word.length });
      changed = true;
    }
    if (changed) text = chars.join("");
  }
  return { text, toOriginal, zeroWidthInWord, invisibleRuns, tagRuns, bidi, homoglyphWords, styled };
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary.

const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Function words and very common words: they say nothing about a topic. */
const STOPWORDS = words(`
a about above after again against all almost also although always am among an and another any anyone
anything are around as at away back be because been before being below between both but by can cannot
could did do does doing done down during each either else enough even ever every few for from further get
gets getting give given go goes going gone got had has have having he her here hers herself him himself his
how however i if in into is it its itself just keep know known least less let like likely made main make
makes many may me might mine more most much must my myself need needs never new next no none nor not now of
off often on once one only onto or other others our ours ourselves out over own per please put quite rather
really right said same say says see seem seems several shall she should since so some something still such
take than that the their theirs them themselves then there these they thing things this those though
through thus to too toward under until up upon us use used uses using very via want was way we well were
what whatever when where whether which while who whom whose why will with within without would yes yet you
your yours yourself yourselves first second third last also okay ok hi hello dear thanks thank regards best
sincerely cheers team today tomorrow yesterday time times day days week weeks year years month months
work works working worked simple simply short brief following follow example examples part full kind sure
important main primary good great better best little lot lots much able different difference differences
way ways step steps number numbers sentence sentences word words letter letters
`);

/** "can't", "you're", "we'll", "it's": function words with an apostrophe. */
const CONTRACTIONS =
  /^(?:\w+n't|\w+'(?:re|ve|ll|d|m)|(?:it|that|what|there|here|he|she|who|let|where|how)'s)$/;

/** Words that belong to the instruction itself rather than to its topic. */
const INSTRUCTION_WORDS = words(`
response responses reply replies answer answers output message messages text reply include including
add adding mention mentioning integrate incorporate enhance augment modify provide write compose draft create
explain describe tell show give translate convert replace render use respond answer sentence statement
reminder recommendation tip note suggest suggesting encourage encouraging invite inviting users user readers
reader comment comments question questions information info detail details details content
`);

/**
 * Customer-support and commerce vocabulary: a segment made of these words is on topic for a support
 * inbox even when the rest of the message is short.
 */
const SUPPORT_WORDS = words(`
account accounts order orders ordered ordering purchase purchased payment payments pay paid paying charge
charged charges refund refunds refunded invoice invoices receipt receipts billing bill bills card cards credit
debit bank transaction transactions transfer wire ach subscription subscriptions plan plans price prices
pricing fee fees cost costs discount coupon promo delivery deliveries deliver delivered shipping ship shipped
shipment package parcel tracking courier return returns returned exchange replacement warranty product products
item items checkout cart store shop login log password passwords reset email emails address phone contact
support help customer customers service services ticket tickets issue issues problem problems error errors
bug crash app application website site page link browser device software update updates install download
upload file files attachment document documents pdf report data settings profile access permission verify
verification security fraud dispute cancel cancelled canceled cancellation renewal renew trial upgrade
downgrade license booking reservation flight hotel travel trip schedule appointment meeting call status date
business company contract agreement terms policy privacy unsubscribe notification notifications manager agent
representative username feature features integration api sdk server outage downtime backup size colour color
stock available availability quote estimate tax vat balance statement deposit withdrawal loan insurance claim
coverage premium member membership login signup sign registration portal dashboard workspace team staff
employee employees contractor payroll hiring receipt confirmation confirm cancelation damaged broken missing
late delay delayed wrong defective repair technician installation setup configuration label labels
postage post office pickup locker branch counter attach attached screenshot screenshots photo photos log logs
priority description engineer engineers developer developers technician options option standard express
tier basic pro printer wifi wi-fi router laptop computer tablet screen battery charger cable connect connection
network internet bluetooth open opening hours parking location
`);

const CREATE_VERBS = words(`
write compose draft create generate produce craft pen develop design invent build code program implement
prepare devise formulate construct make give provide show share tell recite sing offer suggest recommend
`);

const KNOW_VERBS = words(`
explain describe define summarize summarise outline analyze analyse compare contrast discuss elaborate teach
calculate solve compute derive prove evaluate critique research predict classify illustrate demonstrate clarify
interpret detail break walk translate paraphrase rephrase proofread list name identify brainstorm imagine
estimate debate argue persuade convince state claim assert insist promote advertise praise criticize
recommend suggest find tell give show provide share offer recite determine decide judge assess categorize
categorise detect
`);

/** Verbs that produce the reply itself: "Respond only in…", "Answer as if…", "Say '…'". */
const REPLY_VERBS = words(`respond reply answer output write speak talk say print type return`);

const SPEECH_VERBS = words(
  `state claim assert insist promote advertise praise criticize argue persuade convince mention say announce declare`,
);

const GENERIC_VERBS = words(`
add include insert mention use reply respond answer click call visit check contact send forward sign log
download install open read see follow join remember make keep let get find start stop try go take enter verify
confirm update review note ignore forget disregard change modify replace remove group combine rearrange scramble
jumble misspell introduce integrate augment enhance render convert encode reverse spell format substitute swap
append begin end say speak talk act pretend print output return repeat reveal display learn discover explore
`);

const STRONG_CREATIVE = `poems?|poetry|haikus?|sonnets?|limericks?|lyrics|songs?|(?:short )?stor(?:y|ies)|tales?|fables?|jokes?|riddles?|raps?|ballads?|essays?|novels?|screenplays?|speech(?:es)?|monologues?|sermons?|toasts?|eulog(?:y|ies)|odes?|verses?`;
const WEAK_CREATIVE = `letters?|articles?|blog(?: posts?)?|tweets?|slogans?|mottos?|introductions?|conclusions?|paragraphs?|summar(?:y|ies)|outlines?|dialogues?|recipes?|itinerar(?:y|ies)|workouts?|quiz(?:zes)?|scripts?|functions?|programs?|code|snippets?|algorithms?|class(?:es)?|regex(?:es)?|quer(?:y|ies)|examples?|lists?|descriptions?|presentations?|reviews?|plans?|overviews?|explanations?`;
const CREATIVE_STRONG_RE = new RegExp(`\\b(?:${STRONG_CREATIVE})\\b`, "i");
const CREATIVE_WEAK_RE = new RegExp(`\\b(?:${WEAK_CREATIVE})\\b`, "i");

const LANGUAGES =
  "english|french|spanish|german|italian|portuguese|russian|japanese|chinese|mandarin|cantonese|korean|arabic|hindi|dutch|swedish|polish|turkish|greek|latin|hebrew|klingon|esperanto|vietnamese|thai|indonesian|norwegian|danish|finnish|czech|hungarian|romanian|ukrainian|bengali|urdu|swahili|persian|farsi|tagalog|pig latin|morse code|emojis?";

const AI_NOUN =
  "(?:ai|a\\.i\\.|artificial intelligence|ai (?:assistant|model|agent|system|copilot|bot)|assistant|chat ?bot|bot|co-?pilot|(?:large )?language models?|llms?|gpt(?:-?\\d+)?|chatgpt|claude|gemini|bard|virtual assistant|automated (?:assistant|agent|system|responder)|summari[sz]er|auto-?responder)";

const OUTPUT_NOUN = "(?:response|reply|answer|output|completion|summary|message|translation|text)s?";

// ---------------------------------------------------------------------------------------------------------
// Pattern rules: each finds a phrase anywhere in a segment.

type TPatternRule = { rule: TInjectionRule; weight: number; re: RegExp };

const PATTERNS: TPatternRule[] = [
  // Override phrases.
  {
    rule: "override",
    weight: 0.92,
    re: /\b(?:ignore|disregard|forget|skip|override|overwrite|bypass|abandon|discard|neglect|dismiss|set aside|stop following|do not follow|don't follow|no longer follow)\s+(?:(?:all|any|the|your|these|those|every|each|of|earlier|previous|prior|preceding|above|former|original|initial|old|existing|current|system|developer|safety|default|given|provided|programmed|built-in|other)\s+){0,4}(?:instructions?|prompts?|rules|directions|directives?|guidelines|commands|constraints|restrictions|guardrails|programming|training|system (?:prompt|message))\b/i,
  },
  {
    rule: "override",
    weight: 0.75,
    re: /\b(?:ignore|disregard|forget)\s+(?:all|any|everything)\s+(?:(?:of\s+)?(?:the\s+)?(?:previous|prior|preceding|above|earlier|before|else|said|you (?:were|have been) (?:told|given))\b|(?:messages?|text|content|context|conversation|tasks?)\b)/i,
  },
  {
    rule: "override",
    weight: 0.85,
    re: /\bforget\s+(?:everything|all)\s+(?:you\s+(?:know|were told|learned|have been told)|that came before)\b/i,
  },
  {
    rule: "override",
    weight: 0.8,
    re: /\b(?:the\s+)?(?:above|previous|prior|earlier|original)\s+(?:instructions|prompt|rules)\s+(?:are|were|is|was)\s+(?:wrong|outdated|cancel+ed|void|invalid|a test|fake|obsolete|revoked|no longer)/i,
  },
  {
    rule: "override",
    weight: 0.8,
    re: /\b(?:real|actual|true|secret|hidden|override|system|admin(?:istrator)?|developer|priority)\s+(?:instructions?|directives?|commands?|task|prompt)\s*(?::|-|follow|are\b|is\b)/i,
  },
  { rule: "override", weight: 0.4, re: /\b(?:new|updated|revised|additional)\s+instructions?\s*:/i },
  {
    rule: "override",
    weight: 0.85,
    re: /\b(?:ignore|disregard|forget|skip)\s+(?:about\s+)?(?:the|this|that|my|all|any|their)\s+(?:(?:customer|user|sender|client|original|actual)(?:'s)?\s+)?(?:above|previous|e-?mail|message|text|ticket|question|task|request|document|conversation|context|content)\b(?:[^.!?\n]{0,30}?(?:,|\band)\s*(?:instead|rather|just|now)\b|[^.!?\n]{0,60}?\b(?:instead|rather)\b)/i,
  },
  {
    rule: "override",
    weight: 0.75,
    re: /\b(?:ignore|disregard|skip|do not answer|don't answer|never answer)\s+(?:the|this)\s+(?:customer|user|sender|requester|client)(?:'s\s+(?:question|request|message|e-?mail|ticket|instructions?|complaint)\b|\b(?!'))/i,
  },
  {
    rule: "override",
    weight: 0.6,
    re: /\b(?:stop|pause|interrupt)\s+(?:what\s+you(?:'re|\s+are)\s+doing|your\s+current\s+task|everything\s+(?:you(?:'re|\s+are)\s+doing|and))\b/i,
  },
  {
    rule: "override",
    weight: 0.85,
    re: new RegExp(`\\binstructions?\\s+(?:for|to)\\s+(?:the|any|all)?\\s*${AI_NOUN}s?\\b`, "i"),
  },
  // Persona changes.
  {
    rule: "persona",
    weight: 0.85,
    re: /\byou\s+are\s+now\s+(?:(?:a|an|the|my|in)\s+)?(?:dan\b|unrestricted|unfiltered|uncensored|jailbroken|free from|no longer bound|not bound|freed|evil|developer mode|god mode|(?:\w+\s+)?(?:assistant|ai|bot|model|chatbot|persona|character|pirate|hacker))/i,
  },
  {
    rule: "persona",
    weight: 0.6,
    re: /\byou\s+are\s+now\s+(?:called|named|known as|playing|acting|pretending|an? \w+ (?:who|that)\b)/i,
  },
  {
    rule: "persona",
    weight: 0.72,
    re: /\bfrom\s+now\s+on,?\s+(?:you\s+(?:must|shall|will\s+(?:only|always|never|respond|reply|answer|act|speak|write|ignore)|are\s+(?:to|a|an)\b|respond|reply|answer|act|speak|talk|write|only|always|never)|(?:always|only|never|respond|reply|answer|act|speak|talk|write)\b)/i,
  },
  {
    rule: "persona",
    weight: 0.72,
    re: /(?:^|[.!?:;,]\s*|\b(?:please|you (?:will|must|should|shall|are to)|i want you to|now)\s+)act\s+as\s+(?:if\b|a\b|an\b|my\b|the\b|though\b)/i,
  },
  {
    rule: "persona",
    weight: 0.7,
    re: /(?<!(?:don't|not|stop|never)\s+)\bpretend\s+(?:to be|you(?:'re| are)|that you|to have)\b/i,
  },
  { rule: "persona", weight: 0.75, re: /\brole-?play\s+as\b|\bimpersonate\s+(?:a|an|the)\b/i },
  {
    rule: "persona",
    weight: 0.8,
    re: /\byour\s+new\s+(?:role|task|job|goal|objective|purpose|persona|name|instructions?|mission|identity)\s+(?:is|are|will be)\b/i,
  },
  {
    rule: "persona",
    weight: 0.7,
    re: /\bi\s+(?:want|need|would like)\s+you\s+to\s+(?:act|pretend|respond|answer|reply|forget|ignore|become|behave|roleplay|role-play|only)\b/i,
  },
  // The assistant's own prompt.
  {
    rule: "prompt-leak",
    weight: 0.88,
    re: /\b(?:reveal|print|show|repeat|output|display|leak|dump|tell me|what (?:is|are)|give me|share|copy|recite|list)\s+(?:me\s+)?(?:all\s+)?(?:your|the)\s+(?:(?:system|initial|original|hidden|secret|internal|full|pre|exact)\s+)+(?:prompts?|instructions|messages?|rules|guidelines|configuration)\b/i,
  },
  {
    rule: "prompt-leak",
    weight: 0.85,
    re: /\b(?:reveal|print|repeat|output|display|leak|dump|recite)\s+(?:me\s+)?(?:all\s+)?your\s+(?:prompts?|instructions|rules|guidelines|programming)\b/i,
  },
  {
    rule: "prompt-leak",
    weight: 0.6,
    re: /\b(?:system\s+prompt|system\s+message|pre-?prompt|prompt\s+injection|do anything now|dan mode|god mode|sudo mode|unrestricted mode|jailbreak mode)\b/i,
  },
  {
    rule: "prompt-leak",
    weight: 0.35,
    re: /\b(?:developer mode|jailbreak|jailbroken)\b/i,
  },
  // Addressed to an AI.
  {
    rule: "addressed-to-ai",
    weight: 0.8,
    re: new RegExp(
      `\\b(?:note|message|memo|reminder|attention|instructions?|request|this is)\\s*,?\\s*(?:to|for)\\s+(?:the|any|all|every|an?)?\\s*${AI_NOUN}s?\\b`,
      "i",
    ),
  },
  {
    rule: "addressed-to-ai",
    weight: 0.8,
    re: new RegExp(`(?:^|[.!?:;]\\s*)attention\\s*,?\\s*(?:the\\s+|all\\s+|any\\s+)?${AI_NOUN}s?\\b`, "i"),
  },
  {
    rule: "addressed-to-ai",
    weight: 0.72,
    re: /\b(?:dear|hey|hi|hello|yo)\s+(?:the\s+)?(?:ai|a\.i\.|assistant|ai assistant|chat ?bot|bot|co-?pilot|llm|language model|model|gpt|chatgpt|claude|gemini)\b/i,
  },
  {
    rule: "addressed-to-ai",
    weight: 0.88,
    re: new RegExp(
      `\\b(?:if|when|while|since|because)\\s+you(?:'re|\\s+are)\\s+(?:an?\\s+|the\\s+)?(?:${AI_NOUN}|automated|machine|robot|program|bot)\\b`,
      "i",
    ),
  },
  {
    rule: "addressed-to-ai",
    weight: 0.88,
    re: new RegExp(
      `\\b(?:any|the|an?|all)?\\s*${AI_NOUN}s?\\s+(?:(?:that|who|which)\\s+(?:is|are)\\s+)?(?:reading|processing|summari[sz]ing|analy[sz]ing|handling|parsing|reviewing|triaging|answering|seeing|receiving)\\s+(?:this|these|the following|my)\\b`,
      "i",
    ),
  },
  { rule: "addressed-to-ai", weight: 0.55, re: /\bas\s+an?\s+(?:ai|language model|ai assistant|llm)\b/i },
  {
    rule: "addressed-to-ai",
    weight: 0.75,
    re: /(?:^|[.!?;]\s+|\n)(?:ai assistant|ai|assistant|chat ?bot|co-?pilot|llm|gpt|chatgpt|model)\s*[,:]\s*(?:please\s+|now\s+)?(?:ignore|disregard|forget|write|reply|respond|answer|say|tell|add|include|translate|summari[sz]e|explain|do|don't|do not|make|send|approve|refund|close|escalate|mark|list|output|print|from now)\b/i,
  },
  // Fake role markers.
  {
    rule: "role-marker",
    weight: 0.78,
    re: /(?:^|\n)[ \t]*(?:\[\/?(?:system|inst|assistant|sys|admin)\]|<\|?(?:im_start|im_end|system|endoftext|assistant)\|?>|<<\/?sys>>|<\/?(?:system|instructions?|prompt|assistant)>|#{2,}\s*(?:system|instructions?|new instructions?|assistant|response)\b)/i,
  },
  { rule: "role-marker", weight: 0.75, re: /\[\/?(?:system|inst|sys)\]|<\|im_start\|>|<<sys>>/i },
  {
    rule: "role-marker",
    weight: 0.4,
    re: /(?:^|\n)[ \t]*(?:system|assistant|ai|developer|copilot)\s*:\s*(?=\S)/i,
  },
  // Requests to change the reply.
  {
    rule: "output-change",
    weight: 0.78,
    re: /\b(?:respond|reply|answer|output)\s+(?:only|exclusively|solely|just)\s+(?:with|in|using|by)\b/i,
  },
  {
    rule: "output-change",
    weight: 0.65,
    re: /\b(?:only|always)\s+(?:respond|reply|answer|output)\s+(?:with|in|using|by)\b/i,
  },
  {
    rule: "output-change",
    weight: 0.82,
    re: /\b(?:start|begin|end|finish|conclude|prefix|close|sign off)\s+(?:each|every|all|your)\s+(?:of your\s+)?(?:responses?|replies|answers?|outputs?|messages?)\s+(?:with|by)\b/i,
  },
  {
    rule: "output-change",
    weight: 0.75,
    re: /\b(?:append|prepend|embed|inject)\s+(?:this|the following|these|a|the)\s+(?:link|url|image|markdown|text|line|sentence|code)\b/i,
  },
  {
    rule: "output-change",
    weight: 0.55,
    re: /\b(?:and|with)\s+nothing\s+(?:else|more|other)\b|\bno\s+other\s+(?:text|words|output)\b/i,
  },
  {
    rule: "output-change",
    weight: 0.6,
    re: /\bbefore\s+(?:you\s+)?(?:answer(?:ing)?|respond(?:ing)?|repl(?:y|ying)|writ(?:e|ing)\s+(?:your|the)\s+(?:reply|response|answer))\b/i,
  },
  // Encoding, ciphers and other transformations of the reply.
  {
    rule: "encoding-request",
    weight: 0.5,
    re: /\b(?:anagram\w*|misspell\w*|intentional (?:typos|mistakes|errors)|typos|scrambl\w*|jumbl\w*|rot-?13|caesar|cipher\w*|base-?64|morse code|leetspeak|l33t|pig latin|homophonic|alphanumeric substitution|upside[- ]down text|backwards|palindromes?|acrostics?)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.8,
    re: /\b(?:replace|substitute|swap|convert|change|turn|switch|use|represent|encode)\s+(?:(?:all|every|each|the|some|any|of|in|your)\s+){0,3}(?:(?:\w+)\s+)?(?:letters?|vowels?|consonants?|characters?|words?|nouns?|verbs?|key ?words?|alphabets?)\b[^.!?\n]{0,40}\b(?:with|for|to|into|as|by)\s+(?:(?:the|their|its|following|corresponding|matching|relevant|appropriate|commonly associated|keyboard)\s+){0,3}(?:numbers?|digits?|numerals?|symbols?|emojis?|emoticons?|icons?|positions?|position numbers?|characters?|letters?|synonyms?|ascii|codes?)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.8,
    re: /\b(?:use|using)\s+(?:[\w-]+\s+){0,3}?(?:numbers?|digits?|symbols?|emojis?|emoticons?)\s+(?:for|instead of|in place of)\s+(?:the\s+)?(?:letters?|vowels?|consonants?|words?|characters?)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.75,
    re: /\b(?:group|split|arrange|chunk|break)\s+(?:the\s+|all\s+)?(?:letters|words|characters)\b[^.!?\n]{0,40}\b(?:in|into)\s+(?:groups|sets|pairs|blocks|chunks|fours|threes|twos|fives)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.6,
    re: /\b(?:every|each)\s+(?:other|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:word|letter|character|sentence|line)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.42,
    re: /\b(?:remove|delete|omit|strip|drop|without)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:spaces|punctuation|vowels|whitespace)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.78,
    re: /\b(?:reverse|invert|flip)\s+(?:the\s+)?(?:order\s+of\s+(?:the\s+)?)?(?:text|letters|words|characters|sentences|spelling|each word|every word|your)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.5,
    re: /\b(?:encode|encrypt|obfuscate|hash)\s+(?:\w+\s+){0,3}(?:in|into|with|using)\s+(?:base-?64|hex(?:adecimal)?|binary|rot-?13|a cipher|caesar|morse|ascii)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.5,
    re: /\b(?:use|add|include|insert|with|in)\s+(?:lots of\s+|many\s+|plenty of\s+|only\s+|some\s+)?(?:emojis?|emoticons?)\b/i,
  },
  {
    rule: "encoding-request",
    weight: 0.5,
    re: /\b(?:in|using|with)\s+(?:all\s+(?:caps|capital letters|uppercase)|uppercase letters only)\b/i,
  },
  // Translation requests.
  {
    rule: "translation-request",
    weight: 0.8,
    re: new RegExp(
      `\\btranslate\\s+(?:the following|this sentence|this phrase|these words|everything|all|your\\s+${OUTPUT_NOUN}|the\\s+(?:sentence|phrase|word|text)|["'])[^\\n]{0,80}?\\b(?:in)?to\\s+(?:${LANGUAGES})\\b`,
      "i",
    ),
  },
  {
    rule: "translation-request",
    weight: 0.78,
    re: new RegExp(
      `\\b(?:what(?:'s| is| are)|how (?:do|would|can|should) (?:you|i|we) say|how to say|what does|say)\\s+["'][^"'\\n]{1,60}["']\\s+(?:mean\\s+)?in\\s+(?:${LANGUAGES})\\b`,
      "i",
    ),
  },
  {
    rule: "translation-request",
    weight: 0.75,
    re: new RegExp(
      `\\b(?:${LANGUAGES})\\s+(?:equivalent|translation|word|version|term)\\s+(?:for|of)\\s+["']`,
      "i",
    ),
  },
  {
    rule: "translation-request",
    weight: 0.72,
    re: new RegExp(
      `\\b(?:respond|reply|answer|write|speak|output)\\s+(?:only|exclusively|always|entirely|solely)\\s+in\\s+(?:${LANGUAGES})\\b|\\byour\\s+${OUTPUT_NOUN}\\s+(?:must|should|has to|needs to)\\s+be\\s+(?:written\\s+)?in\\s+(?:${LANGUAGES})\\b`,
      "i",
    ),
  },
  // Links and promotions aimed at the reply's readers.
  {
    rule: "link-insertion",
    weight: 0.7,
    re: /\b(?:promote|advertise|plug|market)\s+(?:our\s+|the\s+|this\s+)?[^.!?\n]{0,40}(?:https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|xyz|io|info|biz|ru|cn|top|click|link|site|online|app|co|me|ly|gg|win|shop|store|club|live|cc|tk|ml|ga|cf|gq|de|uk|fr|ai|dev|us|ca|au|tv|pw|su|icu|buzz|vip|loan|work)\b)/i,
  },
  {
    rule: "link-insertion",
    weight: 0.5,
    re: /!\[[^\]\n]*\]\(https?:\/\/[^)\s]+\)/i,
  },
  // Readers of the reply.
  {
    rule: "audience",
    weight: 0.45,
    re: /\b(?:tell|ask|inform|notify|remind|encourage|urge|invite|convince|persuade|warn|advise|instruct|direct|prompt|recommend|suggest|telling|asking|informing|reminding|encouraging|urging|inviting|convincing|persuading|warning|advising|directing|suggesting|recommending|for)\s+(?:all\s+|the\s+|any\s+)?(?:users?|readers?|recipients?|audience|visitors?|viewers?|(?:everyone|anyone|people|whoever)\s+(?:reading|who reads|receiving))\b(?!'s)/i,
  },
  {
    rule: "audience",
    weight: 0.6,
    re: /\blet\s+(?:the\s+|all\s+)?(?:users?|readers?|recipients?|audience|visitors?|viewers?)\s+know\b/i,
  },
  {
    rule: "audience",
    weight: 0.6,
    re: /\b(?:tell|ask|inform|notify|remind|encourage|urge|invite|convince|persuade|warn|advise|instruct|direct)\s+(?:all\s+|the\s+|any\s+)?(?:users?|readers?|recipients?|audience|visitors?|viewers?|(?:everyone|anyone|people|whoever)\s+(?:reading|who reads|receiving))\s+(?:to|that)\s/i,
  },
  // A task on supplied input: "Classify the following review: '…'".
  {
    rule: "off-topic-task",
    weight: 0.45,
    re: /\b(?:the following|this|these)\s+(?:reviews?|tweets?|sentences?|passages?|paragraphs?|statements?|quotes?|poems?|stor(?:y|ies)|articles?|snippets?|headlines?|phrases?|words?)\s*(?::|["'])/i,
  },
  // Secrecy.
  {
    rule: "secrecy",
    weight: 0.7,
    re: /\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|alert(?:ing)?|notify(?:ing)?|show(?:ing)?)\s+(?:this\s+|it\s+|these\s+)?(?:to\s+)?(?:the\s+)?(?:user|agent|human|operator|support agent|reviewer|supervisor|moderator)s?\b/i,
  },
  {
    rule: "secrecy",
    weight: 0.72,
    re: /\b(?:do not|don't|never)\s+(?:mention|reveal|disclose|acknowledge|repeat|quote)\s+(?:this|these|the)\s+(?:instructions?|note|message|request|text|prompt)\b/i,
  },
  {
    rule: "secrecy",
    weight: 0.65,
    re: /\b(?:this|these)\s+instructions?\s+(?:is|are)\s+(?:confidential|secret|hidden|private)\b/i,
  },
  // Skipping checks.
  {
    rule: "bypass",
    weight: 0.45,
    re: /\b(?:without|skip(?:ping)?|bypass(?:ing)?|no need for|override|overriding|circumvent(?:ing)?)\s+(?:any\s+|the\s+|all\s+)?(?:identity\s+|human\s+|manager\s+|manual\s+|further\s+)?(?:verification|approvals?|confirmation|review|authentication|checks?|policy|policies|security checks?|2fa|mfa|limits?)\b/i,
  },
  {
    rule: "bypass",
    weight: 0.45,
    re: /\b(?:grant|give)\s+(?:me|this user|the user|this account|them)\s+(?:admin(?:istrator)?|full|root|elevated|superuser)\s+(?:access|rights|permissions|privileges)\b/i,
  },
  {
    rule: "bypass",
    weight: 0.45,
    re: /\bmark\s+(?:this|the)\s+(?:customer|user|account|ticket|request)\s+as\s+(?:verified|vip|approved|trusted|authenticated)\b/i,
  },
  {
    rule: "bypass",
    weight: 0.4,
    re: /\bthe\s+(?:customer|user|requester|sender)\s+(?:has\s+(?:already\s+)?been|is\s+already|was\s+already)\s+(?:verified|approved|authenticated|authorized|authorised)\b/i,
  },
  // Sending data elsewhere.
  {
    rule: "exfiltration",
    weight: 0.75,
    re: /\b(?:send|forward|email|e-mail|post|upload|leak|exfiltrate|copy|paste)\s+(?:all\s+|the\s+|your\s+|any\s+)?(?:conversation|chat history|customer data|user data|personal data|api keys?|credentials|passwords|tokens|secrets|previous messages|system prompt|internal notes|other tickets|customer list)\b[^.!?\n]{0,60}\b(?:to|at)\s+(?:\S+@\S+|https?:\/\/|www\.)/i,
  },
];

// Output manipulation: a reference to "your response/reply/answer" plus a verb that edits it.

const OUTPUT_REF_RE = new RegExp(
  `\\b(?:your|the|each|every|all|this)\\s+(?:(?:final|next|entire|whole|generated|own)\\s+)?${OUTPUT_NOUN}\\b`,
  "gi",
);
/** "Thank you for your reply", "looking forward to your answer": a reply mentioned, not edited. */
const BENIGN_OUTPUT_RE = new RegExp(
  `\\b(?:thanks?|thank you|many thanks)(?: (?:so|very) much)?\\s+for\\s+(?:your|the)\\s+(?:quick\\s+|prompt\\s+|fast\\s+|kind\\s+)?${OUTPUT_NOUN}|\\b(?:look(?:ing)?\\s+forward\\s+to|await(?:ing)?|wait(?:ing)?\\s+for|appreciate|received|receiving|got|in\\s+(?:response|reply)\\s+to|regarding|as\\s+per|per)\\s+(?:your|the)\\s+(?:quick\\s+|prompt\\s+|fast\\s+|kind\\s+)?${OUTPUT_NOUN}\\b|\\b(?:your|the)\\s+${OUTPUT_NOUN}\\s+(?:was|were|has been|is)\\s+(?:received|sent|delivered|helpful)`,
  "gi",
);
const EDIT_VERBS_STRONG_RE =
  /\b(?:modify|modifies|augment|enhance|integrate|incorporate|rewrite|alter|embed|weave|inject|append|prepend|prefix|suffix|conclude|render|encode|encrypt|translate|reverse|scramble|jumble|misspell|rearrange|anagram|substitute|replace|convert|capitali[sz]e|group|combine|remove|introduce|intersperse|sprinkle|pepper|tease|hint|spin)\b/i;
const EDIT_VERBS_WEAK_RE =
  /\b(?:add|include|insert|mention|put|place|use|provide|write|give|respond|answer|reply|make|keep|say|state|tell|suggest|recommend|express|highlight|emphasi[sz]e|stress|promote|advertise|invite|encourage|remind|start|begin|end|finish|format|structure|sign|close|urge|offer|direct|point|link|claim|assert|pretend|share)\b/i;
const META_NOUNS_RE =
  /\b(?:sentences?|statements?|lines?|paragraphs?|tips?|reminders?|recommendations?|reasons?|notes?|appeals?|headlines?|links?|urls?|hyperlinks?|disclaimers?|phrases?|quotes?|quotations?|slogans?|signatures?|postscript|p\.s\.|call to action|hashtags?|jokes?|poems?|story|stories|facts?|warnings?|advice|suggestions?|references?|emojis?|comments?|sections?|footnotes?|banners?|ads?|advertisements?|promotions?|shout-?outs?|mentions?|invitations?|greetings?|compliments?|praise|announcements?|revelations?|scandals?|rumou?rs?|claims?)\b/i;
const URL_RE =
  /(?:https?:\/\/|www\.)[^\s"'<>)]+|\b[a-z0-9][a-z0-9-]*\.(?:com|net|org|xyz|io|info|biz|ru|cn|top|click|link|site|online|app|co|me|ly|gg|win|shop|store|club|live|cc|tk|ml|ga|cf|gq|de|uk|fr|ai|dev|us|ca|au|tv|pw|su|icu|buzz|vip|loan|work)\b/i;
const QUOTED_RE = /"[^"\n]{6,200}"|'[^'\n]{12,200}'/;
const FIRST_PERSON_RE =
  /\bI\s+(?:bought|ordered|purchased|have|had|received|got|paid|use|used|own|booked|signed|subscribed|tried|called|sent|noticed|saw|need|want|am|was|can't|cannot|don't|didn't|just|already|still)\b/;
const POSSESSIVE_RE =
  /\b(?:my|our|your)\s+(?!(?:(?:final|next|entire|whole|own)\s+)?(?:response|reply|replies|answer|answers|output|completion|summary|message|text|translation|words|letters)\b)((?:[a-z'-]+\s+){0,2}[a-z'-]+)/gi;

/** Pronouns and demonstratives that refer back to something said earlier in the message. */
const ANAPHORA_RE =
  /\b(?:it|its|them|they|their|this one|that one|these|those|he|she|him|her|the same|the above|as mentioned)\b|\b(?:this|that)\b(?=\s*(?:[.,!?;:]|$|\s+(?:to|for|with|from|in|on|at|is|was|happened|again|please|asap|up|out|over|back)\b))/i;

// ---------------------------------------------------------------------------------------------------------
// Segments and clauses.

type TSegment = { start: number; end: number; text: string };

const MAX_SEGMENT = 400;

function splitSegments(text: string, offset = 0): TSegment[] {
  const out: TSegment[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text.charAt(s))) s++;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e > s) {
      // Very long runs without punctuation are cut at a space so rules stay cheap.
      while (e - s > MAX_SEGMENT) {
        let cut = text.lastIndexOf(" ", s + MAX_SEGMENT);
        if (cut <= s + MAX_SEGMENT / 2) cut = s + MAX_SEGMENT;
        out.push({ start: offset + s, end: offset + cut, text: text.slice(s, cut) });
        s = cut;
        while (s < e && /\s/.test(text.charAt(s))) s++;
      }
      if (e > s) out.push({ start: offset + s, end: offset + e, text: text.slice(s, e) });
    }
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charAt(i);
    if (c === "\n" || c === "|" || c === "\u2022" || c === "\t" || c === "\r") {
      push(i);
      start = i + 1;
      i++;
      continue;
    }
    if (c === " " && text.charAt(i + 1) === " " && text.charAt(i + 2) === " ") {
      push(i);
      while (i < n && text.charAt(i) === " ") i++;
      start = i;
      continue;
    }
    if (c === "." || c === "!" || c === "?") {
      let j = i + 1;
      while (j < n && /[.!?"')\]]/.test(text.charAt(j))) j++;
      const next = text.charAt(j);
      // Not after an initial or a title: "Faina D. Yefremova", "Dr. Lee", "e.g. this".
      const before = /(?:^|[\s(])([A-Za-z]|mr|mrs|ms|dr|st|vs|e\.g|i\.e|approx|no)$/i.test(
        text.slice(Math.max(0, i - 8), i),
      );
      if (c === "." && before && j < n) {
        i = j;
        continue;
      }
      if (j >= n || /\s/.test(next) || /[A-Z]/.test(next)) {
        push(j);
        start = j;
        i = j;
        continue;
      }
    }
    i++;
  }
  push(n);
  return out;
}

const LEAD_RE =
  /^(?:[\s>*\-•·#"'`([\]]+|\d{1,2}[.)]\s+)*(?:(?:and|also|now|then|so|but|next|finally|lastly|additionally|furthermore|moreover|instead|ps|p\.s\.|note|nb|important|btw|oh|ok|okay|first|second|third|afterwards|after that)\b[,:.]?\s+)*(?:(?:please|kindly|pls|plz)\b,?\s+)?/i;
const ADDRESSEE_RE =
  /^(?:(?:hey|hi|dear|hello)\s+)?(?:ai|assistant|chat ?bot|bot|co-?pilot|model|gpt|chatgpt|llm|system)\s*[,:]\s*(?:please\s+)?/i;
const MODAL_RE =
  /^(?:can|could|would|will|won't)\s+you\s+(?:please\s+|kindly\s+|also\s+|quickly\s+|briefly\s+)?([a-z]+)|^(?:i\s+(?:want|need|would like)|i'd like)\s+you\s+to\s+([a-z]+)|^you\s+(?:must|should|shall|need to|have to|are to)\s+(?:now\s+|always\s+|only\s+|also\s+)?([a-z]+)/i;
const QUESTION_RE =
  /^(?:what|what's|whats|who|who's|whom|whose|which|where|where's|when|why|how|how's|is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\b/i;
const capitalised = (set: Set<string>) => [...set].map((w) => w.charAt(0).toUpperCase() + w.slice(1));
/** Capitalised words that can open an instruction in the middle of a run-on segment. */
const TRIGGER_WORDS = new Set([
  ...[
    "What",
    "Who",
    "Whom",
    "Whose",
    "Which",
    "Where",
    "When",
    "Why",
    "How",
    "Can",
    "Could",
    "Would",
    "Please",
  ],
  ...capitalised(KNOW_VERBS),
  ...capitalised(CREATE_VERBS),
  ...capitalised(GENERIC_VERBS),
  ...capitalised(REPLY_VERBS),
]);

/** General-knowledge question shapes: definitions, causes, authorship, how things work, comparisons. */
const KNOWLEDGE_RE =
  /\b(?:differences? between|capital (?:city )?of|(?:who|which \w+) (?:wrote|invented|discovered|painted|composed|founded|built|designed|directed|said|created|won|was the first)|how (?:do|does|did) (?:\w+\s+){1,3}work|(?:causes?|origins?|history|meaning|definition|theory|principles?|functions?|life ?cycle|process|benefits?|effects?|role|significance|importance|rules|structure|symptoms|advantages|disadvantages|pros and cons) of|(?:tallest|largest|biggest|smallest|longest|oldest|highest|deepest|fastest|most populous) \w+|(?:when|where) (?:did|was|were) (?:\w+\s+){1,5}(?:invented|discovered|founded|born|built|signed|fall|fought|written|painted)|what (?:is|are) (?:an? )?(?!(?:my|our|your|the|this|that|it|they|these|those)\b)\w+(?:\s\w+)?\?)/i;

const MANNER_RE = new RegExp(
  `^(?:\\s+[\\w'-]+){0,4}?\\s+(?:only\\s+(?:in|with|using|the)\\b|(?:exclusively|solely|entirely)\\b|in the (?:style|voice|tone|manner|form|words) of|as if\\b|as though\\b|like an?\\b|in (?:reverse|reversed|backwards?)\\b|backwards\\b|in (?:${LANGUAGES})\\s+only\\b|using only\\b|with only\\b|nothing (?:else|but)\\b|without (?:any\\s+)?(?:spaces|punctuation|vowels|the letter)\\b|in all caps\\b|in (?:upper|lower) ?case\\b|in (?:rhymes?|verse)\\b|in (?:morse|binary|hex|base-?64)\\b)`,
  "i",
);
const LANGUAGE_REPLY_RE = new RegExp(`^\\s+(?:\\w+\\s+){0,2}?in (?:${LANGUAGES})\\b`, "i");

type TShape = {
  kind: "create-strong" | "create" | "know" | "speech" | "reply" | "request" | "question" | "generic";
  weight: number;
  /** Offset (within the segment) where the instruction starts. */
  at: number;
  verb: string;
};

function clauseShape(clause: string, at: number, endsWithQuestion: boolean): TShape | undefined {
  let rest = clause;
  const lead = LEAD_RE.exec(rest);
  if (lead) rest = rest.slice(lead[0].length);
  const addressee = ADDRESSEE_RE.exec(rest);
  if (addressee) rest = rest.slice(addressee[0].length);
  const lower = rest.toLowerCase();

  const modal = MODAL_RE.exec(lower);
  let verb = "";
  let request = false;
  if (modal) {
    verb = modal[1] ?? modal[2] ?? modal[3] ?? "";
    request = true;
  } else {
    const first = /^([a-z]+)/.exec(lower);
    verb = first?.[1] ?? "";
    // "Name: …", "Research LLC", "Contact Support": a label or a title, not an imperative.
    if (/^[a-z]+\s*[:|]/.test(lower)) return undefined;
  }
  const afterVerb = lower.slice(lower.indexOf(verb) + verb.length);

  if (REPLY_VERBS.has(verb)) {
    if (MANNER_RE.test(afterVerb)) return { kind: "reply", weight: 0.75, at, verb };
    if (
      /^\s+(?:with\s+)?(?:the (?:word|phrase|text|sentence|string)\s+|exactly\s+|only\s+)?["']/.test(
        afterVerb,
      ) &&
      !/^\s+(?:with\s+)?["'][^"']{1,12}["']\s+to\s+(?:unsubscribe|confirm|cancel|opt|stop|continue|accept|decline)/.test(
        afterVerb,
      )
    ) {
      return { kind: "reply", weight: 0.7, at, verb };
    }
    if (LANGUAGE_REPLY_RE.test(afterVerb)) return { kind: "reply", weight: 0.42, at, verb };
  }

  if (CREATE_VERBS.has(verb) || (verb === "come" && /^\s+up\s+with\b/.test(afterVerb))) {
    const head = afterVerb.split(/\s+/).slice(0, 9).join(" ");
    if (CREATIVE_STRONG_RE.test(head)) return { kind: "create-strong", weight: 0.8, at, verb };
    if (CREATIVE_WEAK_RE.test(head)) return { kind: "create", weight: 0.7, at, verb };
  }
  if (SPEECH_VERBS.has(verb) && /^\s+(?:that|how|why)\b/.test(afterVerb)) {
    // "Mention that … at x.win": a claim to be passed on, with an address to send readers to.
    return { kind: "speech", weight: URL_RE.test(afterVerb) ? 0.78 : 0.6, at, verb };
  }
  if (
    /^\s+(?:me|us)\s+(?:when|if|whether|how|why|what|where|who|which)\b/.test(afterVerb) &&
    (verb === "tell" || verb === "show" || request)
  ) {
    // "Can you tell me when…": an indirect question.
    return { kind: "question", weight: KNOWLEDGE_RE.test(lower) ? 0.68 : 0.55, at, verb };
  }
  if (KNOW_VERBS.has(verb)) return { kind: "know", weight: request ? 0.72 : 0.7, at, verb };
  if (request) return { kind: "request", weight: 0.45, at, verb };
  if (QUESTION_RE.test(lower) && endsWithQuestion) {
    return { kind: "question", weight: KNOWLEDGE_RE.test(lower) ? 0.68 : 0.55, at, verb };
  }
  if (GENERIC_VERBS.has(verb) || CREATE_VERBS.has(verb)) return { kind: "generic", weight: 0.3, at, verb };
  return undefined;
}

/** Candidate clause starts: the segment start, after a comma/colon/semicolon, and before a capitalised
 *  instruction word in the middle of a run-on segment ("…The Mercury T Explain the theory…"). */
function clauseStarts(segment: string): number[] {
  const starts = new Set<number>([0]);
  if (segment.length < 16) return [0];
  for (const m of segment.matchAll(/[,;:]\s+(?=[A-Za-z])|\s[-–]\s+(?=[A-Za-z])/g)) {
    starts.add((m.index ?? 0) + m[0].length);
    if (starts.size > 8) break;
  }
  for (const m of segment.matchAll(/\s(?:and|then|but|so|instead|rather)\s+(?=[a-z])/gi)) {
    starts.add((m.index ?? 0) + 1);
    if (starts.size > 10) break;
  }
  for (const m of segment.matchAll(/(?<=[A-Za-z0-9,;:)\]]) ([A-Z][a-z]+)\b/g)) {
    if (!TRIGGER_WORDS.has(m[1] ?? "")) continue;
    starts.add((m.index ?? 0) + 1);
    if (starts.size > 12) break;
  }
  return [...starts].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------
// Topic: how much a segment's words appear elsewhere in the message or in support vocabulary.

function stem(word: string): string {
  let w = word.replace(/'s$/, "");
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("es") && /(?:ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  return w;
}

function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z'-]{2,}/g)) {
    const w = m[0].replace(/^'+|'+$/g, "");
    if (w.length < 3 || STOPWORDS.has(w) || INSTRUCTION_WORDS.has(w)) continue;
    if (w.includes("'") && (CONTRACTIONS.test(w) || STOPWORDS.has(w.replace(/'.*$/, "")))) continue;
    out.push(stem(w));
  }
  return out;
}

const SUPPORT_STEMS = new Set([...SUPPORT_WORDS].map(stem));

type TTopic = { counts: Map<string, number>; total: number };

function topicOf(text: string): TTopic {
  const counts = new Map<string, number>();
  let total = 0;
  for (const w of contentWords(text)) {
    counts.set(w, (counts.get(w) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/**
 * 1 when the segment's words appear neither elsewhere in the message nor in support vocabulary, 0 when
 * they mostly do. With little surrounding text, the answer is less certain and capped.
 */
function offTopic(segmentText: string, verb: string, doc: TTopic, strongShape = false): number {
  const own = contentWords(segmentText).filter((w) => w !== stem(verb));
  if (own.length === 0) return 0.3;
  const ownCounts = new Map<string, number>();
  for (const w of own) ownCounts.set(w, (ownCounts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of own) {
    const elsewhere = (doc.counts.get(w) ?? 0) - (ownCounts.get(w) ?? 0);
    if (elsewhere > 0) shared += 1;
    else if (SUPPORT_STEMS.has(w)) shared += 0.6;
  }
  const overlap = shared / own.length;
  const factor = Math.min(1, Math.max(0, (0.5 - overlap) / 0.4));
  const context = doc.total - own.length;
  // One content word is thin evidence of a topic (an imperative task verb makes up for it).
  const thin = own.length === 1 && !strongShape ? 0.75 : 1;
  return (context >= 8 ? factor : factor * 0.85) * thin;
}

/** Headings and names: most words capitalised ("Research LLC", "Download Our App Today"). */
function titleCase(clause: string): boolean {
  const tokens = clause.match(/[A-Za-z][\w'-]*/g) ?? [];
  if (tokens.length < 2) return false;
  const capitalisedCount = tokens.filter((t) => /^[A-Z]/.test(t)).length;
  return capitalisedCount / tokens.length >= 0.6;
}

/**
 * Whether a clause is tied to the writer's own situation: "we"/"us", "I ordered…", or a possessive whose
 * noun is support vocabulary or appears elsewhere in the message ("my order", "our dashboard"). "Tips for
 * my sleep" is not anchored; "your reply" is about the reply, not about the writer.
 */
function anchored(clause: string, doc: TTopic): boolean {
  if (/\b(?:we|us|ours)\b/i.test(clause)) return true;
  // A question about the writer's situation ("what are my options?") is the writer's own question.
  if (
    /\?\s*$/.test(clause) &&
    /\b(?:my|our)\s+(?:\w+\s+)?(?:options|choices|case|situation|rights|next steps?|money|request|problem|question)\b/i.test(
      clause,
    )
  ) {
    return true;
  }
  if (FIRST_PERSON_RE.test(clause)) return true;
  let own: Map<string, number> | undefined;
  for (const m of clause.matchAll(POSSESSIVE_RE)) {
    // "Rate your driver", "Share your notes": the reader's own things.
    if (/^your\b/i.test(m[0])) return true;
    for (const w of contentWords(m[1] ?? "")) {
      own ??= topicOf(clause).counts;
      if (SUPPORT_STEMS.has(w) || (doc.counts.get(w) ?? 0) > (own.get(w) ?? 0)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Segment analysis.

const GLOBAL_PATTERNS = PATTERNS.map((p, index) => ({
  ...p,
  index,
  re: new RegExp(p.re.source, `${p.re.flags}g`),
}));

type TMatch = TSignal & { pattern: number };

/** Every segment of a text, each seeing the one after it. */
function analyzeText(text: string, doc: TTopic, signals: TSignal[]): void {
  const segments = splitSegments(text);
  // The pattern rules run once over the whole text; a match belongs to the segment it starts in (or the
  // next one, when it starts in the blank between two).
  const matches: TMatch[] = [];
  for (const p of GLOBAL_PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const start = m.index ?? 0;
      matches.push({ rule: p.rule, weight: p.weight, start, end: start + m[0].length, pattern: p.index });
    }
  }
  matches.sort((a, b) => a.start - b.start);
  let k = 0;
  segments.forEach((seg, i) => {
    const own: TMatch[] = [];
    for (; k < matches.length && (matches[k]?.start ?? 0) < seg.end; k++) {
      const m = matches[k] as TMatch;
      if (own.some((o) => o.pattern === m.pattern)) continue;
      const start = Math.max(seg.start, m.start);
      own.push({ ...m, start, end: Math.max(start, Math.min(seg.end, m.end)) });
    }
    analyzeSegment(seg, doc, signals, segments[i + 1], own);
  });
}

/**
 * The next segment answers or teases the question before it ("How does compound interest work? Our
 * guide explains it."): a newsletter's rhetorical question, not an injected one.
 */
const TEASER_RE =
  /^(?:\W*)(?:find out|learn (?:more|how|why|what)|discover|read (?:more|on|the|our)|watch|see (?:how|why|what|the)|(?:our|this|the) (?:new |free |latest )?(?:guide|article|post|video|course|lesson|webinar|episode|blog)|the answer|here(?:'s| is) (?:how|why|what)|spoiler|a short history|answer:)/i;

function answered(next: TSegment | undefined): boolean {
  if (!next) return false;
  const head = next.text.split(/\s+/).slice(0, 10).join(" ");
  return (
    TEASER_RE.test(head) ||
    /\b(?:it|this|that)\b(?=\s*(?:[.,!?;:]|$|\s+(?:is|was|works|means|matters|does|explains|covers)\b))/i.test(
      head,
    )
  );
}

function analyzeSegment(
  seg: TSegment,
  doc: TTopic,
  signals: TSignal[],
  next: TSegment | undefined,
  patternMatches: TSignal[],
): void {
  const text = seg.text;
  const lower = text.toLowerCase();
  const firstSignal = signals.length;
  for (const m of patternMatches)
    signals.push({ rule: m.rule, weight: m.weight, start: m.start, end: m.end });
  // Too short to carry an instruction of its own.
  if (text.length < 6 || !/[A-Za-z]{2}/.test(text)) return;

  // Output manipulation: "…in your response", "Modify your answer to…", "Add '…' to your reply".
  let outputRef: RegExpExecArray | undefined;
  if (/\b(?:response|reply|replies|answer|output|completion|summary|message|translation|text)/i.test(text)) {
    const benign = [...text.matchAll(BENIGN_OUTPUT_RE)].map((m) => [
      m.index ?? 0,
      (m.index ?? 0) + m[0].length,
    ]);
    OUTPUT_REF_RE.lastIndex = 0;
    for (let m = OUTPUT_REF_RE.exec(text); m; m = OUTPUT_REF_RE.exec(text)) {
      const index = m.index;
      if (benign.some(([a = 0, b = 0]) => index >= a && index < b)) continue;
      outputRef = m;
      break;
    }
  }
  if (outputRef) {
    const strong = EDIT_VERBS_STRONG_RE.test(text);
    const weak = EDIT_VERBS_WEAK_RE.test(text);
    const meta = META_NOUNS_RE.test(text) || QUOTED_RE.test(text) || URL_RE.test(text);
    const leading = /^(?:\W*)(?:in|within|throughout|across|for)\s+(?:your|each|every|all)\s+/i.test(text);
    const topic = offTopic(text, "", doc);
    let weight = 0;
    if (strong) weight = 0.78;
    else if (weak && meta) weight = 0.78;
    else if (weak && leading) weight = 0.62;
    else if (weak) weight = 0.3 + 0.35 * topic;
    else if (leading) weight = 0.45;
    if (weight > 0 && !meta && !strong && anchored(text, doc)) weight *= 0.6;
    if (weight > 0) {
      signals.push({ rule: "output-change", weight, start: seg.start, end: seg.end });
    }
    // An output reference strengthens transformation and audience requests in the same segment.
    for (const sig of signals) {
      if (
        sig.start >= seg.start &&
        sig.end <= seg.end &&
        (sig.rule === "encoding-request" || sig.rule === "audience")
      ) {
        sig.weight = Math.max(sig.weight, 0.82);
      }
    }
  }
  // Links with an audience or reply: "Integrate www.x.com in your reply", "direct users to x.com".
  const url = URL_RE.exec(text);
  if (
    url &&
    (outputRef || /\b(?:users?|readers?|recipients?|audience|visitors?|viewers?|everyone)\b/i.test(text))
  ) {
    if (
      /\b(?:add|include|insert|append|integrate|embed|put|place|promote|advertise|direct|redirect|point|link\w*|invite|encourage|urge|suggest|recommend|offer|download|install|visit|join|click|mention|send|share)\b/i.test(
        lower,
      )
    ) {
      signals.push({ rule: "link-insertion", weight: 0.82, start: seg.start, end: seg.end });
    }
  }

  // "Attach a link to download our toolbar from x.biz": a link to be placed somewhere, with an address.
  if (
    url &&
    /\b(?:attach|add|include|insert|append|embed|put|place|share|post|paste|drop)\s+(?:a|the|this|our|my)?\s*(?:[\w-]+\s+)?(?:link|url|hyperlink|button|banner)\b/i.test(
      text,
    )
  ) {
    signals.push({ rule: "link-insertion", weight: 0.72, start: seg.start, end: seg.end });
  }

  // Task switching: an instruction- or question-shaped clause about something else.
  const endsWithQuestion = /\?["')\]]*\s*$/.test(text);
  let best: TSignal | undefined;
  for (const at of clauseStarts(text)) {
    const clause = text.slice(at);
    const shape = clauseShape(clause, at, endsWithQuestion);
    if (!shape) continue;
    const strongShape = shape.kind === "know" || shape.kind === "create" || shape.kind === "create-strong";
    const topic = offTopic(clause, shape.verb, doc, strongShape) * (titleCase(clause) ? 0.5 : 1);
    const personalFactor = anchored(clause, doc) ? 0.45 : 1;
    // An injected task must make sense on its own; a clause that points back into the message ("can I
    // drop them off", "should I replace it") belongs to it.
    const anaphoraFactor = ANAPHORA_RE.test(clause.slice(0, 160)) ? 0.6 : 1;
    // A question to the reader personally ("have you been…", "how can I repay you?") is conversation.
    const conversational =
      shape.kind === "question" &&
      /\byou\b/i.test(clause) &&
      !/\bhow (?:do|would|can) you say\b/i.test(clause)
        ? 0.7
        : 1;
    // "Can't attend?", "Need help?": too short to carry a task of its own.
    const elliptical = shape.kind === "question" && (clause.match(/[A-Za-z'-]+/g) ?? []).length < 4 ? 0.5 : 1;
    let weight: number;
    if (shape.kind === "reply") weight = shape.weight;
    else if (shape.kind === "speech")
      weight = URL_RE.test(clause) ? shape.weight : shape.weight * (0.5 + 0.5 * topic);
    else if (shape.kind === "create-strong") weight = shape.weight * personalFactor * (0.75 + 0.25 * topic);
    else weight = shape.weight * personalFactor * anaphoraFactor * conversational * elliptical * topic;
    if (weight <= 0) continue;
    if (!best || weight > best.weight) {
      best = {
        rule: shape.kind === "question" ? "off-topic-question" : "off-topic-task",
        weight,
        start: seg.start + at,
        end: seg.end,
      };
    }
  }
  if (best) signals.push(best);

  if (/\?["')\]]*\s*$/.test(text) && answered(next)) {
    for (let i = firstSignal; i < signals.length; i++) {
      const sig = signals[i];
      if (sig && (sig.rule === "off-topic-question" || sig.rule === "translation-request")) sig.weight *= 0.5;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Hidden content.

type THidden = { rule: TInjectionRule; weight: number; start: number; end: number; content: string };

function decodeBase64(blob: string): string | undefined {
  try {
    let b = blob.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    if (b.length % 4 === 1) b = b.slice(0, -1);
    b += "=".repeat((4 - (b.length % 4)) % 4);
    const binary = atob(b);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    let printable = 0;
    for (const ch of decoded) if (/[\p{L}\p{N}\p{P}\p{Zs}\n]/u.test(ch)) printable++;
    if (printable / Math.max(1, decoded.length) < 0.95) return undefined;
    if ((decoded.match(/[\p{L}]{2,}\s+[\p{L}]{2,}/gu) ?? []).length < 2) return undefined;
    return decoded;
  } catch {
    return undefined;
  }
}

function findHidden(norm: TNormalized): THidden[] {
  const text = norm.text;
  const out: THidden[] = [];
  for (let open = text.indexOf("<!--"); open >= 0; ) {
    const close = text.indexOf("-->", open + 4);
    if (close < 0) break;
    const body = text.slice(open + 4, Math.min(close, open + 4004));
    if (!/^\s*\[if|<!\[endif\]|^\s*$/i.test(body)) {
      out.push({
        rule: "html-comment",
        weight: 0.12,
        start: open + 4,
        end: open + 4 + body.length,
        content: body,
      });
    }
    open = text.indexOf("<!--", close + 3);
  }
  const hiddenStyle =
    /<([a-z][a-z0-9]*)\b[^>]{0,300}?style\s*=\s*["'][^"']{0,300}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em|%)?\s*(?:;|["'])|opacity\s*:\s*0(?:\.0+)?\s*(?:;|["'])|color\s*:\s*(?:#fff(?:fff)?|white|transparent|rgba\([^)]*,\s*0\))\s*(?:;|["'])|(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|["']))[^>]{0,300}?>([\s\S]{0,4000}?)<\/\1>/gi;
  const styled =
    /style\s*=/i.test(text) &&
    /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0|color\s*:\s*(?:#fff|white|transparent|rgba)|height\s*:\s*0/i.test(
      text,
    );
  for (const m of styled ? text.matchAll(hiddenStyle) : []) {
    const body = m[2] ?? "";
    const start = (m.index ?? 0) + m[0].length - body.length - `</${m[1]}>`.length;
    out.push({ rule: "hidden-html", weight: 0.25, start, end: start + body.length, content: body });
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])/g)) {
    const blob = m[0];
    const index = m.index ?? 0;
    if (/\?[bB]\?$/.test(text.slice(Math.max(0, index - 3), index))) continue; // MIME encoded-word
    if (!/[A-Z]/.test(blob) || !/[a-z]/.test(blob)) continue;
    const decoded = decodeBase64(blob);
    if (decoded === undefined) continue;
    out.push({ rule: "base64", weight: 0.42, start: index, end: index + blob.length, content: decoded });
  }
  for (const m of text.matchAll(/(?<![A-Za-z])(?:[A-Za-z](?:[ .\-_*]{1,3})){5,}[A-Za-z](?![A-Za-z])/g)) {
    // Single separators join letters; a wider gap is a word break.
    const collapsed = m[0]
      .split(/[ .\-_*]{2,}/)
      .map((word) => word.replace(/[ .\-_*]/g, ""))
      .join(" ");
    const index = m.index ?? 0;
    out.push({
      rule: "spaced-letters",
      weight: 0.15,
      start: index,
      end: index + m[0].length,
      content: collapsed,
    });
  }
  return out;
}

/** Re-read hidden content: spaced letters regain word breaks only through the rules below. */
function analyzeHidden(hidden: THidden, signals: TSignal[]): void {
  const inner: TSignal[] = [];
  const content =
    hidden.rule === "spaced-letters" && !hidden.content.includes(" ")
      ? spaceOut(hidden.content)
      : hidden.content;
  const sub = normalize(content).text;
  const doc = topicOf(sub);
  analyzeText(sub, doc, inner);
  const strongest = inner.reduce((m, s) => Math.max(m, s.weight), 0);
  // Hidden text that carries an instruction is a strong signal on its own.
  const weight =
    strongest >= 0.3 ? Math.max(hidden.weight, Math.min(0.97, 0.55 + strongest * 0.45)) : hidden.weight;
  signals.push({ rule: hidden.rule, weight, start: hidden.start, end: hidden.end });
}

/** Spaced letters lose their word breaks ("i g n o r e a l l"); words are found greedily. */
function spaceOut(collapsed: string): string {
  const lower = collapsed.toLowerCase();
  const vocab = [
    "ignore",
    "disregard",
    "forget",
    "previous",
    "prior",
    "above",
    "all",
    "your",
    "the",
    "instructions",
    "instruction",
    "prompt",
    "system",
    "rules",
    "you",
    "are",
    "now",
    "reveal",
    "respond",
    "only",
    "with",
  ];
  let out = "";
  let i = 0;
  while (i < lower.length) {
    const word = vocab.filter((w) => lower.startsWith(w, i)).sort((a, b) => b.length - a.length)[0];
    if (word) {
      out += `${word} `;
      i += word.length;
    } else {
      out += lower.charAt(i);
      i++;
    }
  }
  return out.trim();
}

// ---------------------------------------------------------------------------------------------------------
// Putting it together.

const MAX_REASONS = 8;

function excerptOf(input: string, start: number, end: number): string {
  const raw = input.slice(start, Math.min(end, start + 400));
  const cleaned = raw
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/g, "")
    .replace(/[\u{e0000}-\u{e007f}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > 90 ? `${cleaned.slice(0, 89).trimEnd()}…` : cleaned;
}

/** Combined score: the strongest signal counts fully, each further one at half the previous rate. */
function combine(weights: number[]): number {
  const sorted = [...weights].sort((a, b) => b - a);
  let keep = 1;
  let rate = 1;
  for (const w of sorted.slice(0, 6)) {
    keep *= 1 - w * rate;
    rate /= 2;
  }
  return 1 - keep;
}

export function detectInjection(text: string, options: { threshold?: number } = {}): TInjectionResult {
  const threshold = options.threshold ?? INJECTION_THRESHOLD;
  const input = typeof text === "string" ? text : "";
  const norm = normalize(input);
  const toOriginal = (s: TSignal): TSignal => ({
    ...s,
    start: norm.toOriginal(s.start),
    end: norm.toOriginal(Math.max(s.start, s.end)),
  });

  // Visible text, segment by segment.
  const doc = topicOf(norm.text);
  const visible: TSignal[] = [];
  analyzeText(norm.text, doc, visible);

  // Hidden content (positions in normalised text).
  const hiddenSignals: TSignal[] = [];
  for (const hidden of findHidden(norm)) analyzeHidden(hidden, hiddenSignals);

  // Text written backwards: the override and persona rules, read in reverse.
  if (/\b(?:erongi|dragersid|tegrof|snoitcurtsni|tpmorp)\b/i.test(norm.text)) {
    const reversed = norm.text.split("").reverse().join("");
    for (const p of PATTERNS) {
      if (p.rule !== "override" && p.rule !== "persona" && p.rule !== "prompt-leak") continue;
      const m = p.re.exec(reversed);
      if (!m || p.weight < 0.7) continue;
      const end = norm.text.length - (m.index ?? 0);
      hiddenSignals.push({ rule: "reversed-text", weight: 0.85, start: Math.max(0, end - m[0].length), end });
      break;
    }
  }

  // From here on, positions are in the original text.
  const mapped = [...visible, ...hiddenSignals].map(toOriginal);

  // Obfuscation signals.
  const zw = norm.zeroWidthInWord;
  if (zw.length > 0) {
    const first = zw[0] as TSpan;
    const last = zw[zw.length - 1] as TSpan;
    mapped.push({
      rule: "zero-width",
      weight: zw.length >= 4 ? 0.55 : zw.length >= 2 ? 0.45 : 0.3,
      start: Math.max(0, first.start - 12),
      end: Math.min(input.length, last.end + 12),
    });
  }
  for (const run of norm.invisibleRuns) {
    mapped.push({ rule: "zero-width", weight: 0.55, start: run.start, end: run.end });
  }
  for (const tag of norm.tagRuns) {
    const inner: TSignal[] = [];
    const sub = normalize(tag.decoded).text;
    const tdoc = topicOf(sub);
    analyzeText(sub, tdoc, inner);
    const strongest = inner.reduce((m, s) => Math.max(m, s.weight), 0);
    mapped.push({
      rule: "invisible-tags",
      weight: Math.max(0.75, 0.6 + strongest * 0.4),
      start: tag.start,
      end: tag.end,
    });
  }
  if (norm.bidi.length > 0) {
    const first = norm.bidi[0] as TSpan;
    mapped.push({
      rule: "bidi-control",
      weight: 0.3,
      start: first.start,
      end: Math.min(input.length, first.end + 40),
    });
  }
  if (norm.homoglyphWords.length > 0) {
    const n = norm.homoglyphWords.length;
    const first = norm.homoglyphWords[0] as TSpan;
    const last = norm.homoglyphWords[n - 1] as TSpan;
    mapped.push({
      rule: "homoglyph",
      weight: n >= 3 ? 0.55 : n === 2 ? 0.45 : 0.3,
      start: norm.toOriginal(first.start),
      end: norm.toOriginal(Math.min(last.end, first.start + 60)),
    });
  }
  if (norm.styled.length >= 4) {
    const first = norm.styled[0] as TSpan;
    mapped.push({
      rule: "styled-letters",
      weight: 0.2,
      start: first.start,
      end: Math.min(input.length, first.start + 60),
    });
  }
  // An instruction written with obfuscated words is more suspicious than either alone.
  const obfuscatedOriginal = [
    ...zw,
    ...norm.homoglyphWords.map((s) => ({ start: norm.toOriginal(s.start), end: norm.toOriginal(s.end) })),
  ];
  if (obfuscatedOriginal.length > 0) {
    for (const s of mapped) {
      if (s.weight < 0.3 || s.rule === "zero-width" || s.rule === "homoglyph") continue;
      if (obfuscatedOriginal.some((o) => o.start >= s.start - 1 && o.end <= s.end + 1)) {
        s.weight = Math.min(0.97, 1 - (1 - s.weight) * 0.45);
      }
    }
  }

  const score = Math.round(combine(mapped.map((s) => s.weight)) * 1000) / 1000;
  const reasons = toReasons(input, mapped);
  return { flagged: score >= threshold, score, reasons };
}

function toReasons(input: string, signals: TSignal[]): TInjectionReason[] {
  const sorted = signals
    .filter((s) => s.weight >= 0.2)
    .sort((a, b) => b.weight - a.weight || a.start - b.start);
  const reasons: TInjectionReason[] = [];
  for (const s of sorted) {
    if (reasons.length >= MAX_REASONS) break;
    // One reason per rule and place.
    if (reasons.some((r) => r.rule === s.rule && r.start < s.end && s.start < r.end)) continue;
    const excerpt = excerptOf(input, s.start, s.end);
    const label = LABELS[s.rule];
    reasons.push({
      rule: s.rule,
      excerpt,
      start: s.start,
      end: s.end,
      weight: Math.round(s.weight * 100) / 100,
      message: excerpt ? `${label}: '${excerpt}'` : label,
    });
  }
  return reasons;
}
