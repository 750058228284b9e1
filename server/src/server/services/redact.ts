import { isIPv6 } from "node:net";
import { detectPii, type TPiiEntityType } from "../safety/pii";

/*
 * Redaction for audit events: personal data and secrets never reach the append-only log, where they
 * could not be erased later. recordAudit() runs every event's metadata and reason through
 * redactForAudit(), so no caller can forget.
 *
 * Masked in any string: e-mail addresses, phone numbers, card numbers (Luhn-checked), IBANs
 * (mod-97-checked), US SSNs, IPv4/IPv6 addresses, bearer tokens, known API key formats (keel_ext_,
 * sk-, ghp_, AKIA, JWTs, ...), credentials in URLs and `password=...` pairs, and long random-looking
 * hex/base64 strings; then people's names, street addresses and the looser identifier formats the
 * rules miss, found by the PII detector (../safety/pii.ts, decision record 011). Values under keys
 * named like password/token/secret/authorization are replaced whole. Structure, ids, booleans and
 * amounts are kept: the checks are anchored and validated so that order numbers (NW-48213), amounts
 * (49.99), dates and ids (tkt_3kq7...) survive.
 */

/** The marker that replaces a value under a sensitive key. */
export const REDACTED = "[redacted]";

const mask = (kind: string) => `[redacted:${kind}]`;

const MAX_DEPTH = 32;

// Keys whose value is a secret whatever it looks like; matched on the key lower-cased with
// separators removed, at its end (so `refreshToken`, `x-api-key`, `card_cvv`, but not `tokenId`
// or `maxTokens`).
const SENSITIVE_KEY =
  /(password|passwd|passphrase|pwd|secret|token|apikey|accesskey|secretkey|privatekey|signingkey|authorization|auth|cookie|setcookie|credential|credentials|ssn|socialsecuritynumber|cvv|cvc|cvv2|pin|otp|iban|cardnumber|ccnumber)$/;
// Keys that hold identifiers or digests: long random-looking values there are ids, not secrets.
const IDENTIFIER_KEY = /(id|ids|hash|hashes|digest|checksum|etag|sha|sha256)$/;

const normalizeKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Whether a metadata key names a secret (its whole value is masked). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(normalizeKey(key));
}

// ---- validators ------------------------------------------------------------------------------------

/** The Luhn check digit test used by every card scheme. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** A payment card number: 13-19 digits, a card scheme's leading digit (2-6), Luhn-valid. */
export function isCardNumber(digits: string): boolean {
  return /^[2-6]\d{12,18}$/.test(digits) && luhnValid(digits);
}

// Lengths per country (ISO 13616 registry) for the common ones; others need 15-34 characters.
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  "AT20 BE16 BG22 CH21 CY28 CZ24 DE22 DK18 EE20 ES24 FI18 FR27 GB22 GR27 HR21 HU28 IE22 IS26 IT27 LI21 LT20 LU20 LV21 MT31 NL18 NO15 PL28 PT25 RO24 SE24 SI19 SK24"
    .split(" ")
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** An IBAN: country code, check digits, and a valid ISO 7064 mod-97 checksum. */
export function isIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// ---- string rules, most specific first -------------------------------------------------------------

type Rule = { re: RegExp; replace: (match: string, ...groups: string[]) => string };

const digitsOf = (s: string) => s.replace(/\D/g, "");

