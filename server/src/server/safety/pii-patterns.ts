/*
 * Detectors for the structured kinds of personal data: e-mail addresses, IBANs, payment cards, US
 * social security numbers, IP addresses and phone numbers. Each one finds candidates with a regular
 * expression and keeps those that pass a checksum or range rule (pii-checks.ts), or, for the loose
 * formats, those the surrounding words confirm ("Phone:", "my card", "SSN").
 *
 * Every expression starts with a negative look-behind for the characters it repeats, so a run of
 * such characters is tried from its first character only: the scans stay linear on long inputs.
 */
import { hasCardIssuerPrefix, isCardNumber, isIban, isIpv4, isIpv6, isSsn } from "./pii-checks";
import { type TPiiCandidate, textAfter, textBefore } from "./pii-types";

const digitsOf = (s: string) => s.replace(/\D/g, "");

/** The text before `index` back to (not including) the previous digit: the words that lead to it. */
function leadIn(text: string, index: number, n: number): string {
  const window = textBefore(text, index, n);
  const lastDigit = window.search(/\d[^\d]*$/);
  return lastDigit >= 0 ? window.slice(lastDigit + 1) : window;
}

// ---- e-mail addresses ----------------------------------------------------------------------------

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.(?:\p{Ll}{2,24}|\p{Lu}{2,24}|\p{Lu}\p{Ll}{1,23})(?![\p{Ll}\p{N}-]|\.[\p{L}\p{N}])/gu;

