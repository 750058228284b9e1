/*
 * Validators for the structured identifiers the PII detector finds (pii.ts): checksums and range
 * rules that turn "looks like a card number" into "is a card number". Pure functions.
 */

/** The Luhn (mod 10) check used by every payment card scheme. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/*
 * Issuer prefixes of the card schemes in use (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37,
 * Diners 30/36/38/39, Discover/UnionPay/Maestro 6 and 50/56-58, JCB 35 and the old 1800/2131).
 * A number outside them is only a card when the text says so.
 */
export function hasCardIssuerPrefix(digits: string): boolean {
  return /^(?:4|5[0-8]|2[2-7]|3[0-9]|6|1800|2131)/.test(digits);
}

/** A payment card number: 12-19 digits (12 only for Maestro) passing the Luhn check. */
export function isCardNumber(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && !/^(\d)\1+$/.test(digits) && luhnValid(digits);
}

// IBAN length per country, from the ISO 13616 registry.
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  `AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18
   DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23
   IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31
   MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24
   SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30`
    .trim()
    .split(/\s+/)
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** The ISO 7064 mod 97-10 remainder of an IBAN (1 for a valid one). */
function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    if (code >= 65) {
      const value = code - 55; // A = 10 ... Z = 35
      remainder = (remainder * 100 + value) % 97;
    } else {
      remainder = (remainder * 10 + (code - 48)) % 97;
    }
  }
  return remainder;
}

/**
 * An IBAN: a registered country code, the length that country uses, and a valid ISO 7064 mod-97
 * checksum. Spaces are ignored; case is not significant.
 */
export function isIban(candidate: string): boolean {
  const iban = candidate.replace(/[ \u00a0]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined || iban.length !== expected) return false;
  return ibanRemainder(iban) === 1;
}

/**
 * A US social security number by the SSA's rules: area not 000, 666 or 900-999; group not 00;
 * serial not 0000. Numbers of one repeated digit and the famous advertising samples are refused.
 */
export function isSsn(area: string, group: string, serial: string): boolean {
  if (!/^\d{3}$/.test(area) || !/^\d{2}$/.test(group) || !/^\d{4}$/.test(serial)) return false;
  if (area === "000" || area === "666" || area[0] === "9") return false;
  if (group === "00" || serial === "0000") return false;
  const all = area + group + serial;
  if (/^(\d)\1{8}$/.test(all)) return false;
  if (all === "123456789" || all === "078051120" || all === "219099999") return false;
  return true;
}

/** A dotted-quad IPv4 address: four decimal octets 0-255 without leading zeros. */
export function isIpv4(candidate: string): boolean {
  const parts = candidate.split(".");
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** An IPv6 address (RFC 4291 text forms: full, "::"-compressed, embedded IPv4, optional zone). */
export function isIpv6(candidate: string): boolean {
  const zoneAt = candidate.indexOf("%");
  const address = zoneAt >= 0 ? candidate.slice(0, zoneAt) : candidate;
  if (zoneAt >= 0 && !/^%[0-9A-Za-z._~-]+$/.test(candidate.slice(zoneAt))) return false;
  if (address.length < 2 || address.length > 45) return false;
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  const all = [...head, ...tail];
  let units = 0;
  for (let i = 0; i < all.length; i += 1) {
    const group = all[i] ?? "";
    const isLast = i === all.length - 1;
    if (isLast && group.includes(".")) {
      if (!isIpv4(group)) return false;
      units += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      units += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? units <= 7 : units === 8;
}
