/*
 * API keys end to end: created by an admin through the router, authenticated with the database's
 * presented-secret capability, refused after revocation/expiry/without the scope (and audited in the
 * key's tenant), and the server-to-server audit export stays inside the key's tenant.
 */
import { type Database, parseAuditExportLine, withCapability, withTenant } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import type { TApiKeyScope } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "~/app/api/v1/audit/export/route";
import { callerWithSession } from "../testing/harness";
import { apiAuditExportResponse } from "./api-audit-export";
import { API_KEY_LAST_USED_GRANULARITY_MS, authenticateApiKey } from "./api-keys";

let db: Database;
let northwind: string;
let cloudly: string;

async function as(email: string) {
  const user = await withCapability(db, {}, (tx) => tx.user.findUniqueOrThrow({ where: { email } }));
  return callerWithSession(db, { via: "session", userId: user.id, sessionTenantId: null });
}

async function newKey(
  email: string,
  scopes: TApiKeyScope[],
  expiresInDays: number | null = 30,
  name = "test",
) {
  return (await as(email)).apiKey.create({ name, scopes, expiresInDays });
}

const auditOf = (tenantId: string) =>
  withTenant(db, tenantId, (tx) => tx.auditEvent.findMany({ orderBy: [{ seq: "asc" }, { id: "asc" }] }));

async function refusalsOf(tenantId: string, keyId: string) {
  return (await auditOf(tenantId)).filter((e) => e.action === "security.refused" && e.targetId === keyId);
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const exportRequest = (secret: string | null, query = "format=jsonl") =>
  new Request(`http://keel.test/api/v1/audit/export?${query}`, {
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });

beforeAll(async () => {
  db = await createTestDatabase();
  northwind = (await (await as("admin@northwind.test")).auth.whoami()).tenant.id;
  cloudly = (await (await as("admin@cloudly.test")).auth.whoami()).tenant.id;
});
afterAll(async () => {
  await db?.close();
});

describe("API key lifecycle", () => {
  it("create → authenticate → revoke → the next call is refused, and each step is audited", async () => {
    const admin = await as("admin@northwind.test");
    const created = await admin.apiKey.create({
      name: "SIEM nightly export",
      scopes: ["audit:export", "audit:read"],
      expiresInDays: 90,
    });
    expect(created.secret).toMatch(/^keel_key_[A-Za-z0-9_-]{43}$/);
    expect(created.key.prefix).toBe(created.secret.slice(0, 15));
    expect(created.key.scopes).toEqual(["audit:export", "audit:read"]);
    expect(created.key.createdBy).toBe("admin@northwind.test");

    // Only the hash is stored.
    const stored = await withTenant(db, northwind, (tx) =>
      tx.apiKey.findUniqueOrThrow({ where: { id: created.key.id } }),
    );
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);

    const ok = await authenticateApiKey(db, created.secret, "audit:export");
    expect(ok).toMatchObject({
      ok: true,
      key: { id: created.key.id },
      tenant: { id: northwind, slug: "northwind" },
    });

    const { keys } = await admin.apiKey.list();
    const row = keys.find((k) => k.id === created.key.id);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(row?.revokedAt).toBeNull();
    expect(row?.createdBy).toBe("admin@northwind.test");
    expect(JSON.stringify(keys)).not.toContain(created.secret);
    expect(JSON.stringify(keys)).not.toContain(stored.keyHash);

    const revoked = await admin.apiKey.revoke({ keyId: created.key.id });
    expect(revoked.keyId).toBe(created.key.id);
    const refused = await authenticateApiKey(db, created.secret, "audit:export");
    expect(refused).toEqual({
      ok: false,
      reason: "revoked",
      status: 401,
      message: "The API key has been revoked.",
    });
    expect((await admin.apiKey.list()).keys.find((k) => k.id === created.key.id)?.revokedAt).toBe(
      revoked.revokedAt,
    );

    const events = await auditOf(northwind);
    const create = events.find((e) => e.action === "api_key.create" && e.targetId === created.key.id);
    expect(create?.metadata).toEqual({
      name: "SIEM nightly export",
      scopes: ["audit:export", "audit:read"],
      expiresAt: created.key.expiresAt,
    });
    expect(events.some((e) => e.action === "api_key.revoke" && e.targetId === created.key.id)).toBe(true);
    const [refusal] = await refusalsOf(northwind, created.key.id);
    expect(refusal).toMatchObject({
      actorType: "api_key",
      actorId: created.key.id,
      targetType: "api_key",
      outcome: "denied",
      metadata: { kind: "revoked_credential" },
    });
    for (const e of events) expect(JSON.stringify(e)).not.toContain(created.secret);
  });

  it("refuses an expired key (401) and audits it as expired_credential", async () => {
    const { key, secret } = await newKey("admin@northwind.test", ["audit:export"], 1);
    expect(await authenticateApiKey(db, secret, "audit:export")).toMatchObject({ ok: true });
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await authenticateApiKey(db, secret, "audit:export", { now: later })).toMatchObject({
      ok: false,
      reason: "expired",
      status: 401,
    });
    expect((await refusalsOf(northwind, key.id)).map((e) => (e.metadata as { kind: string }).kind)).toEqual([
      "expired_credential",
    ]);
  });

  it("refuses a key without the required scope (403) and audits it as scope", async () => {
    const { key, secret } = await newKey("admin@northwind.test", ["audit:read"]);
    expect(await authenticateApiKey(db, secret, "audit:export")).toMatchObject({
      ok: false,
      reason: "scope",
      status: 403,
    });
    expect(await authenticateApiKey(db, secret, "audit:read")).toMatchObject({ ok: true });
    const refusals = await refusalsOf(northwind, key.id);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.metadata).toEqual({ kind: "scope" });
  });

  it("refuses unknown and malformed secrets without auditing anything", async () => {
    const before = (await auditOf(northwind)).length;
    for (const secret of ["keel_key_doesnotexist", "keel_ext_abc", "", `keel_key_${"a".repeat(300)}`]) {
      expect(await authenticateApiKey(db, secret, "audit:export"), secret).toMatchObject({
        ok: false,
        reason: "unknown",
        status: 401,
      });
    }
    expect((await auditOf(northwind)).length).toBe(before);
  });

  it("refreshes lastUsedAt at most once a minute", async () => {
    const { key, secret } = await newKey("admin@northwind.test", ["audit:export"]);
    const lastUsed = () =>
      withTenant(db, northwind, (tx) => tx.apiKey.findUniqueOrThrow({ where: { id: key.id } })).then(
        (k) => k.lastUsedAt?.getTime() ?? null,
      );
    const t0 = new Date(Date.now() + 1000);
    await authenticateApiKey(db, secret, "audit:export", { now: t0 });
    expect(await lastUsed()).toBe(t0.getTime());
    await authenticateApiKey(db, secret, "audit:export", { now: new Date(t0.getTime() + 10_000) });
    expect(await lastUsed()).toBe(t0.getTime());
    const t2 = new Date(t0.getTime() + API_KEY_LAST_USED_GRANULARITY_MS + 1000);
    await authenticateApiKey(db, secret, "audit:export", { now: t2 });
    expect(await lastUsed()).toBe(t2.getTime());
  });
});

