import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  deriveKeyId,
  getKeyring,
  keyringFromEnv,
  needsRotation,
  open,
  parseKeyMaterial,
  resetKeyringForTests,
  SecretBoxError,
  seal,
} from "./secret-box";

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const SECRET = "zd-token-4f8a0c2e9b1d7a55";
const AAD = "keel:connector-credential:v1:tnt_a:zendesk";

const ring = (env: Record<string, string | undefined>) => keyringFromEnv({ NODE_ENV: "test", ...env });

/** Flips one bit of the decoded value at `index` (negative: from the end). */
function flipByte(ciphertext: string, index: number): string {
  const raw = Buffer.from(ciphertext, "base64");
  const i = index < 0 ? raw.length + index : index;
  raw[i] = (raw[i] ?? 0) ^ 0x01;
  return raw.toString("base64");
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

afterEach(() => {
  resetKeyringForTests();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("secret box", () => {
  it("round-trips a secret, with a fresh IV each time and no plaintext in the ciphertext", () => {
    const keyring = ring({ KEEL_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const one = seal(SECRET, AAD, keyring);
    const two = seal(SECRET, AAD, keyring);
    expect(open(one, AAD, keyring)).toBe(SECRET);
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(one.keyId).toBe(deriveKeyId(KEY_A));
    expect(one.ciphertext).not.toContain(SECRET);
    expect(Buffer.from(one.ciphertext, "base64").toString("latin1")).not.toContain(SECRET);
  });

  it("accepts the key as hex, base64, base64url or id:key", () => {
    expect(parseKeyMaterial(KEY_A.toString("hex"))?.equals(KEY_A)).toBe(true);
    expect(parseKeyMaterial(KEY_A.toString("base64"))?.equals(KEY_A)).toBe(true);
    expect(parseKeyMaterial(KEY_A.toString("base64url"))?.equals(KEY_A)).toBe(true);
    expect(parseKeyMaterial(randomBytes(16).toString("base64"))).toBeNull();
    expect(parseKeyMaterial("not a key!")).toBeNull();
    const named = ring({ KEEL_ENCRYPTION_KEY: `k2025:${KEY_A.toString("hex")}` });
    expect(named.current?.id).toBe("k2025");
  });

  it("detects tampering: any flipped byte of IV, tag or body fails to open", () => {
    const keyring = ring({ KEEL_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const sealed = seal(SECRET, AAD, keyring);
    for (const index of [0, 11, 12, 27, 28, -1]) {
      const tampered = { ...sealed, ciphertext: flipByte(sealed.ciphertext, index) };
      const error = errorOf(() => open(tampered, AAD, keyring));
      expect(error, `byte ${index}`).toBeInstanceOf(SecretBoxError);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain(sealed.ciphertext);
    }
    // Truncated values fail too.
    expect(() => open({ ...sealed, ciphertext: sealed.ciphertext.slice(0, 8) }, AAD, keyring)).toThrow(
      SecretBoxError,
    );
  });

  it("binds the value to its associated data (another tenant or connector cannot open it)", () => {
    const keyring = ring({ KEEL_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const sealed = seal(SECRET, AAD, keyring);
    expect(() => open(sealed, "keel:connector-credential:v1:tnt_b:zendesk", keyring)).toThrow(SecretBoxError);
  });

  it("fails with the wrong key, whether the id is unknown or reused for another key", () => {
    const sealed = seal(SECRET, AAD, ring({ KEEL_ENCRYPTION_KEY: KEY_A.toString("base64") }));
    const other = ring({ KEEL_ENCRYPTION_KEY: KEY_B.toString("base64") });
    expect(errorOf(() => open(sealed, AAD, other)).message).toMatch(/is not configured/);
    // Same id, different key material.
    const impostor = ring({ KEEL_ENCRYPTION_KEY: `${sealed.keyId}:${KEY_B.toString("base64")}` });
    const error = errorOf(() => open(sealed, AAD, impostor));
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error.message).toMatch(/could not be decrypted/);
  });

  it("after a rotation, values of the old key id still open and new values use the new key", () => {
    const before = ring({ KEEL_ENCRYPTION_KEY: `k1:${KEY_A.toString("base64")}` });
    const old = seal(SECRET, AAD, before);
    expect(old.keyId).toBe("k1");
    const after = ring({
      KEEL_ENCRYPTION_KEY: `k2:${KEY_B.toString("hex")}`,
      KEEL_ENCRYPTION_KEYS_OLD: ` k1:${KEY_A.toString("base64")} , k0:${randomBytes(32).toString("hex")}`,
    });
    expect(open(old, AAD, after)).toBe(SECRET);
    expect(needsRotation(old, after)).toBe(true);
    const fresh = seal(SECRET, AAD, after);
    expect(fresh.keyId).toBe("k2");
    expect(needsRotation(fresh, after)).toBe(false);
    // Old keys never encrypt, and an id may not name two keys.
    expect(() =>
      ring({
        KEEL_ENCRYPTION_KEY: `k1:${KEY_B.toString("hex")}`,
        KEEL_ENCRYPTION_KEYS_OLD: `k1:${KEY_A.toString("hex")}`,
      }),
    ).toThrow(/reuses the id/);
  });

  it("refuses a malformed key without echoing it", () => {
    const bad = "definitely-not-32-bytes";
    const error = errorOf(() => ring({ KEEL_ENCRYPTION_KEY: bad }));
    expect(error.message).toMatch(/KEEL_ENCRYPTION_KEY must be 32 bytes/);
    expect(error.message).not.toContain(bad);
    expect(() => ring({ KEEL_ENCRYPTION_KEYS_OLD: `bad id!:${KEY_A.toString("hex")}` })).toThrow(/key id/);
  });

  it("derives a stable development key outside production and says so once", () => {
    const one = ring({ NEXTAUTH_SECRET: "a-development-secret-123" });
    const two = ring({ NEXTAUTH_SECRET: "a-development-secret-123" });
    expect(one.development).toBe(true);
    expect(one.current?.id).toMatch(/^dev[0-9a-f]{6}$/);
    expect(one.current?.key.equals(two.current?.key ?? Buffer.alloc(0))).toBe(true);
    expect(open(seal(SECRET, AAD, one), AAD, two)).toBe(SECRET);
    expect(ring({}).current).not.toBeNull();

    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("KEEL_ENCRYPTION_KEY", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    getKeyring();
    getKeyring();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/development key/);
  });

  it("in production without KEEL_ENCRYPTION_KEY, sealing fails with a clear error", () => {
    const keyring = keyringFromEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(keyring.current).toBeNull();
    expect(keyring.development).toBe(false);
    expect(() => seal(SECRET, AAD, keyring)).toThrow(/KEEL_ENCRYPTION_KEY is not set/);
    // Old keys still decrypt in production.
    const old = seal(SECRET, AAD, ring({ KEEL_ENCRYPTION_KEY: `k1:${KEY_A.toString("hex")}` }));
    const readOnly = keyringFromEnv({
      NODE_ENV: "production",
      KEEL_ENCRYPTION_KEYS_OLD: `k1:${KEY_A.toString("hex")}`,
    });
    expect(open(old, AAD, readOnly)).toBe(SECRET);
  });
});
