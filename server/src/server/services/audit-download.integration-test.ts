import type { Database } from "@keel/db";
import { AUDIT_CSV_COLUMNS, verifyAuditChain, verifyAuditExport } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TIdentity } from "../actor";
import { recordAudit } from "./audit";
import { auditExportResponse } from "./audit-download";

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function session(email: string): Promise<TIdentity> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { via: "session", userId: user.id, sessionTenantId: null };
}

async function tenantId(slug: string) {
  return (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
}

const download = async (identity: TIdentity | null, query = "", bearerPresented = false) =>
  auditExportResponse(db, { identity, bearerPresented }, new URLSearchParams(query));

describe("recordAudit redacts before appending", () => {
  it("masks personal data in reason and metadata, and the chain still verifies", async () => {
    const northwind = await tenantId("northwind");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "agent@northwind.test" } });
    await db.prisma.$transaction((tx) =>
      recordAudit(
        tx,
        { userId: user.id, email: user.email, via: "session", tenantId: northwind },
        {
          action: "extension_token.create",
          targetType: "extension_token",
          targetId: "ext_aaaaaaaaaaaaaaaaaaaa",
          outcome: "success",
          metadata: {
            label: "maya.okafor@example.com on +1 415 555 2671",
            expiresAt: "2026-12-20T17:00:00.000Z",
          },
        },
      ),
    );
    await db.prisma.$transaction((tx) =>
      recordAudit(
        tx,
        { userId: user.id, email: user.email, via: "session", tenantId: northwind },
        {
          action: "auth.permission_denied",
          targetType: "procedure",
          targetId: "ticket.reply",
          outcome: "denied",
          reason: "customer pasted card 4242 4242 4242 4242 and Bearer keel_ext_c2VjcmV0c2VjcmV0c2VjcmV0",
        },
      ),
    );
    const [denied, created] = await db.prisma.auditEvent.findMany({
      where: { tenantId: northwind },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(created?.metadata).toEqual({
      label: "[redacted:email] on [redacted:phone]",
      expiresAt: "2026-12-20T17:00:00.000Z",
    });
    // The acting user stays identifiable: accountability is the point of the log.
    expect(created?.actorLabel).toBe("agent@northwind.test");
    expect(denied?.reason).toBe("customer pasted card [redacted:card …4242] and Bearer [redacted:token]");
    expect((await verifyAuditChain(db.prisma, northwind)).ok).toBe(true);
  });
});

describe("GET /api/audit/export", () => {
  it("answers 401 without a session, and refuses extension tokens", async () => {
    const anonymous = await download(null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    const withToken = await download(await session("auditor@northwind.test"), "", true);
    expect(withToken.status).toBe(401);
  });

  it("answers 403 to a role without audit.read, and audits the refusal", async () => {
    const northwind = await tenantId("northwind");
    const response = await download(await session("agent@northwind.test"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const last = await db.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: northwind },
      orderBy: { seq: "desc" },
    });
    expect(last).toMatchObject({
      action: "auth.permission_denied",
      targetId: "audit.export",
      outcome: "denied",
    });
  });

  it("answers 400 to a bad format or window", async () => {
    const auditor = await session("auditor@northwind.test");
    expect((await download(auditor, "format=xml")).status).toBe(400);
    expect((await download(auditor, "from=yesterday")).status).toBe(400);
    expect((await download(auditor, "from=2026-02-01&to=2026-01-01")).status).toBe(400);
  });

  it("streams the tenant's JSONL with a filename, audits the export, and the file verifies", async () => {
    const cloudly = await tenantId("cloudly");
    const response = await download(await session("auditor@cloudly.test"), "format=jsonl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="keel-audit-cloudly-\d{8}T\d{6}Z\.jsonl"$/,
    );
    const lines = (await response.text()).trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line));
    expect(records.every((r) => r.tenantId === cloudly)).toBe(true);
    // The export's own audit event was written before the file was read, so it is the last line.
    expect(records.at(-1)).toMatchObject({
      action: "audit.exported",
      metadata: { format: "jsonl", from: null },
    });
    const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { tenantId: cloudly } });
    expect(
      await verifyAuditExport(lines, { expectedHead: { seq: head.seq, hash: head.hash } }),
    ).toMatchObject({
      ok: true,
      fromGenesis: true,
    });
  });

  it("streams CSV with a header row", async () => {
    const response = await download(await session("supervisor@northwind.test"), "format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/filename="keel-audit-northwind-.*\.csv"/);
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
  });
});