describe("who may manage API keys", () => {
  it("answers FORBIDDEN to agents, supervisors and auditors for create, list and revoke (audited)", async () => {
    const { key } = await newKey("admin@northwind.test", ["audit:export"]);
    for (const email of ["agent@northwind.test", "supervisor@northwind.test", "auditor@northwind.test"]) {
      const caller = await as(email);
      expect(
        (await errorOf(caller.apiKey.create({ name: "x", scopes: ["audit:export"], expiresInDays: null })))
          .code,
        email,
      ).toBe("FORBIDDEN");
      expect((await errorOf(caller.apiKey.list())).code, email).toBe("FORBIDDEN");
      expect((await errorOf(caller.apiKey.revoke({ keyId: key.id }))).code, email).toBe("FORBIDDEN");
    }
    const denials = (await auditOf(northwind)).filter(
      (e) => e.action === "auth.permission_denied" && String(e.targetId).startsWith("apiKey."),
    );
    expect(denials.length).toBeGreaterThanOrEqual(9);
    // The key still works: nobody revoked it.
    expect(await (await as("admin@northwind.test")).apiKey.list()).toMatchObject({
      keys: expect.arrayContaining([expect.objectContaining({ id: key.id, revokedAt: null })]),
    });
  });

  it("another tenant's admin cannot see or revoke a key (NOT_FOUND)", async () => {
    const { key, secret } = await newKey("admin@cloudly.test", ["audit:export"]);
    const attacker = await as("admin@northwind.test");
    expect((await errorOf(attacker.apiKey.revoke({ keyId: key.id }))).code).toBe("NOT_FOUND");
    expect((await attacker.apiKey.list()).keys.map((k) => k.id)).not.toContain(key.id);
    expect(await authenticateApiKey(db, secret, "audit:export")).toMatchObject({ ok: true });
  });
});

