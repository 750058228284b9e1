/** The kinds of personal data the detector finds (names as in Microsoft Presidio). */
export const PII_ENTITY_TYPES = [
  "EMAIL_ADDRESS",
  "PHONE_NUMBER",
  "CREDIT_CARD",
  "IBAN_CODE",
  "US_SSN",
  "IP_ADDRESS",
  "STREET_ADDRESS",
  "PERSON",
] as const;

export type TPiiEntityType = (typeof PII_ENTITY_TYPES)[number];

/** One piece of personal data in a text: `text.slice(start, end) === value`. */
export type TPiiSpan = {
  type: TPiiEntityType;
  start: number;
  end: number;
  value: string;
};

/** A detector's proposal before overlaps are resolved. */
export type TPiiCandidate = { type: TPiiEntityType; start: number; end: number };

/** The text `n` characters before `index`. */
export const textBefore = (text: string, index: number, n: number) =>
  text.slice(Math.max(0, index - n), index);

/** The text `n` characters after `index`. */
export const textAfter = (text: string, index: number, n: number) => text.slice(index, index + n);
