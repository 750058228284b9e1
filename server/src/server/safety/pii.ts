/*
 * PII detection and redaction for free text, before it reaches a model, an index or a log.
 *
 *   detectPii(text)          -> spans of personal data: type, offsets, value; sorted, non-overlapping
 *   redactPii(text)          -> { text with [EMAIL_1], [PERSON_2], ... placeholders, spans, vault }
 *   restorePii(text, vault)  -> the placeholders put back (for the agent's own view only)
 *
 * What is found, and how (decision record 011):
 * - EMAIL_ADDRESS, IBAN_CODE (ISO 13616 length + mod-97), CREDIT_CARD (Luhn, 12-19 digits, issuer
 *   prefix or a "card" cue), US_SSN (SSA area/group/serial rules), IP_ADDRESS (IPv4 octets, IPv6
 *   forms), PHONE_NUMBER (international, North American, trunk-prefixed national formats; looser
 *   groupings only next to words such as "phone", "call", "fax"): pii-patterns.ts.
 * - STREET_ADDRESS: a street core (house number + street type in several languages, post-office
 *   and military boxes, corners) grown over unit, city, state, post code and country: pii-address.ts.
 * - PERSON: compromise's people() plus honorifics, cue words, name lexicons and line layout:
 *   pii-person.ts.
 *
 * Overlaps are resolved by a fixed priority: validated identifiers first (e-mail, IBAN, card, SSN,
 * IP), then phone, then street address, then person. A lower-priority span that overlaps a higher
 * one is dropped, except addresses and names, which keep the part that does not overlap.
 *
 * Pure TypeScript, no I/O. Every regular expression is anchored so that each input position is tried
 * a bounded number of times; the name tagger (compromise) runs on at most NLP_BUDGET characters.
 */
import { detectAddresses } from "./pii-address";
import { detectCards, detectEmails, detectIbans, detectIps, detectPhones, detectSsns } from "./pii-patterns";
import { detectPersons } from "./pii-person";
import { isLowerCaseText, tokenize } from "./pii-tokens";
import { PII_ENTITY_TYPES, type TPiiCandidate, type TPiiEntityType, type TPiiSpan } from "./pii-types";

export { PII_ENTITY_TYPES, type TPiiEntityType, type TPiiSpan } from "./pii-types";

/** Which span wins where two overlap: earlier in this list wins. */
export const PII_PRIORITY: readonly TPiiEntityType[] = [
  "EMAIL_ADDRESS",
  "IBAN_CODE",
  "CREDIT_CARD",
  "US_SSN",
  "IP_ADDRESS",
  "PHONE_NUMBER",
  "STREET_ADDRESS",
  "PERSON",
];

/** The placeholder label of each type: [EMAIL_1], [PERSON_2]. */
export const PII_LABELS: Readonly<Record<TPiiEntityType, string>> = {
  EMAIL_ADDRESS: "EMAIL",
  PHONE_NUMBER: "PHONE",
  CREDIT_CARD: "CARD",
  IBAN_CODE: "IBAN",
  US_SSN: "SSN",
  IP_ADDRESS: "IP",
  STREET_ADDRESS: "ADDRESS",
  PERSON: "PERSON",
};

// Types whose partial value is meaningless: they are dropped whole when something outranks them.
const ATOMIC = new Set<TPiiEntityType>([
  "EMAIL_ADDRESS",
  "IBAN_CODE",
  "CREDIT_CARD",
  "US_SSN",
  "IP_ADDRESS",
  "PHONE_NUMBER",
]);

export type TPiiDetectOptions = {
  /** The types to look for (default: all). */
  types?: readonly TPiiEntityType[];
};

/** Finds personal data in `text`: sorted, non-overlapping spans. */
export function detectPii(text: string, options: TPiiDetectOptions = {}): TPiiSpan[] {
  if (text.length === 0) return [];
  const wanted = new Set(options.types ?? PII_ENTITY_TYPES);
  const candidates: TPiiCandidate[] = [
    ...detectEmails(text),
    ...detectIbans(text),
    ...detectCards(text),
    ...detectSsns(text),
    ...detectIps(text),
    ...detectPhones(text),
  ];
  const needsWords = wanted.has("STREET_ADDRESS") || wanted.has("PERSON");
  if (needsWords) {
    const tokens = tokenize(text);
    const lowerMode = isLowerCaseText(text);
    const addresses = detectAddresses(text, tokens, lowerMode);
    candidates.push(...addresses);
    if (wanted.has("PERSON")) candidates.push(...detectPersons(text, tokens, lowerMode));
  }
  // Resolve over every type, then keep the wanted ones: an unwanted card still shields its digits.
  return resolveOverlaps(text, candidates).filter((s) => wanted.has(s.type));
}