describe("GET /api/v1/audit/export", () => {
  async function body(response: Response) {
    return (await response.json()) as { error: { code: string; message: string } };
  }

  it("exports only the key's tenant, as JSONL or CSV, and audits the export with the key as actor", async () => {
    const a = await newKey("admin@northwind.test", ["audit:export"], 30, "northwind export");
    const b = await newKey("admin@cloudly.test", ["audit:export"], 30, "cloudly export");

    const response = await apiAuditExportResponse(db, exportRequest(a.secret));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/ndjson/);
    expect(response.headers.get("content-disposition")).toMatch(/keel-audit-northwind-/);
    const lines = (await response.text()).trim().split("\n").map(parseAuditExportLine);
    const expected = (await auditOf(northwind)).map((e) => e.id);
    expect(lines.map((l) => l.id)).toEqual(expected);
    expect(new Set(lines.map((l) => l.tenantId))).toEqual(new Set([northwind]));
    const cloudlyIds = new Set((await auditOf(cloudly)).map((e) => e.id));
    expect(lines.some((l) => cloudlyIds.has(l.id))).toBe(false);
    const exported = lines.filter((l) => l.action === "audit.exported" && l.actorId === a.key.id);
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ actorType: "api_key", targetId: northwind });

    const csv = await apiAuditExportResponse(db, exportRequest(b.secret, "format=csv"));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toMatch(/^seq,createdAt,id,/);
    const csvTenants = new Set(rows.slice(1).map((r) => r.split(",").at(-3)));
    expect(csvTenants).toEqual(new Set([cloudly]));
    expect(rows.length - 1).toBe((await auditOf(cloudly)).length);
  });

  it("answers 401 for a missing, unknown, revoked or expired key and 403 without the scope, as JSON", async () => {
    const missing = await apiAuditExportResponse(db, exportRequest(null));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await body(missing)).error.code).toBe("UNAUTHORIZED");

    const unknown = await apiAuditExportResponse(db, exportRequest("keel_key_not-a-real-key"));
    expect(unknown.status).toBe(401);
    expect((await body(unknown)).error).toEqual({
      code: "UNAUTHORIZED",
      message: "The API key is not valid.",
    });

    const revokedKey = await newKey("admin@northwind.test", ["audit:export"]);
    await (await as("admin@northwind.test")).apiKey.revoke({ keyId: revokedKey.key.id });
    const revoked = await apiAuditExportResponse(db, exportRequest(revokedKey.secret));
    expect(revoked.status).toBe(401);
    expect((await body(revoked)).error.message).toMatch(/revoked/);
    expect((await refusalsOf(northwind, revokedKey.key.id))[0]?.metadata).toEqual({
      kind: "revoked_credential",
      resourceId: "/api/v1/audit/export",
    });

    const expiredKey = await newKey("admin@northwind.test", ["audit:export"], 1);
    await withTenant(db, northwind, (tx) =>
      tx.apiKey.update({
        where: { id: expiredKey.key.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      }),
    );
    const expired = await apiAuditExportResponse(db, exportRequest(expiredKey.secret));
    expect(expired.status).toBe(401);
    expect((await body(expired)).error.message).toMatch(/expired/);

    const readOnly = await newKey("admin@northwind.test", ["audit:read"]);
    const forbidden = await apiAuditExportResponse(db, exportRequest(readOnly.secret));
    expect(forbidden.status).toBe(403);
    expect((await body(forbidden)).error).toEqual({
      code: "FORBIDDEN",
      message: 'The API key lacks the scope "audit:export".',
    });

    const good = await newKey("admin@northwind.test", ["audit:export"]);
    const badFormat = await apiAuditExportResponse(db, exportRequest(good.secret, "format=xml"));
    expect(badFormat.status).toBe(400);
    expect((await body(badFormat)).error.code).toBe("BAD_REQUEST");
  });

  it("the route handler itself answers with the process database", async () => {
    const holder = globalThis as unknown as { __keelDb?: Promise<Database> };
    const previous = holder.__keelDb;
    holder.__keelDb = Promise.resolve(db);
    try {
      const { secret } = await newKey("admin@cloudly.test", ["audit:export"]);
      const ok = await exportRoute(exportRequest(secret));
      expect(ok.status).toBe(200);
      const lines = (await ok.text()).trim().split("\n").map(parseAuditExportLine);
      expect(lines.length).toBeGreaterThan(0);
      expect(new Set(lines.map((l) => l.tenantId))).toEqual(new Set([cloudly]));
      const refused = await exportRoute(exportRequest("keel_key_nope"));
      expect(refused.status).toBe(401);
    } finally {
      holder.__keelDb = previous;
    }
  });
});
