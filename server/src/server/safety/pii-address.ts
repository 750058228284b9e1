/*
 * Street addresses in free text, in the formats support teams see: US and UK ("1600 Main St Apt. 4,
 * Springfield, IL 62704"), continental European with the house number after the street
 * ("Wingertweg 126", "ul. Polna 3", "Rua Augusta 12", "Erzsébet tér 19."), post-office boxes, US
 * military mail (PSC/Unit ... APO/FPO/DPO), street corners, and multi-line address blocks.
 *
 * It works in two steps. First it finds a street "core": a house number next to a street type word
 * (Street, Rd, Rua, Via, ...gade, ...katu, ...), a number-name-number group, or a name and a number
 * after words that announce an address ("lives at", "my address is", "deliver to"). Then it grows the
 * core with what follows it: apartment or suite, city, state, post code and country, on the same line
 * or on the next lines of a block. Nothing is found without a core, so a lone "Room 5" or a city name
 * is left alone.
 */
import { isCalendarWord, isCommonWord } from "./pii-lexicon";
import { blankBetween, type TToken } from "./pii-tokens";
import { type TPiiCandidate, textBefore } from "./pii-types";
import {
  COMPOUND_STREET_ENDINGS,
  COUNTRIES,
  FOREIGN_STREET_SUFFIXES,
  MULTI_WORD_COUNTRIES,
  NAME_PARTICLES,
  STREET_PREFIXES,
  STREET_SUFFIXES,
  STRONG_STREET_SUFFIXES,
  UNIT_WORDS,
} from "./pii-words";

type TRange = { start: number; end: number };

// Function words that never belong to a street name.
const STOP = new Set(
  `the a an and or but of in on at to for from by with is are was were be been am i we you he she it
   they me my our your his her their this that these those please thanks hi hello dear if so as than
   then there here what which who when where why how not no yes am pm`.split(/\s+/),
);

// Particles inside street and place names (Rua do Arenque, Paseo del Atlántico, Turkovice u Prelouce).
const PLACE_PARTICLES = new Set([
  ...NAME_PARTICLES,
  ..."da do das dos de del della delle dei degli du des la le les l d u v na nad pod am im an der sur sous en lès el los las i e och og".split(
    " ",
  ),
]);

const ABBREVIATIONS_WITH_DOT = new Set(
  "st str rd ave av avda blvd ln dr ct pl sq ter hwy pkwy cir cres ul al os pr bd c u apt ste rm fl bldg no mt ft".split(
    " ",
  ),
);

