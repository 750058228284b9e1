/*
 * Names of people in free text. Two sources, combined:
 *
 * 1. Runs of name-shaped words, kept when something says they are a person. A word is "strict" when
 *    it is capitalised and not an ordinary English word (Szöllösy, Kevin), "soft" when it is a
 *    capitalised ordinary word that is also used as a name (Baker, White, Crystal); initials (J, M.)
 *    and particles (van, de) may sit inside. Months next to a number, weekdays, products,
 *    organisations, places and street types are never name words. A run is a person when:
 *    - an honorific precedes it (Mr., Dr., Mrs.), or a cue that introduces a name ("my name is",
 *      "called", "Dear", "Regards,", "signed", "says", "directed by", "my kid", "Name:"): soft words
 *      are enough then;
 *    - it has a middle initial, a known given name first or a known surname last (compromise's
 *      lexicon), or two or more strict words;
 *    - it stands alone on a line (contact blocks), speaks ("Alice: ..."), is addressed ("Remember
 *      me, Chelsea?"), owns a family member ("Amanda's daughter"), or does something a person does
 *      ("Becker said", "Kadiev and Adams were").
 * 2. compromise's people() (run on at most NLP_BUDGET characters per text, sentence by sentence),
 *    its spans checked word by word so that "Sir bot" or "first celebrity" are dropped.
 *
 * A name accepted once makes its other mentions in the same text names too ("... than early
 * Yefremova?"). A run that ends in a street type or is followed by a house number is a street, not a
 * person; after "in", "from", "near" only strong evidence counts (places).
 *
 * In a text without any capital letter only strong evidence counts (cues, known given names,
 * initials), since every word looks the same there.
 */
import nlp from "compromise";
import {
  isCommonWord,
  isFirstName,
  isKnownName,
  isLastName,
  isOrganizationName,
  isPlaceName,
  isVerbOrAdjective,
} from "./pii-lexicon";
import type { TToken } from "./pii-tokens";
import { type TPiiCandidate, textAfter, textBefore } from "./pii-types";
import {
  AUXILIARY_VERBS,
  HONORIFICS,
  MONTHS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORG_WORDS,
  PERSON_VERBS,
  RELATION_WORDS,
  ROLE_WORDS,
  STREET_SUFFIXES,
  WEEKDAYS,
} from "./pii-words";

/** compromise is slow on long inputs (worse than linear per sentence): it sees this many characters. */
export const NLP_BUDGET = 8_000;
const NLP_CHUNK = 600;

// Cues that say the next words are a name, whatever they are ("her maiden name is Key").
const NAME_CUE_BEFORE =
  /(?:\b(?:my|his|her|their|your|our|the|maiden|first|last|full|middle|given|family|sur|partner's|husband's|wife's|mother's|father's)\s+name(?:\s+is|\s+was|'s)?|\bname(?:d|s| is)|\bname\s*[:?]|\bcalled|\bcall me|\bknown as)\s*[:,]?\s*$/i;
// Cues before a name that are enough when it has at least one name-like word ("Dear Ms. ...",
// "Regards,\nJonathan", "Customer: ...", "says Becker").
const STRONG_CUE_BEFORE =
  /(?:\bbest,[ \t]*\n\s*$|\b(?:i am|i'm|im|this is|it's|it is|dear|hi|hello|hey|thanks|thank you|regards|sincerely|cheers|best wishes|signed(?: by)?|says|said|asked|told|wrote|replied|directed by|written by|sung by|performed by|produced by|composed by|authored by|starring|featuring|features|tribute to|follow up with|speak (?:to|with)|spoke (?:to|with)|talk(?:ed)? (?:to|with)|on behalf of)\s*[:,]?\s*$|\b(?:signature|attn|attention|contact|contact person|agent|customer|user|client|cardholder|card holder|account holder|holder|from|to|cc|recipient|addressee|(?:billing|shipping|mailing|delivery|postal) address|ship to|bill to|deliver to)\s*:\s*$)/i;
// Weaker cues: enough for a run that is already name-shaped.
const WEAK_CUE_BEFORE =
  /\b(?:by|with|add|added|remove|removed|meet|met|see|saw|ask|tell|thank|contact|contacted|email|emailed|call|text|texted|heard|hear|invite|invited|hire|hired|assign|assigned|than|early|late|between|and|from)\s*$/i;