export function detectEmails(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(EMAIL)) {
    out.push({ type: "EMAIL_ADDRESS", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---- IBANs ---------------------------------------------------------------------------------------

const IBAN =
  /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![\p{L}\p{N}])/gu;

export function detectIbans(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(IBAN)) {
    // A following word of four letters may have been taken as a group: shorten until it checks.
    let candidate = m[0];
    while (candidate.replace(/ /g, "").length >= 15) {
      if (isIban(candidate)) {
        out.push({ type: "IBAN_CODE", start: m.index, end: m.index + candidate.length });
        break;
      }
      const cut = candidate.lastIndexOf(" ");
      if (cut < 0) break;
      candidate = candidate.slice(0, cut);
    }
  }
  return out;
}

// ---- payment cards -------------------------------------------------------------------------------

const CARD =
  /(?<![\p{L}\p{N}_.,/-])(?:\d{4}([ -])\d{4}\1\d{4}\1(?:\d{4}(?:\1\d{3})?|\d{1,3})|\d{4}([ -])\d{6}\2\d{4,5}|\d{12,19})(?![\p{N}]|[.,/-]\d)/gu;
const CARD_CUE =
  /\b(?:cards?|cc|credit|debit|visa|master ?card|amex|american express|maestro|discover|diners|jcb|unionpay|pan|payments?|charged?|billing|expir\w*)\b/i;
const NOT_CARD_CUE =
  /\b(?:order|invoice|tracking|shipment|parcel|ticket|case|ref|reference|confirmation|booking|account|acct|sku|serial|imei|id|no\.?\s*#)\b|#\s*$/i;

export function detectCards(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = digitsOf(m[0]);
    if (!isCardNumber(digits)) continue;
    const before = textBefore(text, m.index, 60);
    // The digits of an IBAN ("DE89 3704 0044 ...") are not a card.
    if (/[A-Za-z]{2}\d{2} ?$/.test(before)) continue;
    const cued = CARD_CUE.test(before);
    if (!cued && (digits.length < 13 || !hasCardIssuerPrefix(digits) || NOT_CARD_CUE.test(before))) continue;
    out.push({ type: "CREDIT_CARD", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---- US social security numbers ------------------------------------------------------------------

const SSN = /(?<![\p{L}\p{N}-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{N}]|-\d)/gu;
const SSN_CUE = /\b(?:ssn|ss#|ss no|social security|social sec|soc\.? sec|itin|tax ?id)\b/i;

export function detectSsns(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(SSN)) {
    const [, area = "", separator = "", group = "", serial = ""] = m;
    if (!isSsn(area, group, serial)) continue;
    // Nine bare digits are an SSN only when the text says so.
    if (separator === "" && !SSN_CUE.test(textBefore(text, m.index, 50))) continue;
    out.push({ type: "US_SSN", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---- IP addresses --------------------------------------------------------------------------------

const IPV4 = /(?<![\p{L}\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?![\p{N}]|\.\d)/gu;
const IPV6 =
  /(?<![\p{L}\p{N}:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%[0-9A-Za-z._~-]+)?(?![\p{L}\p{N}:])/gu;
// "version 1.2.3.4", "build 10.0.0.1": dotted numbers that name a release, not a host.
const VERSION_CUE = /\b(?:v|ver|version|release|build|firmware|update|upgrade|sdk|patch)\.?\s*$/i;

export function detectIps(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (!isIpv4(m[0]) || VERSION_CUE.test(textBefore(text, m.index, 20))) continue;
    out.push({ type: "IP_ADDRESS", start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(IPV6)) {
    const value = m[0];
    // Short letter-only forms (a::b) are code, and clock times (10:30:00) are not valid anyway.
    if (!isIpv6(value) || !/\d/.test(value) || (value.split(":").length < 4 && !value.includes("::")))
      continue;
    out.push({ type: "IP_ADDRESS", start: m.index, end: m.index + value.length });
  }
  return out;
}

// ---- phone numbers -------------------------------------------------------------------------------

// A run of digits with the separators phone numbers are written with, on one line.
const PHONE_RUN = /(?<![\p{L}\p{N}_@.+/#-])\+?\(?\d[\d \t().\-/]*\d\)?/gu;
const PHONE_CUE =
  /\b(?:phone|ph|tel|telephone|mobile|mob|cell|cellphone|fax|call(?:ed|ing)?|ring|text(?:ed)?|sms|whatsapp|dial(?:led)?|reach(?:ed)?|answering|messages?|hotline|contact|number is|tlf|telefon|tel[eé]fono|t[eé]l[eé]phone|handy)\b/i;
const STRONG_PHONE_CUE = /\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|whatsapp|sms)\b/i;
const NOT_PHONE_CUE =
  /\b(?:order|invoice|tracking|shipment|parcel|ticket|case|ref|reference|confirmation|booking|account|acct|sku|serial|zip|postal|postcode|id|item|amount|total|price)\b/i;
const PHONE_LABEL_AFTER =
  /^[ \t]*[-–,:(]?[ \t]*(?:office|fax|mobile|cell|home|work|tel|phone|landline|direct|switchboard)\b/i;
const EXTENSION_AFTER = /^[ \t]*(?:x|ext\.?|extension|#)[ \t]*\d{1,6}\b/i;
const DATE_LIKE = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\/\d{1,2}\/\d{2}\b/;
// North American numbers: (415) 555-2671, 415-555-2671, 415.555.2671, 1-415-555-2671.
const NANP = /^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)[ ]?|[2-9]\d{2}[ .-])\d{3}[ .-]\d{4}$/;
// National numbers with a trunk 0: 020 7946 0958, 06 12 34 56 78, (08) 8747 6301, 0176 12345678.
const TRUNK = /^\(?0\d{1,4}\)?(?:(?:[ ./-]\d{2,4}){2,4}|[ ./-]\d{6,8})$/;

function phoneCued(text: string, start: number, end: number): boolean {
  if (PHONE_LABEL_AFTER.test(textAfter(text, end, 24))) return true;
  const lead = leadIn(text, start, 48);
  if (!PHONE_CUE.test(lead)) return false;
  return STRONG_PHONE_CUE.test(lead) || !NOT_PHONE_CUE.test(lead);
}

export function detectPhones(text: string): TPiiCandidate[] {
  const out: TPiiCandidate[] = [];
  for (const m of text.matchAll(PHONE_RUN)) {
    let value = m[0];
    // A closing parenthesis belongs to the number only if it opened one.
    if (
      value.endsWith(")") &&
      !/\(\d+\)$/.test(value) &&
      (value.match(/\(/g) ?? []).length < (value.match(/\)/g) ?? []).length
    )
      value = value.slice(0, -1);
    const start = m.index;
    let end = start + value.length;
    const digits = digitsOf(value);
    if (digits.length < 7 || digits.length > 15) continue;
    if (DATE_LIKE.test(value) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value)) continue;
    // Decimal numbers and amounts (1.234.567, 3.50) are not phone numbers.
    if (value.includes(".") && value.split(/[^\d]+/).some((g) => g.length === 1)) continue;
    const strong =
      (value.startsWith("+") && digits.length >= 8) ||
      (/^00[1-9]/.test(value) && digits.length >= 10 && /[ .-]/.test(value)) ||
      NANP.test(value) ||
      (TRUNK.test(value) && digits.length >= 9 && digits.length <= 12);
    if (!strong && !phoneCued(text, start, end)) continue;
    const ext = EXTENSION_AFTER.exec(textAfter(text, end, 20));
    if (ext) end += ext[0].length;
    out.push({ type: "PHONE_NUMBER", start, end });
  }
  return out;
}