const ADDRESS_CUE =
  /\b(?:address(?:es)?|addr|live[sd]?|living|reside[sd]?|residence|located|location|situated|deliver(?:ed|y)?|ship(?:ped|ping)?(?: it)? to|send(?: it)? to|sent to|mail(?:ed)? to|post(?:ed)? to|return(?:ed)?(?: it)? to|moved to|move to|taxi to|pick(?:ed)? (?:me )?up (?:at|from)|drop(?:ped)? (?:me )?off at|meet (?:you |me )?at|(?:is|are|was|it's|it is|its) (?:at|on|in)|corner of|side of|billing|shipping)\b/i;

const isNum = (t: TToken | undefined, maxDigits = 5): t is TToken =>
  t !== undefined && t.kind === "num" && t.text.replace(/\D/g, "").length <= maxDigits;

export function detectAddresses(text: string, tokens: TToken[], lowerMode: boolean): TPiiCandidate[] {
  const at = (i: number): TToken | undefined => tokens[i];
  // Token i+1 sits on the same line as token i with only spaces between.
  const nextOnLine = (i: number): boolean => {
    const a = at(i);
    const b = at(i + 1);
    return a !== undefined && b !== undefined && b.kind !== "nl" && blankBetween(text, a.end, b.start);
  };
  // A "." glued to token i (St., u., ul.).
  const dotAfter = (i: number): boolean => {
    const a = at(i);
    const b = at(i + 1);
    return a !== undefined && b !== undefined && b.text === "." && b.start === a.end;
  };

  // Capitalised, or an elided particle before a capital (d'Ouchy, dell'Orso).
  const capOk = (t: TToken) => t.cap || lowerMode || /^\p{Ll}{1,4}['’]\p{Lu}/u.test(t.text);
  // A word that can be part of a street name.
  const streetWord = (t: TToken | undefined, strict: boolean): boolean => {
    if (t === undefined) return false;
    if (t.kind === "ord") return true;
    if (t.kind !== "word") return false;
    if (PLACE_PARTICLES.has(t.lower) && !t.cap) return true;
    if (STOP.has(t.lower) || isCalendarWord(t.lower)) return false;
    if (!capOk(t)) return false;
    return !strict || !isCommonWord(t.lower) || t.upper;
  };
  const isUnitWord = (i: number) => {
    const t = at(i);
    return t !== undefined && t.kind === "word" && UNIT_WORDS.has(t.lower);
  };
  // Unit at token i: "Apt. 4", "Suite 501", "unit #12". Returns the index of its last token or -1.
  const unitAt = (i: number): number => {
    // "2nd Floor", "3rd fl."
    if (at(i)?.kind === "ord" && nextOnLine(i) && /^(?:floor|fl)$/.test(at(i + 1)?.lower ?? ""))
      return dotAfter(i + 1) ? i + 2 : i + 1;
    if (!isUnitWord(i)) return -1;
    let j = i;
    if (dotAfter(j)) j += 1;
    if (at(j + 1)?.text === "#" && nextOnLine(j)) j += 1;
    if (nextOnLine(j) && isNum(at(j + 1), 5)) return j + 1;
    return -1;
  };
  // Skips a glued "." after token i when token i is an abbreviation.
  const withAbbrevDot = (i: number): number => {
    const t = at(i);
    return t && dotAfter(i) && ABBREVIATIONS_WITH_DOT.has(t.lower) ? i + 1 : i;
  };
  // Name words of a street from token i on, on one line: returns the indexes of the words.
  const nameRun = (i: number, max: number, strict: boolean): number[] => {
    const out: number[] = [];
    let j = i;
    while (out.length < max && streetWord(at(j), strict)) {
      out.push(j);
      const next = withAbbrevDot(j);
      if (!nextOnLine(next)) break;
      j = next + 1;
    }
    return out;
  };
  // After a street core ending at token i: what comes next on the line ends the address politely.
  const endsCleanly = (i: number): boolean => {
    const next = at(i + 1);
    if (next === undefined || next.kind === "nl") return true;
    if (next.kind === "punct") return /^[,.;:!?)"'’”]$/.test(next.text);
    if (isUnitWord(i + 1)) return true;
    return next.kind === "word" && !next.cap && !lowerMode;
  };

  // A house number: a number standing alone, not the cents of "$200.00", a time or a fraction.
  const houseNumber = (i: number, maxDigits = 5): boolean => {
    const t = at(i);
    if (!isNum(t, maxDigits)) return false;
    const before = text[t.start - 1];
    return before === undefined || /[\s(,]/.test(before);
  };

  const cores: TRange[] = [];
  const addCore = (from: number, to: number) => {
    const a = at(from);
    const b = at(to);
    if (a && b) cores.push({ start: a.start, end: b.end });
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.kind === "nl") continue;

    if (houseNumber(i, 6)) {
      // 1. English order: number, name, street type ("221 Baker Street", "1819 St. John Street").
      if (nextOnLine(i)) {
        const names = nameRun(i + 1, 6, false);
        let best = -1;
        for (let k = 1; k < names.length; k += 1) {
          const idx = names[k] ?? -1;
          const word = at(idx);
          if (
            word &&
            STREET_SUFFIXES.has(word.lower) &&
            (word.cap || lowerMode || STRONG_STREET_SUFFIXES.has(word.lower))
          )
            best = withAbbrevDot(idx);
        }
        if (best >= 0) {
          // "67 Devon Street West".
          if (
            nextOnLine(best) &&
            /^(?:north|south|east|west|n|s|e|w|ne|nw|se|sw)$/i.test(at(best + 1)?.text ?? "")
          )
            best += 1;
          addCore(i, best);
          continue;
        }
      }
      // 5. Number, name, number ("28245 Puruntie 82", "0645 Reyes Católicos 17").
      if (isNum(t, 5) && nextOnLine(i)) {
        const names = nameRun(i + 1, 3, true);
        const last = names.at(-1);
        if (last !== undefined && names.some((n) => !PLACE_PARTICLES.has(at(n)?.lower ?? ""))) {
          const after = withAbbrevDot(last);
          if (nextOnLine(after) && isNum(at(after + 1), 4) && endsCleanly(after + 1)) {
            addCore(i, after + 1);
            continue;
          }
          // 6. Number, name, unit ("2505 Heatherleigh Suite 620").
          if (nextOnLine(after) && unitAt(after + 1) >= 0) {
            addCore(i, unitAt(after + 1));
            continue;
          }
        }
      }
    }

    if (t.kind !== "word") continue;

    // 2. Street type first: "Rua Augusta 12", "ul. Polna 3", "C/ Mayor 5", "63 Avenue du Golf Arabe".
    const slashC = t.lower === "c" && at(i + 1)?.text === "/" && at(i + 1)?.start === t.end;
    if (STREET_PREFIXES.has(t.lower) || slashC) {
      const afterNumber = houseNumber(i - 1) && blankBetween(text, at(i - 1)?.end ?? 0, t.start);
      const abbreviated = dotAfter(i) || slashC;
      if (t.cap || lowerMode || afterNumber || abbreviated) {
        const first = slashC || dotAfter(i) ? i + 1 : i;
        if (nextOnLine(first)) {
          const names = nameRun(first + 1, 5, !afterNumber);
          const last = names.at(-1);
          if (last !== undefined) {
            const after = withAbbrevDot(last);
            if (nextOnLine(after) && isNum(at(after + 1), 5)) {
              addCore(i, dotAfter(after + 1) ? after + 2 : after + 1);
              continue;
            }
            if (afterNumber) {
              addCore(i, after);
              continue;
            }
          }
        }
      }
    }

    // 3. Separate street type after the name: "Erzsébet tér 19.", "Király u. 15.", "Trenerys gate 232".
    if (streetWord(t, true) && t.cap) {
      let j = i;
      let found = -1;
      for (let n = 0; n < 4 && nextOnLine(j); n += 1) {
        const next = at(j + 1);
        if (next === undefined || next.kind !== "word") break;
        const suffixOk =
          FOREIGN_STREET_SUFFIXES.has(next.lower) &&
          (!next.cap || /^(?:str|straße|strasse|weg|platz|allee|gasse|ring)$/.test(next.lower)) &&
          (next.lower !== "u" || dotAfter(j + 1));
        if (suffixOk) {
          const after = withAbbrevDot(j + 1);
          if (nextOnLine(after) && isNum(at(after + 1), 5))
            found = dotAfter(after + 1) ? after + 2 : after + 1;
          break;
        }
        if (next.lower === "gate" || STOP.has(next.lower)) break;
        j += 1;
      }
      if (found >= 0) {
        addCore(i, found);
        continue;
      }
    }

    // 4. Compound street names: "Søndergade 52", "Kiannonkatu 98", "Parijsstraat 8".
    if (capOk(t) || t.lower === t.text) {
      const ending = COMPOUND_STREET_ENDINGS.find(
        (e) => t.lower.endsWith(e) && t.lower.length >= e.length + 3,
      );
      if (
        ending &&
        !isCommonWord(t.lower) &&
        nextOnLine(i) &&
        isNum(at(i + 1), 5) &&
        (capOk(t) || lowerMode)
      ) {
        // An adjective or first name before it belongs to the street (Brucker Bundesstraße, C. Beerninckstraat).
        let from = i;
        const prev = at(i - 1);
        if (prev?.text === "." && at(i - 2)?.text.length === 1 && at(i - 2)?.cap) from = i - 2;
        else if (
          prev &&
          prev.kind === "word" &&
          prev.cap &&
          blankBetween(text, prev.end, t.start) &&
          streetWord(prev, true)
        )
          from = i - 1;
        addCore(from, dotAfter(i + 1) ? i + 2 : i + 1);
        continue;
      }
    }

    // 10. A named street without a number: "Baker Street", "Herceg Gateway St." (not "St. John").
    if (t.cap && !STOP.has(t.lower)) {
      const names = nameRun(i, 4, false);
      for (let k = 1; k < names.length; k += 1) {
        const idx = names[k] ?? -1;
        const word = at(idx);
        if (!word?.cap || !STRONG_STREET_SUFFIXES.has(word.lower)) continue;
        const end = withAbbrevDot(idx);
        const next = at(end + 1);
        if (next && next.kind === "word" && next.cap && nextOnLine(end)) break;
        addCore(i, end);
        break;
      }
    }

    // 7. After words that announce an address: "lives on Joaquin Suarez 2906", "is at 9816 214 Pavlou".
    if (t.cap || lowerMode) {
      const names = nameRun(i, 4, false);
      const last = names.at(-1);
      const hasName = names.some((n) => {
        const w = at(n);
        return (
          w !== undefined && w.kind === "word" && !PLACE_PARTICLES.has(w.lower) && !isCommonWord(w.lower)
        );
      });
      if (
        last !== undefined &&
        hasName &&
        nextOnLine(last) &&
        isNum(at(last + 1), 5) &&
        endsCleanly(last + 1)
      ) {
        if (cueBefore(text, t.start)) {
          addCore(i, last + 1);
        }
      }
    }
  }

  // 7b. A number (or two) then a name to the end of the clause, after an address cue.
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (!t || !houseNumber(i) || isNum(at(i - 1)) || !cueBefore(text, t.start)) continue;
    let j = i;
    if (nextOnLine(j) && isNum(at(j + 1), 5)) j += 1;
    if (!nextOnLine(j)) continue;
    const names = nameRun(j + 1, 4, false);
    const last = names.at(-1);
    if (last === undefined) continue;
    const next = at(last + 1);
    const clauseEnd = next === undefined || next.kind === "nl" || /^[,.;!?]$/.test(next.text);
    const hasName = names.some((n) => !isCommonWord(at(n)?.lower ?? "") || lowerMode);
    if (clauseEnd && hasName) addCore(i, last);
  }

  // 8. Post-office boxes and US military mail.
  for (const re of [PO_BOX, MILITARY_BOX, MILITARY_SHIP]) {
    for (const m of text.matchAll(re)) cores.push({ start: m.index, end: m.index + m[0].length });
  }

  // 9. Street corners: "the corner of 11 Botley Road and Herceg Gateway St.".
  for (const m of text.matchAll(CORNER)) {
    const end = cornerEnd(text, m.index + m[0].length);
    const body = text.slice(m.index + m[0].length, end);
    if (/\band\b|&/.test(body) && /\d|\p{Lu}/u.test(body)) cores.push({ start: m.index, end });
  }

  if (cores.length === 0) return [];
  const units = findUnits(tokens, unitAt);
  const grown = cores.map((core) => grow(core, text, units, lowerMode));
  return mergeRanges(grown, text).map((r) => ({ type: "STREET_ADDRESS" as const, ...trimRange(text, r) }));
}

function cueBefore(text: string, start: number): boolean {
  let window = textBefore(text, start, 90);
  const sentence = window.search(/[.!?](?=\s+\S[^.!?]*$)/);
  if (sentence >= 0) window = window.slice(sentence + 1);
  return ADDRESS_CUE.test(window);
}

const PO_BOX =
  /(?<![\p{L}\p{N}])(?:P\.? ?O\.? ?Box|Post(?:al)? ?(?:Office )?Box|Postbox|Postfach|Apartado(?: de correos)?|Caixa Postal|Bo[iî]te postale)\s*#?\s*\d{1,6}(?![\p{N}])/giu;
const MILITARY_BOX =
  /(?<![\p{L}\p{N}])(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}(?:\s*,?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?(?![\p{N}])/giu;
const MILITARY_SHIP =
  /(?<![\p{L}\p{N}])(?:USNS|USNV|USS|USCGC)\s+[\p{L}'’-]+(?:[ \t]+[\p{L}'’-]+)?\s*,?\s*(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}(?![\p{N}])/giu;
const CORNER = /(?<![\p{L}])(?:the\s+)?corner\s+of\s+/giu;

// The end of "the corner of X and Y": the end of the clause, but not at the dot of "St." or "u.".
function cornerEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 80);
  for (let i = from; i < limit; i += 1) {
    const ch = text[i];
    if (ch === "\n" || ch === "," || ch === ";" || ch === "?" || ch === "!") return i;
    if (ch === ".") {
      const word = /([\p{L}]+)$/u.exec(text.slice(Math.max(from, i - 8), i))?.[1]?.toLowerCase() ?? "";
      if (!ABBREVIATIONS_WITH_DOT.has(word) && word.length !== 1) return i;
      if (i + 1 >= text.length || text[i + 1] === "\n") return i + 1;
    }
  }
  return limit;
}

