/*
 * A small tokenizer for the address and name detectors: words, numbers, line breaks and single
 * punctuation characters, with their offsets. Whitespace other than line breaks is skipped (the gap
 * between two tokens is still visible through their offsets).
 */

export type TTokenKind = "word" | "num" | "ord" | "code" | "nl" | "punct";

export type TToken = {
  kind: TTokenKind;
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Two or more letters, all upper case. */
  upper: boolean;
};

// Letters and digits together, with apostrophes and hyphens between letters (O'Neill, Hauta-aho);
// a line break; or one other visible character.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+|-[\p{L}\p{M}]+)*|\n|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string): TToken[] {
  const tokens: TToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const value = m[0];
    const lower = value.toLowerCase();
    let kind: TTokenKind;
    if (value === "\n") kind = "nl";
    else if (value.length === 1 && !/[\p{L}\p{N}]/u.test(value)) kind = "punct";
    else if (!/\d/.test(value)) kind = "word";
    else if (/^\d+[A-Za-z]?$/.test(value))
      kind = "num"; // 42, 221B
    else if (/^\d+(?:st|nd|rd|th)$/i.test(value)) kind = "ord";
    else if (/\p{L}/u.test(value))
      kind = "code"; // NW1, W5442520
    else kind = "num";
    const isWord = kind === "word";
    tokens.push({
      kind,
      text: value,
      lower,
      start: m.index,
      end: m.index + value.length,
      cap: isWord && value !== lower && /^\p{Lu}/u.test(value),
      upper: isWord && value.length >= 2 && value !== lower && value === value.toUpperCase(),
    });
  }
  return tokens;
}

/** Only spaces or tabs between two offsets. */
export const blankBetween = (text: string, from: number, to: number) =>
  /^[ \t\u00a0]*$/.test(text.slice(from, to));

/** Whether the text has no upper-case letter at all (names and streets are then lower case too). */
export const isLowerCaseText = (text: string) => !/\p{Lu}/u.test(text);
