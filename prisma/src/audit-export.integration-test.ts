import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, computeAuditHash, GENESIS_HASH } from "./audit-chain";
import {
  AUDIT_CSV_COLUMNS,
  type AuditExportFormat,
  type AuditExportOptions,
  exportAuditEvents,
  parseAuditExportLine,
  verifyAuditExport,
} from "./audit-export";
import type { Database } from "./db";
import { newId } from "./ids";
import { createTestDatabase, testDatabaseTarget } from "./testing";
import { parseCsv } from "./testing-csv";

const base = Date.parse("2026-11-01T00:00:00.000Z");
const hour = 3_600_000;
const reasons = [
  null,
  "plain",
  "with, a comma",
  'with "quotes"',
  "two\nlines",
  "crlf\r\ninside",
  '=HYPERLINK("http://evil.test")',
  "Ünïcødé ✓",
];

let db: Database;
let tenantId: string;
beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  tenantId = newId("tnt");
  await db.prisma.tenant.create({
    data: { id: tenantId, slug: "export-test", name: "Export", industry: "test" },
  });
  // Other tenants' events must not leak into the export.
  const other = newId("tnt");
  await db.prisma.tenant.create({
    data: { id: other, slug: "export-other", name: "Other", industry: "test" },
  });
  for (let n = 1; n <= 23; n += 1) {
    for (const tenant of n % 4 === 0 ? [tenantId, other] : [tenantId]) {
      await db.prisma.$transaction((tx) =>
        appendAuditEvent(tx, {
          id: newId("aud"),
          tenantId: tenant,
          actorType: "user:session",
          actorId: "usr_aaaaaaaaaaaaaaaaaaaa",
          actorLabel: n % 5 ? "auditor@northwind.test" : null,
          action: "approval.decided",
          targetType: "action_request",
          targetId: `act_${String(n % 10).repeat(20)}`,
          outcome: n % 3 ? "success" : "denied",
          reason: reasons[n % reasons.length] ?? null,
          metadata: { n, amount: 49.99, note: 'a,"b"\nc', nested: { list: [1, "two", null] } },
          requestId: n % 2 ? null : `req-${n}`,
          // One event an hour, so time windows pick known seqs.
          createdAt: new Date(base + n * hour),
        }),
      );
    }
  }
});
afterAll(async () => {
  await db?.close();
});

async function exportText(format: AuditExportFormat, options: Partial<AuditExportOptions> = {}) {
  const exported = exportAuditEvents(db.prisma, { tenantId, format, pageSize: 5, ...options });
  let text = "";
  let chunks = 0;
  for await (const chunk of exported.chunks) {
    text += chunk;
    chunks += 1;
  }
  return { text, chunks, summary: exported.summary() };
}

describe(`audit export on ${testDatabaseTarget()}`, () => {
  it("JSONL: one event per line in seq order, and the chain recomputes from the file alone", async () => {
    const { text, chunks, summary } = await exportText("jsonl");
    expect(summary).toEqual({ events: 23, firstSeq: 1, lastSeq: 23 });
    expect(chunks).toBeGreaterThan(4); // streamed page by page
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(23);

    let prev = GENESIS_HASH;
    for (const [i, line] of lines.entries()) {
      const record = JSON.parse(line);
      expect(Object.keys(record)).toEqual(expect.arrayContaining(["seq", "prevHash", "hash", "metadata"]));
      const row = parseAuditExportLine(line);
      expect(row.seq).toBe(i + 1);
      expect(row.tenantId).toBe(tenantId);
      expect(row.prevHash).toBe(prev);
      expect(computeAuditHash(prev, row.seq, row)).toBe(row.hash);
      prev = row.hash;
    }
    const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { tenantId } });
    expect(prev).toBe(head.hash);
    expect(
      await verifyAuditExport(lines, { expectedHead: { seq: head.seq, hash: head.hash } }),
    ).toMatchObject({
      ok: true,
      events: 23,
      verified: 23,
      fromGenesis: true,
    });
  });

  it("JSONL: the exported values are the stored ones", async () => {
    const { text } = await exportText("jsonl");
    const stored = await db.prisma.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
    const exported = text.trimEnd().split("\n").map(parseAuditExportLine);
    expect(exported).toEqual(stored.map((row) => ({ ...row })));
  });

  it("CSV: header row, RFC 4180 quoting, metadata as a JSON column", async () => {
    const { text, summary } = await exportText("csv");
    expect(summary.events).toBe(23);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(records).toHaveLength(23);
    const stored = await db.prisma.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    for (const [i, record] of records.entries()) {
      const row = stored[i];
      if (!row) throw new Error("row missing");
      expect(record[col("seq")]).toBe(String(row.seq));
      expect(record[col("id")]).toBe(row.id);
      expect(record[col("createdAt")]).toBe(row.createdAt.toISOString());
      expect(record[col("actorLabel")]).toBe(row.actorLabel ?? "");
      const reason = row.reason ?? "";
      expect(record[col("reason")]).toBe(reason.startsWith("=") ? `'${reason}` : reason);
      expect(JSON.parse(record[col("metadata")] ?? "")).toEqual(row.metadata);
      expect(record[col("hash")]).toBe(row.hash);
    }
    // The tricky values really went through quoting.
    expect(text).toContain('"with ""quotes"""');
    expect(text).toContain('"two\nlines"');
  });

  it("a time window exports a contiguous range that verifies on its own", async () => {
    const from = new Date(base + 5 * hour);
    const to = new Date(base + 12 * hour); // exclusive
    const { text, summary } = await exportText("jsonl", { from, to });
    expect(summary).toEqual({ events: 7, firstSeq: 5, lastSeq: 11 });
    const lines = text.trimEnd().split("\n");
    expect(lines.map((l) => parseAuditExportLine(l).seq)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(await verifyAuditExport(lines)).toMatchObject({ ok: true, verified: 7, fromGenesis: false });
    // Cutting an event out of the middle of the file is still caught.
    expect(await verifyAuditExport(lines.filter((_, i) => i !== 3))).toMatchObject({
      ok: false,
      firstProblem: { kind: "removed", seq: 8 },
    });
  });

  it("an empty window or tenant exports nothing (CSV: the header only)", async () => {
    const future = new Date(base + 1000 * hour);
    expect((await exportText("jsonl", { from: future })).text).toBe("");
    const csv = await exportText("csv", { from: future });
    expect(parseCsv(csv.text)).toEqual([[...AUDIT_CSV_COLUMNS]]);
    expect(csv.summary.events).toBe(0);
  });
});
