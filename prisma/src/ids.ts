import { createHash, randomBytes } from "node:crypto";

// RFC 4648 base32, lowercase: URL-safe, case-insensitive-safe and free of look-alike digits 0/1/8/9.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const ID_CHARS = 20;
const PREFIX = /^[a-z][a-z0-9]{0,15}$/;

function toBase32(bytes: Uint8Array, length: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET.charAt((buffer >> (bits - 5)) & 31);
      bits -= 5;
    }
    if (out.length === length) break;
  }
  return out;
}

function checkPrefix(prefix: string): void {
  if (!PREFIX.test(prefix))
    throw new Error(`Invalid id prefix "${prefix}": use 1-16 lowercase letters/digits.`);
}

/** A new random id such as `tkt_3kq7m2xv5n4hj6wz2c7p` (100 random bits). */
export function newId(prefix: string): string {
  checkPrefix(prefix);
  // 13 bytes = 104 bits, enough for 20 five-bit characters.
  return `${prefix}_${toBase32(randomBytes(13), ID_CHARS)}`;
}

/** A deterministic id of the same shape as newId, derived from key (for seed data and fixtures). */
export function stableId(prefix: string, key: string): string {
  checkPrefix(prefix);
  const digest = createHash("sha256").update(`${prefix}:${key}`, "utf8").digest();
  return `${prefix}_${toBase32(digest, ID_CHARS)}`;
}

/** Whether value has the shape produced by newId/stableId, optionally with the given prefix. */
export function isId(value: string, prefix?: string): boolean {
  const match = /^([a-z][a-z0-9]{0,15})_([a-z2-7]{20})$/.exec(value);
  return match !== null && (prefix === undefined || match[1] === prefix);
}

/**
 * Whether an error is a unique-constraint violation, from a model query (P2002) or a raw one (P2010
 * carrying the driver's SQLSTATE 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
  } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "P2002") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return (
    e.code === "P2010" && (cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation")
  );
}
