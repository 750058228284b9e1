import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("hashes in the scrypt$N$r$p$salt$hash format and verifies the right password only", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("treats unicode passwords consistently (NFKC)", async () => {
    const stored = await hashPassword("Passwörd-ﬁ");
    expect(await verifyPassword("Passwo\u0308rd-fi", stored)).toBe(true);
  });

  it("returns false, never throws, for malformed or hostile stored values", async () => {
    const good = await hashPassword("pw");
    const [, n, r, p, salt, hash] = good.split("$");
    const malformed = [
      "",
      "plain-text-password",
      "bcrypt$10$abc",
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash}$extra`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`, // N too large: would allocate gigabytes
      `scrypt$${n}$0$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$99$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$!!!$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}$c2hvcnQ=`, // key too short
      `scrypt$-1$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash}`.replace("scrypt", "SCRYPT"),
    ];
    for (const stored of malformed) expect(await verifyPassword("pw", stored), stored).toBe(false);
  });

  it("verifies a hash made with other (still valid) parameters", async () => {
    // A hash stored with cheaper parameters must keep working after the defaults change.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("legacy", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("legacy", stored)).toBe(true);
    expect(await verifyPassword("legacy!", stored)).toBe(false);
  });
});