function findUnits(tokens: TToken[], unitAt: (i: number) => number): TRange[] {
  const out: TRange[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const end = unitAt(i);
    const a = tokens[i];
    const b = tokens[end];
    if (end >= 0 && a && b) out.push({ start: a.start, end: b.end });
  }
  return out;
}

// ---- growing a core into a whole address ---------------------------------------------------------

const LINE_PREFIX = /^[ \t>?*•|-]*/;
const UNIT_LINE =
  /^(?:apt|apartment|suite|ste|unit|flat|room|rm|floor|fl|bldg|building)\.?\s*#?\s*\d{1,5}[A-Za-z]?$/i;
// Post codes: 5 digits (US, DE, FR, ...), 4 (AT, CH, DK, ...), "340 12" (SE), "53-320" (PL), UK, Canada.
const POSTCODE = String.raw`(?:\d{3,6}(?:[ -]\d{2,3})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)`;
const ZIP_LINE = new RegExp(String.raw`^,?\s*${POSTCODE}$`);
const STATE_LINE = /^,\s*[\p{L}\d]{1,4}$/u;
const ZIP_AT_END = new RegExp(String.raw`(?:,?\s+|^)${POSTCODE}$`);
const ZIP_FIRST = new RegExp(String.raw`^${POSTCODE}\s+(.+)$`);
const IS_POSTCODE = new RegExp(`^${POSTCODE}$`);
const TAIL_WORD = new RegExp(
  String.raw`(${POSTCODE}(?![\p{L}\p{N}])|[\p{L}\p{M}][\p{L}\p{M}'’.-]*|\([\p{L}\p{M}]+\))([ \t]*,?[ \t]*)`,
  "uy",
);
const PLACE_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|\([\p{L}\p{M}]+\)|nan)$/u;
const CLOSINGS = /^(?:thanks|thank|regards|best|cheers|sincerely|yours|hi|hello|dear|kind|warm|ps|p\.s)\b/i;

