/*
 * Connector credentials: encrypted at rest, readable in clear only by readConnectorSecret, and the
 * secret never reaches a procedure's answer, an audit event, a log line or an error message.
 */
import { randomBytes } from "node:crypto";
import { type Database, withCapability, withTenant } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { callerWithSession } from "../testing/harness";
import { readConnectorSecret } from "./connector-credentials";
import { resetKeyringForTests, SecretBoxError } from "./secret-box";

let db: Database;
let northwind: string;
let cloudly: string;

const KEY_1 = `k1:${randomBytes(32).toString("base64")}`;
const KEY_2 = `k2:${randomBytes(32).toString("hex")}`;

async function as(email: string) {
  const user = await withCapability(db, {}, (tx) => tx.user.findUniqueOrThrow({ where: { email } }));
  return callerWithSession(db, { via: "session", userId: user.id, sessionTenantId: null });
}

function useKeys(current: string | undefined, old?: string) {
  vi.stubEnv("KEEL_ENCRYPTION_KEY", current ?? "");
  vi.stubEnv("KEEL_ENCRYPTION_KEYS_OLD", old ?? "");
  resetKeyringForTests();
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as TRPCError;
}

const storedRow = (tenantId: string, connector: string) =>
  withTenant(db, tenantId, (tx) =>
    tx.connectorCredential.findUnique({ where: { tenantId_connector: { tenantId, connector } } }),
  );

/** Every audit event of both demo tenants, as JSON text. */
async function allAuditJson(): Promise<string[]> {
  const rows = [
    ...(await withTenant(db, northwind, (tx) => tx.auditEvent.findMany())),
    ...(await withTenant(db, cloudly, (tx) => tx.auditEvent.findMany())),
  ];
  return rows.map((r) => JSON.stringify(r));
}

beforeAll(async () => {
  db = await createTestDatabase();
  northwind = (await (await as("admin@northwind.test")).auth.whoami()).tenant.id;
  cloudly = (await (await as("admin@cloudly.test")).auth.whoami()).tenant.id;
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetKeyringForTests();
});
afterAll(async () => {
  await db?.close();
});

