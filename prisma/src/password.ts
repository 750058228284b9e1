import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/*
 * scrypt with N=2^15, r=8, p=1 needs 32 MiB and takes tens of milliseconds: slow enough to make
 * offline guessing expensive, fast enough for a sign-in. The parameters are stored with each hash so
 * they can be raised later without invalidating existing passwords.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// Upper bounds for parameters read back from storage, so a corrupted or hostile row cannot make a
// sign-in allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(
  plain: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  keylen: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses anything above maxmem (default 32 MiB); scrypt needs 128 * N * r bytes plus slack.
    const maxmem = 128 * n * r * p + 16 * 1024 * 1024;
    scrypt(plain.normalize("NFKC"), salt, keylen, { N: n, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64` with a fresh random salt. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, N, R, P, KEY_BYTES);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

function parseInteger(text: string | undefined, max: number): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

function parseBase64(text: string | undefined): Buffer | null {
  if (text === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  return Buffer.from(text, "base64");
}

/** Checks a password against a stored hash in constant time; false for a wrong password or malformed hash. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const n = parseInteger(parts[1], MAX_N);
  const r = parseInteger(parts[2], MAX_R);
  const p = parseInteger(parts[3], MAX_P);
  const salt = parseBase64(parts[4]);
  const expected = parseBase64(parts[5]);
  if (n === null || r === null || p === null || salt === null || expected === null) return false;
  // N must be a power of two above 1; keys shorter than 16 bytes would be too weak to trust.
  if (n < 2 || (n & (n - 1)) !== 0 || salt.length < 8 || expected.length < 16 || expected.length > 128)
    return false;
  try {
    const actual = await derive(plain, salt, n, r, p, expected.length);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