const RULES: Rule[] = [
  // PEM private keys.
  {
    re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
    replace: () => mask("private_key"),
  },
  // Credentials in URLs: scheme://user:password@host.
  {
    re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)@/gi,
    replace: (_m, before) => `${before}${mask("secret")}@`,
  },
  // Authorization header values.
  {
    re: /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g,
    replace: (_m, scheme, space) => `${scheme}${space}${mask("token")}`,
  },
  // Known token formats: Keel extension tokens, OpenAI/Anthropic (sk-...), Stripe, GitHub, Slack,
  // AWS access keys, Google API keys, JWTs.
  {
    re: /\b(?:keel_ext_[A-Za-z0-9_-]{8,}|sk-[A-Za-z0-9_-]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g,
    replace: () => mask("token"),
  },
  // `password=hunter2`, `api_key: abc`, `"token": "abc"` inside free text.
  {
    re: /\b(password|passwd|pwd|passphrase|secret|client[_-]?secret|api[_-]?key|access[_-]?token|refresh[_-]?token|auth[_-]?token|token)("?\s*[:=]\s*"?)([^\s"',;&]+)/gi,
    replace: (m, key, sep, value) => (value.startsWith("[redacted") ? m : `${key}${sep}${mask("secret")}`),
  },
  // E-mail addresses.
  {
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b/g,
    replace: () => mask("email"),
  },
  // IBANs (checksum-validated), with or without the usual groups of four.
  {
    re: /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b/g,
    replace: (m) => (isIban(m) ? mask("iban") : m),
  },
  // Card numbers: 13-19 digits, bare or in the printed groups (4-4-4-4[-3], Amex 4-6-5, Diners
  // 4-6-4) separated by spaces or dashes; Luhn-checked. The last four digits stay, as on a receipt.
  {
    re: /(?<![\d.,-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?!\d|[.,-]\d)/g,
    replace: (m) => {
      const digits = digitsOf(m);
      return isCardNumber(digits) ? mask(`card …${digits.slice(-4)}`) : m;
    },
  },
  // US social security numbers (dashed or spaced; area 000, 666 and 9xx do not exist).
  {
    re: /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g,
    replace: () => mask("ssn"),
  },
  // IPv6 (validated by node:net; times like 17:00:00 are not addresses).
  {
    re: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?![\w:]|\.\d)/g,
    // Short letter-only forms such as a::b are rather C++ or Rust paths than addresses.
    replace: (m) => (isIPv6(m) && (/\d/.test(m) || m.split(":").length > 3) ? mask("ip") : m),
  },
  // IPv4.
  {
    re: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g,
    replace: () => mask("ip"),
  },
  // Phone numbers: international (+ and 8-15 digits), North American (415) 555-2671 / 415-555-2671,
  // and national trunk-prefixed numbers (020 7946 0958, 06 12 34 56 78). Separators are required
  // for the national forms, so bare numbers (ids, amounts in cents, timestamps) are left alone.
  {
    re: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,6}(?![\w])/g,
    replace: (m) => {
      const n = digitsOf(m).length;
      return n >= 8 && n <= 15 ? mask("phone") : m;
    },
  },
  {
    re: /(?<![\w(+-])(?:1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/g,
    replace: () => mask("phone"),
  },
  {
    re: /(?<![\w.,-])0\d{1,4}(?:[ -]\d{2,4}){2,4}(?![\w.,-])/g,
    replace: (m) => {
      const n = digitsOf(m).length;
      return n >= 9 && n <= 12 ? mask("phone") : m;
    },
  },
];

// Long random-looking strings: secrets in formats not listed above. Ids (lowercase base32 with a
// prefix) and values under identifier keys are exempt.
const LONG_HEX = /(?<![A-Za-z0-9_-])[0-9a-fA-F]{32,}(?![A-Za-z0-9_-])/g;
const LONG_BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])/g;

function looksRandom(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/[A-Z]/g) >= 2 && count(/[a-z]/g) >= 2 && count(/\d/g) >= 2;
}

const PII_MASKS: Record<TPiiEntityType, string> = {
  EMAIL_ADDRESS: "email",
  PHONE_NUMBER: "phone",
  CREDIT_CARD: "card",
  IBAN_CODE: "iban",
  US_SSN: "ssn",
  IP_ADDRESS: "ip",
  STREET_ADDRESS: "address",
  PERSON: "person",
};

// What the rules above leave: names, street addresses, loosely written phone numbers.
function redactPersonalData(text: string): string {
  const spans = detectPii(text).filter((s) => !s.value.includes("[redacted"));
  if (spans.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const s of spans) {
    const kind = s.type === "CREDIT_CARD" ? `card …${digitsOf(s.value).slice(-4)}` : PII_MASKS[s.type];
    out += text.slice(cursor, s.start) + mask(kind);
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

function redactText(text: string, identifierContext: boolean): string {
  // PostgreSQL text and jsonb cannot hold NUL.
  let out = text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, rule.replace as (substring: string, ...args: string[]) => string);
  }
  if (!identifierContext) {
    out = out.replace(LONG_HEX, (m) => (/[a-fA-F]/.test(m) && /\d/.test(m) ? mask("secret") : m));
    out = out.replace(LONG_BASE64, (m) => (looksRandom(m) ? mask("secret") : m));
    out = redactPersonalData(out);
  }
  return out;
}

function redactNumber(value: number): number | string {
  // A card number stored as a number; amounts and counts are far shorter.
  if (Number.isSafeInteger(value) && value >= 1e12 && isCardNumber(String(value)))
    return mask(`card …${String(value).slice(-4)}`);
  return value;
}

function redactValue(value: unknown, key: string | null, depth: number): unknown {
  if (value === null || value === undefined || typeof value === "boolean") return value;
  if (key !== null && isSensitiveKey(key)) return REDACTED;
  if (typeof value === "string")
    return redactText(value, key !== null && IDENTIFIER_KEY.test(normalizeKey(key)));
  if (typeof value === "number") return redactNumber(value);
  if (typeof value === "bigint") return redactNumber(Number(value));
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return mask("too_deep");
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, k, depth + 1);
  return out;
}

/**
 * Masks personal data and secrets in an audit value (metadata object, reason string, ...), deep,
 * keeping its structure. Never throws on JSON-like input.
 */
export function redactForAudit(value: string): string;
export function redactForAudit(value: null): null;
export function redactForAudit<T extends Record<string, unknown>>(value: T): Record<string, unknown>;
export function redactForAudit(value: unknown): unknown;
export function redactForAudit(value: unknown): unknown {
  return redactValue(value, null, 0);
}
