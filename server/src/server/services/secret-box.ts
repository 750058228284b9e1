/*
 * Secret box: AES-256-GCM encryption of secrets at rest (connector credentials), with key ids so the
 * key can rotate. See docs/decisions/010-api-keys-and-connector-secrets.md.
 *
 *   KEEL_ENCRYPTION_KEY       the current key: 32 bytes as base64, base64url or hex, optionally as
 *                             `id:key` (otherwise the id is derived from the key, `k` + 8 hex digits)
 *   KEEL_ENCRYPTION_KEYS_OLD  earlier keys, comma separated `id:key` (or bare keys), for decrypting
 *                             rows written before a rotation; never used to encrypt
 *
 * Without KEEL_ENCRYPTION_KEY outside production a development key is derived from NEXTAUTH_SECRET (or
 * a fixed string) and a warning is logged once; in production sealing fails with a clear error.
 *
 * A sealed value is base64(iv[12] | tag[16] | ciphertext), stored with the id of the key that sealed
 * it. Callers pass associated data (e.g. tenant and connector) so a ciphertext copied to another row
 * does not open. Error messages never contain plaintext, ciphertext or key material.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import * as z from "zod";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const DEV_FALLBACK_SEED = "keel-development-encryption-key-not-for-production";

export class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
}

export type TSecretKey = { id: string; key: Buffer };
export type TKeyring = {
  /** Seals new values; null in production without KEEL_ENCRYPTION_KEY. */
  current: TSecretKey | null;
  /** Every key that may open a value, by id (the current one included). */
  byId: ReadonlyMap<string, Buffer>;
  /** Whether `current` is the derived development key. */
  development: boolean;
};
export type TSealed = { keyId: string; ciphertext: string };

/** 32 bytes from hex (64 digits) or base64/base64url; null when it is neither. */
export function parseKeyMaterial(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value.replaceAll("-", "+").replaceAll("_", "/"), "base64");
  return bytes.length === KEY_BYTES ? bytes : null;
}

/** The id a key gets when none is given: stable for the key, reveals nothing useful about it. */
export function deriveKeyId(key: Buffer): string {
  return `k${createHash("sha256").update("keel-key-id\0").update(key).digest("hex").slice(0, 8)}`;
}

/** One `id:key` or bare `key` entry; the message names the variable, never the value. */
function parseKeyEntry(entry: string, variable: string): TSecretKey {
  const colon = entry.indexOf(":");
  const id = colon >= 0 ? entry.slice(0, colon).trim() : null;
  const key = parseKeyMaterial(colon >= 0 ? entry.slice(colon + 1) : entry);
  if (!key)
    throw new SecretBoxError(
      `${variable} must be 32 bytes as base64 or hex (for example the output of \`openssl rand -base64 32\`).`,
    );
  if (id !== null && !KEY_ID.test(id))
    throw new SecretBoxError(`${variable}: a key id has 1-32 letters, digits, "-" or "_".`);
  return { id: id ?? deriveKeyId(key), key };
}

const ZSecretBoxEnv = z.object({
  NODE_ENV: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  KEEL_ENCRYPTION_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  KEEL_ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});

/** Builds the keyring from environment variables (pure: no logging, no process.env). */
export function keyringFromEnv(env: Record<string, string | undefined>): TKeyring {
  const parsed = ZSecretBoxEnv.parse(env);
  const byId = new Map<string, Buffer>();
  for (const entry of parsed.KEEL_ENCRYPTION_KEYS_OLD) {
    const old = parseKeyEntry(entry, "KEEL_ENCRYPTION_KEYS_OLD");
    byId.set(old.id, old.key);
  }
  let current: TSecretKey | null = null;
  let development = false;
  if (parsed.KEEL_ENCRYPTION_KEY) {
    current = parseKeyEntry(parsed.KEEL_ENCRYPTION_KEY, "KEEL_ENCRYPTION_KEY");
  } else if (parsed.NODE_ENV !== "production") {
    const seed = parsed.NEXTAUTH_SECRET || DEV_FALLBACK_SEED;
    const key = createHash("sha256").update("keel-dev-encryption-key\0").update(seed).digest();
    current = { id: `dev${deriveKeyId(key).slice(1, 7)}`, key };
    development = true;
  }
  if (current) {
    const clash = byId.get(current.id);
    if (clash && !clash.equals(current.key))
      throw new SecretBoxError(
        "KEEL_ENCRYPTION_KEYS_OLD reuses the id of KEEL_ENCRYPTION_KEY for another key.",
      );
    byId.set(current.id, current.key);
  }
  return { current, byId, development };
}

let cached: TKeyring | undefined;
let warned = false;

/** The process's keyring, from process.env on first use. */
export function getKeyring(): TKeyring {
  if (!cached) {
    cached = keyringFromEnv(process.env);
    if (cached.development && !warned) {
      warned = true;
      console.warn(
        JSON.stringify({
          level: "warn",
          event: "secret_box.development_key",
          message:
            "KEEL_ENCRYPTION_KEY is not set: connector credentials are encrypted with a development key derived from NEXTAUTH_SECRET. Set KEEL_ENCRYPTION_KEY (32 random bytes, base64 or hex) before production.",
        }),
      );
    }
  }
  return cached;
}

/** Forgets the cached keyring (tests that change the environment). */
export function resetKeyringForTests(): void {
  cached = undefined;
  warned = false;
}

/** Encrypts `plaintext` with the current key, bound to `aad` (which must be given again to open it). */
export function seal(plaintext: string, aad: string, keyring: TKeyring = getKeyring()): TSealed {
  const current = keyring.current;
  if (!current)
    throw new SecretBoxError(
      "KEEL_ENCRYPTION_KEY is not set, so secrets cannot be stored. Set it to 32 random bytes (base64 or hex), for example `openssl rand -base64 32`, and restart the server.",
    );
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { keyId: current.id, ciphertext: Buffer.concat([iv, tag, body]).toString("base64") };
}

/** Decrypts a sealed value; throws SecretBoxError when the key is unknown or the value was altered. */
export function open(sealed: TSealed, aad: string, keyring: TKeyring = getKeyring()): string {
  const key = keyring.byId.get(sealed.keyId);
  if (!key)
    throw new SecretBoxError(
      `The encryption key "${sealed.keyId}" is not configured (add it to KEEL_ENCRYPTION_KEYS_OLD to read values it encrypted).`,
    );
  const raw = Buffer.from(sealed.ciphertext, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("The encrypted value is malformed.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretBoxError(
      `The encrypted value could not be decrypted with key "${sealed.keyId}" (altered, or a different key with that id).`,
    );
  }
}

/** Whether a sealed value should be re-encrypted with the current key (rotation). */
export function needsRotation(sealed: Pick<TSealed, "keyId">, keyring: TKeyring = getKeyring()): boolean {
  return keyring.current !== null && sealed.keyId !== keyring.current.id;
}