// Verbs of contact before one unknown word make it a person ("call Priya back"); "by Upwork" does not.
const CONTACT_VERB_BEFORE =
  /\b(?:call|email|emailed|text|texted|ask|tell|meet|met|thank|contact|contacted|invite|invited|hire|hired|assign|assigned|heard|hear)\s+$/i;
const HONORIFIC_BEFORE = /(?:^|[^\p{L}])(\p{L}+)\.?\s+$/u;
const SENTENCE_START = /(?:^|[.!?:;"“(\n]|\n\s*[>?*•-]+)\s*$/;
const WORD_BEFORE = /([\p{L}'’]+)\s+$/u;
// Places follow these; "shouted at Gary", "talk to Anna" are people, "flew to Phoenix" is not.
const LOCATIVE_BEFORE =
  /\b(?:in|from|near|into|across|around|visit|visited|visiting|toward|towards|at|to|city|town|village|country|state|county|province|region|capital|island)\s+$/i;
const PEOPLE_AT_TO =
  /\b(?:shout|shouted|yell|yelled|look|looked|laugh|laughed|smile|smiled|wave|waved|point|pointed|stare|stared|glance|glanced|scream|screamed|say|said|write|wrote|talk|talked|speak|spoke|send|sent|give|gave|reply|replied|listen|listened|belong|belongs|belonged|married|introduced|explained|lied|it|this|that|them|him|her)\s+(?:at|to)\s+$/i;
const VOCATIVE_FOLLOW =
  /^\s*,\s*(?:can|could|would|will|please|i|i'm|we|do|did|are|is|have|thanks|thank|how|what|where|when|why|you|it|this|that|hello|hi|yes|no|sorry)\b/i;
const STREET_AFTER = /^[ \t]*(?:St\.?|Street|Rd\.?|Road|Ave\.?|Avenue|Blvd\.?|Boulevard|Lane)\b/;
const NUMBER_AFTER = /^[ \t]+\d{1,5}\b(?![.,:/]\d)/;
const POSSESSIVE_END = /(?:'s|’s|'|’)$/u;

type TClass = "strict" | "soft" | "initial" | "particle";
type TRun = { from: number; to: number; strict: number; soft: number; initials: number; words: number[] };
type TSpan = { start: number; end: number };

export function detectPersons(text: string, tokens: TToken[], lowerMode: boolean): TPiiCandidate[] {
  const at = (i: number): TToken | undefined => tokens[i];
  const gapOk = (i: number) => {
    const a = at(i);
    const b = at(i + 1);
    return (
      a !== undefined &&
      b !== undefined &&
      b.kind !== "nl" &&
      /^[ \t\u00a0]{1,3}$/.test(text.slice(a.end, b.start))
    );
  };
  const dotAfter = (i: number) => {
    const a = at(i);
    const b = at(i + 1);
    return a !== undefined && b !== undefined && b.text === "." && b.start === a.end;
  };
  const numberNear = (i: number) => at(i - 1)?.kind === "num" || at(i + 1)?.kind === "num";
  const bare = (t: TToken) => t.lower.replace(POSSESSIVE_END, "");

  const classes = tokens.map((t, i): TClass | null => {
    if (t.kind !== "word") return null;
    const w = bare(t);
    if (/['’]\p{L}{1,2}$/u.test(w)) return null; // I'm, don't, we've
    if (w.length === 1) {
      if (!(t.cap || lowerMode)) return null;
      // "I" and "A" are words unless written as initials ("A. Smith").
      if (/^[ai]$/.test(w) && !dotAfter(i)) return null;
      return gapOk(i) || dotAfter(i) ? "initial" : null;
    }
    if (!t.cap) {
      if (NAME_PARTICLES.has(w)) return "particle";
      if (!lowerMode) return null;
    }
    if (t.upper && !lowerMode) return null;
    if (HONORIFICS.has(w) || ORG_WORDS.has(w) || NOT_NAME_WORDS.has(w) || WEEKDAYS.has(w)) return null;
    // "Jan 5", "May 2024" are dates; "Jan Novak", "April Ludgate" are people.
    if (MONTHS.has(w) && (numberNear(i) || (w.length > 3 && !isKnownName(w)))) return null;
    // Places and organisations can be surnames (Paris Hilton) but never make a name on their own.
    if ((isPlaceName(w) || isOrganizationName(w)) && !isKnownName(w)) return lowerMode ? null : "soft";
    // Both words of a known multi-word place ("San Francisco", "Buenos Aires").
    const neighbour = (j: number) => {
      const o = tokens[j];
      return o !== undefined &&
        o.kind === "word" &&
        /^[ \t]+$/.test(text.slice(Math.min(o.end, t.end), Math.max(o.start, t.start)))
        ? o.lower
        : undefined;
    };
    const prevWord = neighbour(i - 1);
    const nextWord = neighbour(i + 1);
    if ((prevWord && isPlaceName(`${prevWord} ${w}`)) || (nextWord && isPlaceName(`${w} ${nextWord}`)))
      return lowerMode ? null : "soft";
    const plural = w.length > 4 && w.endsWith("s") && !w.endsWith("ss") && isCommonWord(w.slice(0, -1));
    if (isCommonWord(w) || plural) return lowerMode ? null : "soft";
    return "strict";
  });

  // ---- runs -----------------------------------------------------------------------------------
  const runs: TRun[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const c = classes[i];
    if (c === null || c === undefined || c === "particle") continue;
    const words: number[] = [];
    let j = i;
    for (;;) {
      const cj = classes[j];
      if (cj === null || cj === undefined) break;
      words.push(j);
      const t = at(j);
      if (t && POSSESSIVE_END.test(t.text) && cj !== "initial") break;
      if (cj === "initial" && dotAfter(j)) j += 1;
      if (!gapOk(j) || words.length >= 6) break;
      j += 1;
    }
    i = Math.max(i, j);
    // Trim particles and initials at the end, and verbs or adjectives in front ("Cancel John's ...").
    while (
      words.length > 0 &&
      (classes[words.at(-1) ?? -1] === "particle" || classes[words.at(-1) ?? -1] === "initial")
    )
      words.pop();
    while (
      words.length > 1 &&
      classes[words[0] ?? -1] === "soft" &&
      isVerbOrAdjective(bare(at(words[0] ?? -1) as TToken))
    )
      words.shift();
    // ... and verbs at the end ("Hi David Attached is ...").
    while (words.length > 1 && classes[words.at(-1) ?? -1] === "soft") {
      const w = bare(at(words.at(-1) ?? -1) as TToken);
      if (!isVerbOrAdjective(w) && !/(?:ed|ing)$/.test(w)) break;
      words.pop();
    }
    const count = (k: TClass) => words.filter((w) => classes[w] === k).length;
    if (words.length === 0 || count("strict") + count("soft") === 0) continue;
    runs.push({
      from: words[0] ?? 0,
      to: words.at(-1) ?? 0,
      strict: count("strict"),
      soft: count("soft"),
      initials: count("initial"),
      words,
    });
  }

  const spanOf = (run: TRun): TSpan | null => {
    const a = at(run.from);
    const b = at(run.to);
    if (!a || !b) return null;
    const possessive = POSSESSIVE_END.exec(b.text);
    return { start: a.start, end: b.end - (possessive ? possessive[0].length : 0) };
  };

  const knownFirstOf = (run: TRun) => {
    const w = run.words.find((i) => classes[i] === "strict" || classes[i] === "soft");
    const t = w === undefined ? undefined : at(w);
    return t !== undefined && isFirstName(bare(t));
  };

  const accepted: TSpan[] = [];
  const acceptedEnds = new Set<number>();
  const acceptedStarts = new Set<number>();
  const decided = new Map<TRun, boolean>();
  const judge = (run: TRun): boolean => {
    const span = spanOf(run);
    const first = at(run.from);
    const last = at(run.to);
    if (!span || !first || !last) return false;
    const n = run.strict + run.soft;
    const before = textBefore(text, span.start, 48);
    const after = textAfter(text, span.end, 60);
    const rest = text.slice(span.end, span.end + 60);

    // A street ("Marina Fort Street", "Joaquin Suarez 2906") or an organisation ("Acme Partners").
    if (STREET_AFTER.test(after) || (NUMBER_AFTER.test(after) && !/:\s*$/.test(before))) return false;
    // An organisation word right after ("Smith Partners", "Acme AS"), written with a capital.
    const nextWord = /^[ \t]+(?:(?:&|and)[ \t]+)?(\p{Lu}\p{L}*)/u.exec(after)?.[1]?.toLowerCase();
    if (nextWord && ORG_WORDS.has(nextWord)) return false;

    const prevWord =
      WORD_BEFORE.exec(before)?.[1]
        ?.toLowerCase()
        .replace(/(?:'s|’s)$/, "") ?? "";
    const honorific = HONORIFIC_BEFORE.exec(before);
    const hasHonorific = honorific !== null && HONORIFICS.has((honorific[1] ?? "").toLowerCase());
    // "my kid Agi", "songwriter Alena Preclíková": the role word is written in lower case.
    const prevLower = /([\p{Ll}'’]+)\s+$/u.exec(before)?.[1]?.replace(/(?:'s|’s)$/, "") ?? "";
    const nameCue = hasHonorific || RELATION_WORDS.has(prevLower) || NAME_CUE_BEFORE.test(before);
    const strongCue = nameCue || ROLE_WORDS.has(prevLower) || STRONG_CUE_BEFORE.test(before);
    if (STREET_SUFFIXES.has(bare(last)) && n >= 2 && !strongCue) return false;
    // A title in quotes ("Tube Snake Boogie") or a thing someone owns ("Yefremova's Cautionary Tales").
    if (!strongCue && /["“«]$/.test(before) && /^["”»]/.test(after)) return false;
    if (
      !strongCue &&
      /\p{L}(?:'s|’s|'|’)\s+$/u.test(before) &&
      (run.soft > 0 || n === 1) &&
      !knownFirstOf(run)
    )
      return false;
    const weakCue = WEAK_CUE_BEFORE.test(before);
    const sentenceStart = SENTENCE_START.test(before);
    const lineStart = /(?:^|\n)[ \t>?*•|-]*$/.test(before);
    // "from" before one word is rather a place ("from Tunisia"), before a full name a person.
    const locative =
      LOCATIVE_BEFORE.test(before) && !PEOPLE_AT_TO.test(before) && !(n >= 2 && /\bfrom\s+$/i.test(before));
    const nameWords = run.words.filter((w) => classes[w] === "strict" || classes[w] === "soft");
    const firstName = at(nameWords[0] ?? -1);
    const lastName = at(nameWords.at(-1) ?? -1);
    const knownFirst = firstName !== undefined && isFirstName(bare(firstName));
    const knownLast = n >= 2 && lastName !== undefined && isLastName(bare(lastName));
    const possessiveNext = POSSESSIVE_END.test(last.text);
    const nextAfter = /^(?:'s|’s|')?[ \t]+(\p{L}+)/u.exec(rest)?.[1]?.toLowerCase() ?? "";
    const verbAfter = PERSON_VERBS.has(nextAfter);
    const auxAfter = AUXILIARY_VERBS.has(nextAfter);
    const relationAfter = possessiveNext && RELATION_WORDS.has(nextAfter);
    // "Alice: ..." at the start of a line (not "std::vector").
    const speaker = lineStart && n <= 2 && /^[ \t]*:(?!:)[ \t]*\S/.test(after);
    const ownLine = lineStart && /^[ \t]*(?:\n|$)/.test(after) && n + run.initials >= 2;
    // "Kadiev and Adams were": the verb after the second name counts for the first.
    const pair = /^[ \t]+(?:and|&)[ \t]+(\p{L}[\p{L}\p{M}'’-]*)[ \t]+(\p{L}+)/u.exec(after);
    const partner = pair?.[1] ?? "";
    const partnerIsName =
      /^\p{Lu}/u.test(partner) &&
      (!isCommonWord(partner.toLowerCase()) || isKnownName(partner.toLowerCase()));
    const pairedVerb =
      pair !== null &&
      /^\p{Lu}/u.test(partner) &&
      (PERSON_VERBS.has((pair[2] ?? "").toLowerCase()) ||
        AUXILIARY_VERBS.has((pair[2] ?? "").toLowerCase())) &&
      (run.strict > 0 || partnerIsName);
    const andBefore = /[ \t]+(?:and|&)[ \t]+$/.exec(before);
    const pairedBefore = andBefore !== null && acceptedEnds.has(span.start - andBefore[0].length);
    const vocative =
      (/,[ \t]*$/.test(before) && /^[ \t]*[?!]/.test(after)) ||
      (sentenceStart && VOCATIVE_FOLLOW.test(after));

    if (lowerMode) {
      return (
        strongCue ||
        (speaker && (knownFirst || /^[ \t]*:[ \t]*["“]/.test(after))) ||
        (run.initials > 0 && n >= 2) ||
        (knownFirst && (n >= 2 || verbAfter || possessiveNext || weakCue))
      );
    }
    if (nameCue || relationAfter) return n <= 4;
    if (strongCue)
      return n <= 4 && (run.strict > 0 || nameWords.some((w) => isKnownName(bare(at(w) as TToken))));
    if (pairedBefore) return n <= 3;
    if (run.strict === 0) return pairedVerb && n === 1;
    if (speaker && run.soft === 0) return true;
    if (n + run.initials >= 2) {
      if (run.initials > 0 || knownFirst || (knownLast && run.strict >= 1) || ownLine) return true;
      if (run.strict >= 2) return !locative;
      return !locative && (verbAfter || possessiveNext || weakCue);
    }
    // A single strict word.
    if (vocative || pairedVerb) return true;
    // "your Athena invoice", "the Orchestra": a thing, not a person.
    if (locative || /^(?:the|a|an|your|our|my|their|this|that|its)$/.test(prevWord)) return false;
    if (knownFirst)
      return !sentenceStart || verbAfter || auxAfter || possessiveNext || /^\s*[,:]/.test(after);
    if (!sentenceStart) {
      // "but Akifumi just has to", "ex-Zombie Kastner is"; not "New Zealand is", "the Orchestra was".
      const prevToken = /(\p{L}+)[ \t]+$/u.exec(before)?.[1] ?? "";
      const partOfProperNoun = /^\p{Lu}/u.test(prevToken) && NOT_NAME_WORDS.has(prevToken.toLowerCase());
      const determiner = /^(?:the|a|an|this|that|our|your|their|its)$/i.test(prevToken);
      return (
        verbAfter ||
        possessiveNext ||
        (weakCue && (CONTACT_VERB_BEFORE.test(before) || isKnownName(bare(first)))) ||
        (auxAfter && !partOfProperNoun && !determiner)
      );
    }
    // "Henrike's order never arrived."
    if (possessiveNext && /^(?:'s|’s)\s+\p{Ll}/u.test(rest)) return true;
    // A sentence-initial unknown word: a name when a person's verb follows ("Rintanen began", "Ari is
    // very reliable"), not after "is a" ("Zoolander is a film").
    if (/^\s+(?:is|are|was|were|will|can)\b/i.test(after))
      return /^\s+(?:is|was) (?:very|so|from|not|always|never|really|quite|my|our|your|his|her)\b/i.test(
        after,
      );
    if (/^\s+(?:has|had)\s+\p{Ll}+(?:ed|en|t)\b/u.test(after)) return true; // "Hakuba had given"
    return verbAfter;
  };

  for (const run of runs) {
    const ok = judge(run);
    decided.set(run, ok);
    const span = spanOf(run);
    if (ok && span) {
      accepted.push(span);
      acceptedEnds.add(span.end);
      acceptedStarts.add(span.start);
    }
  }
  // A second pass lets "Muslija and Brown" follow the name after them.
  for (const run of runs) {
    if (decided.get(run)) continue;
    const span = spanOf(run);
    if (!span) continue;
    const after = textAfter(text, span.end, 8);
    const m = /^[ \t]+(?:and|&)[ \t]+/.exec(after);
    if (m && acceptedStarts.has(span.end + m[0].length) && run.strict + run.soft <= 2) accepted.push(span);
  }

  const out: TPiiCandidate[] = accepted.map((s) => ({ type: "PERSON" as const, ...s }));

  // ---- compromise ------------------------------------------------------------------------------
  for (const p of nlpPeople(text)) {
    const idx: number[] = [];
    for (let i = tokenAt(tokens, p.start); i < tokens.length && (at(i)?.end ?? Infinity) <= p.end; i += 1) {
      if (at(i)?.kind === "word") idx.push(i);
    }
    while (idx.length > 0 && HONORIFICS.has(bare(at(idx[0] ?? -1) as TToken))) idx.shift();
    while (idx.length > 0 && NAME_SUFFIXES.has(bare(at(idx.at(-1) ?? -1) as TToken))) idx.pop();
    if (idx.length === 0) continue;
    if (!idx.every((i) => classes[i] !== null && classes[i] !== undefined)) continue;
    const nameLike = (i: number) => classes[i] === "strict" || isKnownName(bare(at(i) as TToken));
    if (!idx.every((i) => nameLike(i) || classes[i] === "initial" || classes[i] === "particle")) continue;
    const firstWord = at(idx[0] ?? -1);
    const lastWord = at(idx.at(-1) ?? -1);
    if (!firstWord || !lastWord) continue;
    const after = textAfter(text, lastWord.end, 40);
    if (NUMBER_AFTER.test(after) || STREET_AFTER.test(after) || STREET_SUFFIXES.has(bare(lastWord))) continue;
    const orgAfter = /^[ \t]+(?:(?:&|and)[ \t]+)?(\p{Lu}\p{L}*)/u.exec(after)?.[1]?.toLowerCase();
    if (orgAfter && ORG_WORDS.has(orgAfter)) continue;
    const beforeFirst = textBefore(text, firstWord.start, 30);
    if (LOCATIVE_BEFORE.test(beforeFirst) && !PEOPLE_AT_TO.test(beforeFirst) && !isFirstName(bare(firstWord)))
      continue;
    // One word at the start of a sentence ("Grant access to ...") needs a person's verb, a comma or 's.
    if (idx.length === 1 && SENTENCE_START.test(beforeFirst) && !personVerbAt(text, lastWord.end)) continue;
    const possessive = POSSESSIVE_END.exec(lastWord.text);
    out.push({
      type: "PERSON",
      start: firstWord.start,
      end: lastWord.end - (possessive ? possessive[0].length : 0),
    });
  }

  // ---- other mentions of an accepted name -------------------------------------------------------
  const known = new Map<string, TClass>();
  const covered = new Uint8Array(tokens.length);
  for (const c of out) {
    for (let i = tokenAt(tokens, c.start); i < tokens.length && (at(i)?.start ?? Infinity) < c.end; i += 1) {
      const t = at(i) as TToken;
      covered[i] = 1;
      const cls = classes[i];
      if ((cls === "strict" || cls === "soft") && bare(t).length >= 3) known.set(bare(t), cls);
    }
  }
  if (known.size > 0) {
    tokens.forEach((t, i) => {
      const cls = known.get(bare(t));
      if (cls === undefined || classes[i] === null || classes[i] === "initial" || covered[i]) return;
      const before = textBefore(text, t.start, 20);
      if (cls === "soft" && SENTENCE_START.test(before)) return;
      const after = textAfter(text, t.end, 12);
      if (NUMBER_AFTER.test(after) || STREET_AFTER.test(after)) return;
      const possessive = POSSESSIVE_END.exec(t.text);
      out.push({ type: "PERSON", start: t.start, end: t.end - (possessive ? possessive[0].length : 0) });
    });
  }
  return out;
}

/** The index of the first token that ends after `offset` (binary search). */
function tokenAt(tokens: TToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A person's verb or an auxiliary right after `end`, or a comma or possessive.
function personVerbAt(text: string, end: number): boolean {
  const rest = text.slice(end, end + 30);
  if (/^(?:'s|’s|')|^\s*[,:]/.test(rest)) return true;
  const next = /^\s+(\p{L}+)/u.exec(rest)?.[1]?.toLowerCase() ?? "";
  return PERSON_VERBS.has(next) || AUXILIARY_VERBS.has(next);
}

/** compromise's people() on the first NLP_BUDGET characters, in sentence-sized chunks. */
export function nlpPeople(text: string): TSpan[] {
  const out: TSpan[] = [];
  let offset = 0;
  let budget = NLP_BUDGET;
  while (offset < text.length && budget > 0) {
    let end = Math.min(text.length, offset + NLP_CHUNK);
    if (end < text.length) {
      // Cut after a line break or a sentence end, else at a space.
      const slice = text.slice(offset, end);
      const cut = Math.max(slice.lastIndexOf("\n"), slice.search(/[.!?]\s[^.!?]*$/) + 1);
      const space = slice.lastIndexOf(" ");
      if (cut > NLP_CHUNK / 3) end = offset + cut + 1;
      else if (space > NLP_CHUNK / 3) end = offset + space + 1;
    }
    const chunk = text.slice(offset, end);
    budget -= chunk.length;
    if (/\p{Lu}/u.test(chunk)) {
      const people = nlp(chunk).people().json({ offset: true }) as Array<{
        offset: { start: number; length: number };
      }>;
      for (const p of people) {
        out.push({ start: offset + p.offset.start, end: offset + p.offset.start + p.offset.length });
      }
    }
    offset = end;
  }
  return out;
}