describe("connector credentials", () => {
  it("stores the secret encrypted, lists only base URL and hint, and decrypts for connectors", async () => {
    useKeys(KEY_1);
    const admin = await as("admin@northwind.test");
    const secret = "zd_live_Q8m2vX7pL4sN9wR1";
    const view = await admin.connector.setCredential({
      connector: "zendesk",
      baseUrl: "https://northwind.zendesk.com/",
      secret,
    });
    expect(view).toMatchObject({
      connector: "zendesk",
      configured: true,
      baseUrl: "https://northwind.zendesk.com",
      hint: "9wR1",
      keyId: "k1",
    });

    const row = await storedRow(northwind, "zendesk");
    expect(row?.keyId).toBe("k1");
    expect(row?.ciphertext).not.toContain(secret);
    expect(Buffer.from(row?.ciphertext ?? "", "base64").toString("latin1")).not.toContain(secret);

    const { connectors } = await admin.connector.listCredentials();
    expect(connectors.map((c) => c.connector)).toEqual([
      "zendesk",
      "freshdesk",
      "osticket",
      "freescout",
      "generic",
    ]);
    expect(connectors.find((c) => c.connector === "freshdesk")).toMatchObject({
      configured: false,
      hint: null,
    });

    expect(await readConnectorSecret(db, northwind, "zendesk")).toMatchObject({
      baseUrl: "https://northwind.zendesk.com",
      secret,
      keyId: "k1",
    });
    expect(await readConnectorSecret(db, cloudly, "zendesk")).toBeNull();
  });

  it("never lets the secret or its ciphertext reach an answer, an audit event, a log line or an error", async () => {
    useKeys(KEY_1);
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "));
      });
    }
    const admin = await as("admin@northwind.test");
    const secret = `fd-secret-${randomBytes(12).toString("hex")}`;
    const outputs: unknown[] = [];
    outputs.push(
      await admin.connector.setCredential({
        connector: "freshdesk",
        baseUrl: "https://nw.freshdesk.com",
        secret,
      }),
    );
    const replacement = `fd-secret-${randomBytes(12).toString("hex")}`;
    outputs.push(
      await admin.connector.setCredential({
        connector: "freshdesk",
        baseUrl: "https://nw.freshdesk.com",
        secret: replacement,
      }),
    );
    outputs.push(await admin.connector.listCredentials());
    const ciphertext = (await storedRow(northwind, "freshdesk"))?.ciphertext ?? "";
    expect(ciphertext.length).toBeGreaterThan(20);

    // Error paths, each with a secret in the input.
    const errors: unknown[] = [];
    errors.push(
      await errorOf(
        admin.connector.setCredential({ connector: "freshdesk", baseUrl: "http://nw.freshdesk.com", secret }),
      ),
    );
    errors.push(
      await errorOf(
        (await as("agent@northwind.test")).connector.setCredential({
          connector: "freshdesk",
          baseUrl: "https://nw.freshdesk.com",
          secret,
        }),
      ),
    );
    vi.stubEnv("NODE_ENV", "production");
    useKeys(undefined);
    errors.push(
      await errorOf(
        admin.connector.setCredential({ connector: "osticket", baseUrl: "https://help.nw.test", secret }),
      ),
    );
    vi.unstubAllEnvs();
    useKeys(KEY_1);

    const texts = [
      ...outputs.map((o) => JSON.stringify(o)),
      ...errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack ?? ""}`),
      ...(await allAuditJson()),
      ...logged,
    ];
    for (const text of texts) {
      for (const needle of [secret, replacement, ciphertext]) expect(text).not.toContain(needle);
    }
    // The audit trail has the set and the replacement, with non-secret metadata only.
    const sets = (
      await withTenant(db, northwind, (tx) => tx.auditEvent.findMany({ orderBy: { seq: "asc" } }))
    ).filter((e) => e.action === "connector_credential.set" && e.targetId === "freshdesk");
    expect(sets.map((e) => e.metadata)).toEqual([
      { connector: "freshdesk", baseUrl: "https://nw.freshdesk.com", keyId: "k1", replaced: false },
      { connector: "freshdesk", baseUrl: "https://nw.freshdesk.com", keyId: "k1", replaced: true },
    ]);
    expect((await readConnectorSecret(db, northwind, "freshdesk"))?.secret).toBe(replacement);
  });

  it("in production without KEEL_ENCRYPTION_KEY, setting fails clearly; http://localhost is refused there", async () => {
    const admin = await as("admin@northwind.test");
    vi.stubEnv("NODE_ENV", "production");
    useKeys(undefined);
    const missing = await errorOf(
      admin.connector.setCredential({
        connector: "generic",
        baseUrl: "https://hd.nw.test",
        secret: "abcdefgh1234",
      }),
    );
    expect(missing.code).toBe("SERVICE_UNAVAILABLE");
    expect(missing.message).toMatch(/KEEL_ENCRYPTION_KEY is not set/);
    useKeys(KEY_1);
    const local = await errorOf(
      admin.connector.setCredential({
        connector: "generic",
        baseUrl: "http://localhost:8080",
        secret: "abcdefgh1234",
      }),
    );
    expect(local.code).toBe("BAD_REQUEST");
    expect(await storedRow(northwind, "generic")).toBeNull();
  });

  it("keeps old rows readable after a key rotation, and re-encrypts with the new key on the next set", async () => {
    useKeys(KEY_1);
    const admin = await as("admin@northwind.test");
    await admin.connector.setCredential({
      connector: "freescout",
      baseUrl: "http://localhost:8080",
      secret: "fs-one-1111",
    });
    useKeys(KEY_2, KEY_1);
    expect(await readConnectorSecret(db, northwind, "freescout")).toMatchObject({
      secret: "fs-one-1111",
      keyId: "k1",
    });
    const view = await admin.connector.setCredential({
      connector: "freescout",
      baseUrl: "http://localhost:8080",
      secret: "fs-two-2222",
    });
    expect(view.keyId).toBe("k2");
    expect(await readConnectorSecret(db, northwind, "freescout")).toMatchObject({
      secret: "fs-two-2222",
      keyId: "k2",
    });
    // Without the old key, a k1 row cannot be read (and the error says which key is missing).
    await admin.connector.setCredential({
      connector: "osticket",
      baseUrl: "https://os.nw.test",
      secret: "os-0000-k2",
    });
    useKeys(KEY_1);
    const error = await errorOf(readConnectorSecret(db, northwind, "osticket"));
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error.message).toMatch(/"k2" is not configured/);
  });

  it("detects an altered ciphertext and a ciphertext copied into another tenant's row", async () => {
    useKeys(KEY_1);
    const admin = await as("admin@northwind.test");
    await admin.connector.setCredential({
      connector: "generic",
      baseUrl: "https://hd.nw.test",
      secret: "generic-secret-1",
    });
    const row = await storedRow(northwind, "generic");
    if (!row) throw new Error("no row");
    // Copied into tenant B's row: associated data (tenant, connector) differs, so it does not open.
    await withTenant(db, cloudly, (tx) =>
      tx.connectorCredential.create({
        data: { ...row, id: "cred_copiedcopiedcopiedcop", tenantId: cloudly, createdById: null },
      }),
    );
    await expect(readConnectorSecret(db, cloudly, "generic")).rejects.toThrow(SecretBoxError);
    // One flipped byte in tenant A's own row.
    const raw = Buffer.from(row.ciphertext, "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 0x80;
    await withTenant(db, northwind, (tx) =>
      tx.connectorCredential.update({ where: { id: row.id }, data: { ciphertext: raw.toString("base64") } }),
    );
    const error = await errorOf(readConnectorSecret(db, northwind, "generic"));
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error.message).not.toContain("generic-secret-1");
  });

  it("deletes a credential (audited); deleting again or another tenant's is NOT_FOUND", async () => {
    useKeys(KEY_1);
    const admin = await as("admin@northwind.test");
    await admin.connector.setCredential({
      connector: "zendesk",
      baseUrl: "https://nw.zendesk.com",
      secret: "zd-delete-me",
    });
    const other = await as("admin@cloudly.test");
    expect((await errorOf(other.connector.deleteCredential({ connector: "zendesk" }))).code).toBe(
      "NOT_FOUND",
    );
    const seenByOther = (await other.connector.listCredentials()).connectors;
    expect(seenByOther.find((c) => c.connector === "zendesk")?.configured).toBe(false);
    expect(JSON.stringify(seenByOther)).not.toContain("nw.zendesk.com");
    expect(await readConnectorSecret(db, northwind, "zendesk")).not.toBeNull();

    expect(await admin.connector.deleteCredential({ connector: "zendesk" })).toEqual({
      connector: "zendesk",
      deleted: true,
    });
    expect(
      (await admin.connector.listCredentials()).connectors.find((c) => c.connector === "zendesk")?.configured,
    ).toBe(false);
    expect(await readConnectorSecret(db, northwind, "zendesk")).toBeNull();
    expect((await errorOf(admin.connector.deleteCredential({ connector: "zendesk" }))).code).toBe(
      "NOT_FOUND",
    );
    const deletes = (
      await withTenant(db, northwind, (tx) => tx.auditEvent.findMany({ orderBy: { seq: "asc" } }))
    )
      .filter((e) => e.action === "connector_credential.delete")
      .map((e) => e.outcome);
    expect(deletes).toEqual(["success", "not_found"]);
  });

  it("answers FORBIDDEN to agents, supervisors and auditors for set, list and delete", async () => {
    useKeys(KEY_1);
    for (const email of ["agent@northwind.test", "supervisor@northwind.test", "auditor@northwind.test"]) {
      const caller = await as(email);
      expect(
        (
          await errorOf(
            caller.connector.setCredential({
              connector: "zendesk",
              baseUrl: "https://x.zendesk.com",
              secret: "abcdefgh",
            }),
          )
        ).code,
        email,
      ).toBe("FORBIDDEN");
      expect((await errorOf(caller.connector.listCredentials())).code, email).toBe("FORBIDDEN");
      expect((await errorOf(caller.connector.deleteCredential({ connector: "freshdesk" }))).code, email).toBe(
        "FORBIDDEN",
      );
    }
    expect(await readConnectorSecret(db, northwind, "freshdesk")).not.toBeNull();
  });
});