function isCountry(words: string): boolean {
  const lower = words.toLowerCase().replace(/\s+/g, " ").trim();
  return COUNTRIES.has(lower) || MULTI_WORD_COUNTRIES.includes(lower);
}

// What a following line of an address block is, if it is one.
function continuation(line: string, lowerMode: boolean): "unit" | "zip" | "place" | "country" | null {
  const content = line.replace(LINE_PREFIX, "").trim().replace(/\.$/, "");
  if (content === "" || content.length > 48 || /[:@/\\]/.test(content)) return null;
  if (UNIT_LINE.test(content)) return "unit";
  if (ZIP_LINE.test(content)) return "zip";
  // "0155 Oslo", "75004 Paris": post code first, as most of Europe writes it.
  const zipFirst = ZIP_FIRST.exec(content);
  if (zipFirst) {
    const place = (zipFirst[1] ?? "").split(/\s+/);
    return place.length <= 4 && place.every((w) => PLACE_WORD.test(w) || PLACE_PARTICLES.has(w.toLowerCase()))
      ? "zip"
      : null;
  }
  if (STATE_LINE.test(content)) return "place";
  if (CLOSINGS.test(content)) return null;
  const withoutZip = content
    .replace(ZIP_AT_END, "")
    .replace(/,\s*[\p{L}\d]{1,4}$/u, "")
    .trim();
  if (withoutZip === "" || /\d/.test(withoutZip)) return null;
  if (isCountry(withoutZip)) return "country";
  const words = withoutZip.split(/[\s,]+/).filter(Boolean);
  if (words.length > 5) return null;
  const placeLike = words.every(
    (w) =>
      PLACE_WORD.test(w) ||
      PLACE_PARTICLES.has(w.toLowerCase()) ||
      (lowerMode && /^[\p{L}\p{M}'’.-]+$/u.test(w)),
  );
  if (!placeLike) return null;
  if (!lowerMode && words.every((w) => isCommonWord(w.toLowerCase()) && !/^\p{Lu}+$/u.test(w))) return null;
  return ZIP_AT_END.test(content) ? "country" : "place";
}

function grow(core: TRange, text: string, units: TRange[], lowerMode: boolean): TRange {
  // Units are sorted and do not overlap: the nearest one on either side, if only spaces or commas
  // separate it from the address.
  const gapOk = (from: number, to: number) => to - from < 8 && /^[ \t,]*$/.test(text.slice(from, to));
  const unitEndingBefore = (list: TRange[], offset: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.end ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    const u = list[lo - 1];
    return u && gapOk(u.end, offset) ? u : undefined;
  };
  const unitStartingAfter = (list: TRange[], offset: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.start ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    const u = list[lo];
    return u && gapOk(offset, u.start) ? u : undefined;
  };
  let { start, end } = core;

  // Left: house or building numbers and a unit just before ("Apt. 675 62314 Mellemvej 32").
  for (let guard = 0; guard < 3; guard += 1) {
    const before = textBefore(text, start, 24);
    const num = /(?<![\p{L}\p{N}.,])(\d{1,5}[A-Za-z]?)[ \t]+$/u.exec(before);
    if (num) {
      start -= num[0].length;
      continue;
    }
    const unit = unitEndingBefore(units, start);
    if (unit) {
      start = unit.start;
      continue;
    }
    break;
  }

  for (let guard = 0; guard < 12; guard += 1) {
    // A unit right after ("Apt. 4", ", Suite 200").
    const unit = unitStartingAfter(units, end);
    if (unit) {
      end = unit.end;
      continue;
    }
    const lineEnd = text.indexOf("\n", end);
    const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
    // City, state, post code and country on the same line.
    const tail = inlineTail(rest, lowerMode);
    if (tail > 0) {
      end += tail;
      continue;
    }
    // The next lines of a block, when the address ends its line.
    if (/^[ \t.,]*$/.test(rest) && lineEnd >= 0) {
      const next = nextBlockLine(text, lineEnd, lowerMode);
      if (next > 0) {
        end = next;
        continue;
      }
    }
    break;
  }
  return { start, end };
}

// The length of the place part (", Springfield, IL 62704") at the start of `rest`, or 0.
function inlineTail(rest: string, lowerMode: boolean, needZipOrCountry = false): number {
  const m = /^([ \t]*,?[ \t]*)/.exec(rest);
  const lead = m?.[1] ?? "";
  const startsWithComma = lead.includes(",");
  const parts: string[] = [];
  let consumed = lead.length;
  let lastGood = 0;
  let sawPlace = false;
  let sawZipOrCountry = false;
  let onlyCommon = true;
  const re = TAIL_WORD;
  re.lastIndex = consumed;
  for (let n = 0; n < 8; n += 1) {
    const w = re.exec(rest);
    if (!w) break;
    const word = w[1] ?? "";
    const isZip = IS_POSTCODE.test(word);
    const lower = word.toLowerCase();
    const particle = PLACE_PARTICLES.has(lower) || lower === "nan";
    if (!isZip && !particle && !PLACE_WORD.test(word) && !lowerMode) break;
    // "ON", "IN", "OR" in capitals are states and provinces, not words.
    const stateCode = /^\p{Lu}{2}$/u.test(word);
    if (!isZip && !particle && !stateCode && (STOP.has(lower) || isCalendarWord(lower))) break;
    if (!isZip && UNIT_WORDS.has(lower)) break;
    if (!isZip && !particle && !(isCommonWord(lower) && !/^\p{Lu}+$/u.test(word) && !isCountry(word)))
      onlyCommon = false;
    parts.push(word);
    consumed = w.index + (w[1]?.length ?? 0);
    if (!particle) lastGood = consumed;
    if (isZip || isCountry(word) || isCountry(parts.slice(-2).join(" "))) sawZipOrCountry = true;
    if (!isZip) sawPlace = true;
    re.lastIndex = w.index + w[0].length;
    if (isZip && /\d$/.test(word)) {
      // A post code usually ends the address, except for a country after it.
      const after = rest.slice(re.lastIndex);
      if (!/^\p{Lu}/u.test(after)) break;
    }
  }
  if (lastGood === 0) return 0;
  const remainder = rest.slice(lastGood);
  const atClauseEnd = /^[ \t]*(?:[.;!?)]|$)/.test(remainder) || /^[ \t]*,[ \t]*(?:and|or)\b/.test(remainder);
  const accept =
    sawZipOrCountry || (!needZipOrCountry && !onlyCommon && atClauseEnd && (startsWithComma || sawPlace));
  return accept ? lastGood : 0;
}

// The new end after the address block's next line(s) following the line break at `lineEnd`, or 0.
function nextBlockLine(text: string, lineEnd: number, lowerMode: boolean): number {
  let pos = lineEnd + 1;
  let blank = 0;
  for (let guard = 0; guard < 3; guard += 1) {
    const nl = text.indexOf("\n", pos);
    const line = text.slice(pos, nl < 0 ? text.length : nl);
    const kind = continuation(line, lowerMode);
    if (kind === null && blank === 0) {
      // "Caxias do Sul, RS 24893, and ...": the place part at the start of a longer line.
      const prefix = LINE_PREFIX.exec(line)?.[0].length ?? 0;
      const tail = inlineTail(line.slice(prefix), lowerMode, true);
      if (tail > 0) return pos + prefix + tail;
    }
    if (kind === null) {
      if (line.replace(LINE_PREFIX, "").trim() === "" && blank === 0 && nl >= 0) {
        blank += 1;
        pos = nl + 1;
        continue;
      }
      return 0;
    }
    // After a blank line only a post code or a country line still belongs to the address.
    if (blank > 0 && kind !== "zip" && kind !== "country") return 0;
    const content = line.replace(/[ \t.]+$/, "");
    return pos + content.length;
  }
  return 0;
}

function mergeRanges(ranges: TRange[], text: string): TRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && (r.start <= last.end || /^[\s,]*$/.test(text.slice(last.end, r.start)))) {
      last.end = Math.max(last.end, r.end);
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

function trimRange(text: string, r: TRange): TRange {
  let { start, end } = r;
  while (end > start && /[\s,;:]/.test(text[end - 1] ?? "")) end -= 1;
  while (start < end && /\s/.test(text[start] ?? "")) start += 1;
  if (text[end - 1] === ".") {
    const word = /([\p{L}]+)\.$/u.exec(text.slice(Math.max(start, end - 8), end))?.[1]?.toLowerCase();
    if (word === undefined || (!ABBREVIATIONS_WITH_DOT.has(word) && word.length > 1)) end -= 1;
  }
  return { start, end };
}
