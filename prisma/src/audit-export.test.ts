import { describe, expect, it } from "vitest";
import { computeAuditHash, GENESIS_HASH } from "./audit-chain";
import {
  AUDIT_CSV_COLUMNS,
  type AuditExportRecord,
  auditExportFilename,
  auditRecordToCsv,
  auditRecordToJsonl,
  csvField,
  csvLine,
  parseAuditExportLine,
  verifyAuditExport,
} from "./audit-export";
import { parseCsv } from "./testing-csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [42, "42"],
    ["a,b", '"a,b"'],
    ['she said "hi"', '"she said ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["crlf\r\nhere", '"crlf\r\nhere"'],
    ['{"a":1,"b":"x"}', '"{""a"":1,""b"":""x""}"'],
  ])("encodes %j as %j", (value, encoded) => {
    expect(csvField(value)).toBe(encoded);
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2")).toBe("'-2");
    // Numbers are numbers, not text.
    expect(csvField(-2)).toBe("-2");
  });

  it("writes CRLF-terminated records that a strict reader parses back", () => {
    const values = ["a", 'q"uote', "com,ma", "new\nline", ""];
    const text = csvLine(values) + csvLine(["x", "y", "z", "w", "v"]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([values, ["x", "y", "z", "w", "v"]]);
  });
});

const record = (over: Partial<AuditExportRecord> = {}): AuditExportRecord => ({
  seq: 1,
  id: "aud_aaaaaaaaaaaaaaaaaaaa",
  tenantId: "tnt_aaaaaaaaaaaaaaaaaaaa",
  createdAt: "2026-11-20T17:00:00.000Z",
  actorType: "user:session",
  actorId: "usr_aaaaaaaaaaaaaaaaaaaa",
  actorLabel: "supervisor@northwind.test",
  action: "approval.decided",
  targetType: "action_request",
  targetId: "act_aaaaaaaaaaaaaaaaaaaa",
  outcome: "success",
  reason: 'Approved, "verified" by phone\nsee ticket',
  metadata: { z: 1, amount: 49.99, note: "a,b" },
  requestId: null,
  prevHash: GENESIS_HASH,
  hash: "h",
  ...over,
});

describe("audit records", () => {
  it("CSV: one column per field in header order, metadata as canonical JSON", () => {
    const [row] = parseCsv(auditRecordToCsv(record()));
    expect(row).toHaveLength(AUDIT_CSV_COLUMNS.length);
    const byColumn = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c, i) => [c, row?.[i]]));
    expect(byColumn).toMatchObject({
      seq: "1",
      reason: 'Approved, "verified" by phone\nsee ticket',
      metadata: '{"amount":49.99,"note":"a,b","z":1}',
      requestId: "",
      outcome: "success",
    });
  });

  it("JSONL: one line per event that parses back to the same row", () => {
    const line = auditRecordToJsonl(record());
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    const row = parseAuditExportLine(line);
    expect(row.createdAt.toISOString()).toBe("2026-11-20T17:00:00.000Z");
    expect(row.metadata).toEqual({ z: 1, amount: 49.99, note: "a,b" });
    expect(() => parseAuditExportLine('{"seq":"1"}')).toThrow(/mistyped/);
  });

  it("verifies a JSONL file offline and names a tampered line", async () => {
    const lines: string[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 4; seq += 1) {
      const r = record({ seq, id: `aud_${String(seq).repeat(20)}`, prevHash: prev });
      const row = parseAuditExportLine(JSON.stringify(r));
      r.hash = computeAuditHash(prev, seq, row);
      prev = r.hash;
      lines.push(auditRecordToJsonl(r));
    }
    const ok = await verifyAuditExport(lines);
    expect(ok).toMatchObject({ ok: true, events: 4, verified: 4, fromGenesis: true, lastHash: prev });
    expect(await verifyAuditExport(lines, { expectedHead: { seq: 5, hash: "x" } })).toMatchObject({
      ok: false,
      firstProblem: { kind: "removed", seq: 5 },
    });

    const tampered = [...lines];
    tampered[2] = (tampered[2] ?? "").replace('"outcome":"success"', '"outcome":"denied"');
    expect(await verifyAuditExport(tampered)).toMatchObject({
      ok: false,
      firstProblem: { kind: "altered", seq: 3, eventId: `aud_${"3".repeat(20)}` },
    });
    expect(await verifyAuditExport([...lines.slice(0, 2), "not json\n"])).toMatchObject({
      ok: false,
      malformed: { line: 3 },
    });
  });

  it("names downloads after tenant, time and format", () => {
    expect(auditExportFilename("northwind", "csv", new Date("2026-11-20T17:00:00.123Z"))).toBe(
      "keel-audit-northwind-20261120T170000Z.csv",
    );
  });
});