/** Resolves overlapping candidates by PII_PRIORITY (see the module comment). */
export function resolveOverlaps(text: string, candidates: readonly TPiiCandidate[]): TPiiSpan[] {
  // Spans of one type are disjoint after merging, so each type only meets the types above it: one
  // sorted list of what is already taken, searched by bisection.
  const merged = mergeSameType(candidates);
  let taken: TPiiCandidate[] = [];
  for (const type of PII_PRIORITY) {
    const tier: TPiiCandidate[] = [];
    for (const c of merged) {
      if (c.type !== type) continue;
      const clashes = overlapping(taken, c);
      if (clashes.length === 0) {
        tier.push(c);
        continue;
      }
      if (ATOMIC.has(c.type)) continue;
      for (const piece of subtract(c, clashes)) {
        const trimmed = trimPiece(text, piece);
        if (trimmed && /[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(text.slice(trimmed.start, trimmed.end)))
          tier.push(trimmed);
      }
    }
    if (tier.length > 0) taken = [...taken, ...tier].sort((a, b) => a.start - b.start);
  }
  return taken
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ type: c.type, start: c.start, end: c.end, value: text.slice(c.start, c.end) }));
}

// The spans of `sorted` (disjoint, by start) that overlap `c`.
function overlapping(sorted: readonly TPiiCandidate[], c: TPiiCandidate): TPiiCandidate[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.end ?? 0) <= c.start) lo = mid + 1;
    else hi = mid;
  }
  const out: TPiiCandidate[] = [];
  for (let i = lo; i < sorted.length; i += 1) {
    const s = sorted[i];
    if (s === undefined || s.start >= c.end) break;
    out.push(s);
  }
  return out;
}

function mergeSameType(candidates: readonly TPiiCandidate[]): TPiiCandidate[] {
  const sorted = [...candidates]
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TPiiCandidate[] = [];
  const lastOfType = new Map<TPiiEntityType, TPiiCandidate>();
  for (const c of sorted) {
    const last = lastOfType.get(c.type);
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      continue;
    }
    const copy = { ...c };
    out.push(copy);
    lastOfType.set(c.type, copy);
  }
  return out;
}

function subtract(c: TPiiCandidate, clashes: TPiiCandidate[]): TPiiCandidate[] {
  let pieces: TPiiCandidate[] = [{ ...c }];
  for (const a of clashes) {
    pieces = pieces.flatMap((p) => {
      if (a.end <= p.start || a.start >= p.end) return [p];
      const out: TPiiCandidate[] = [];
      if (a.start > p.start) out.push({ type: p.type, start: p.start, end: a.start });
      if (a.end < p.end) out.push({ type: p.type, start: a.end, end: p.end });
      return out;
    });
  }
  return pieces;
}

function trimPiece(text: string, p: TPiiCandidate): TPiiCandidate | null {
  let { start, end } = p;
  while (start < end && /[\s,;:.\-–(]/.test(text[start] ?? "")) start += 1;
  while (end > start && /[\s,;:\-–(]/.test(text[end - 1] ?? "")) end -= 1;
  return end > start ? { type: p.type, start, end } : null;
}

// ---- redaction -------------------------------------------------------------------------------------

/** Placeholder -> original value, for restorePii. Holds personal data: never log or persist it. */
export type TPiiVault = Record<string, string>;

export type TPiiRedactOptions = TPiiDetectOptions & {
  /** Spans already found for this text (detectPii is not run again). */
  spans?: readonly TPiiSpan[];
};

export type TPiiRedaction = { text: string; spans: TPiiSpan[]; vault: TPiiVault };

/**
 * Replaces personal data with placeholders such as [EMAIL_1] or [PERSON_2]. Within one call the same
 * value of the same type always gets the same placeholder, so a model can still tell two people
 * apart and refer to each consistently.
 */
export function redactPii(text: string, options: TPiiRedactOptions = {}): TPiiRedaction {
  const spans = options.spans ? [...options.spans] : detectPii(text, options);
  const vault: TPiiVault = {};
  const byValue = new Map<string, string>();
  const counters = new Map<string, number>();
  let out = "";
  let cursor = 0;
  for (const span of spans) {
    const label = PII_LABELS[span.type];
    const key = `${span.type}\u0000${normalizeValue(span.type, span.value)}`;
    let placeholder = byValue.get(key);
    if (placeholder === undefined) {
      const n = (counters.get(label) ?? 0) + 1;
      counters.set(label, n);
      placeholder = `[${label}_${n}]`;
      byValue.set(key, placeholder);
      vault[placeholder] = span.value;
    }
    out += text.slice(cursor, span.start) + placeholder;
    cursor = span.end;
  }
  out += text.slice(cursor);
  return { text: out, spans, vault };
}

// Two spellings of one value share a placeholder: case and spacing for e-mails and names, separators
// for numbers.
function normalizeValue(type: TPiiEntityType, value: string): string {
  switch (type) {
    case "EMAIL_ADDRESS":
    case "IBAN_CODE":
      return value.toLowerCase().replace(/\s+/g, "");
    case "CREDIT_CARD":
    case "US_SSN":
    case "PHONE_NUMBER":
      return value.replace(/[^\d+]/g, "");
    default:
      return value.toLowerCase().replace(/\s+/g, " ");
  }
}

const PLACEHOLDER = /\[(?:EMAIL|PHONE|CARD|IBAN|SSN|IP|ADDRESS|PERSON)_\d+\]/g;

/** Puts the original values back in place of the placeholders a redaction produced. */
export function restorePii(text: string, vault: TPiiVault): string {
  return text.replace(PLACEHOLDER, (placeholder) =>
    Object.hasOwn(vault, placeholder) ? (vault[placeholder] ?? placeholder) : placeholder,
  );
}
