/*
 * Exports a tenant's audit log as JSONL or CSV, streamed in pages so a long log never sits in
 * memory. JSONL is the exact form: one event per line with seq/prevHash/hash, so a file can be
 * verified offline (verifyAuditExport). CSV is for spreadsheets: RFC 4180 quoting, a header row,
 * metadata as a JSON column, and cells that a spreadsheet would run as a formula defused.
 */
import {
  type AuditChainProblem,
  type AuditChainRow,
  type AuditSource,
  canonicalJson,
  readerOf,
  walkAuditChain,
} from "./audit-chain";

export const AUDIT_EXPORT_FORMATS = ["jsonl", "csv"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** One exported event: the stored row with createdAt as an ISO string. */
export type AuditExportRecord = {
  seq: number;
  id: string;
  tenantId: string;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  reason: string | null;
  metadata: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
};

/** CSV columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "createdAt",
  "id",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "reason",
  "metadata",
  "requestId",
  "tenantId",
  "prevHash",
  "hash",
] as const satisfies readonly (keyof AuditExportRecord)[];

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

/** The export record of a stored event. */
export function toAuditExportRecord(row: AuditChainRow): AuditExportRecord {
  return {
    seq: row.seq,
    id: row.id,
    tenantId: row.tenantId,
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    outcome: row.outcome,
    reason: row.reason,
    metadata: row.metadata,
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text a
 * spreadsheet would evaluate as a formula (leading = + - @ tab CR) gets a leading apostrophe
 * (OWASP's CSV injection advice); numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** One exported event as a CSV line. */
export function auditRecordToCsv(record: AuditExportRecord): string {
  return csvLine(
    AUDIT_CSV_COLUMNS.map((column) =>
      column === "metadata" ? canonicalJson(record.metadata) : (record[column] as string | number | null),
    ),
  );
}

/** One exported event as a JSONL line. */
export function auditRecordToJsonl(record: AuditExportRecord): string {
  return `${JSON.stringify(record)}\n`;
}

export type AuditExportOptions = {
  tenantId: string;
  format: AuditExportFormat;
  /** Events created at or after this instant. */
  from?: Date | null;
  /** Events created before this instant (exclusive, so consecutive ranges never overlap). */
  to?: Date | null;
  /** Rows per database round trip (default 500). */
  pageSize?: number;
};

export type AuditExport = {
  /** The file's content, page by page. */
  chunks: AsyncIterable<string>;
  /** What has been written so far (complete once chunks is exhausted). */
  summary(): { events: number; firstSeq: number | null; lastSeq: number | null };
};

/**
 * Streams a tenant's events in seq order. A time window selects the seq range from the first event
 * at or after `from` to the last before `to`, and exports that range whole, so a range export is a
 * contiguous piece of the chain that verifies on its own. Events appended after the export started
 * are not included.
 */
export function exportAuditEvents(source: AuditSource, options: AuditExportOptions): AuditExport {
  const read = readerOf(source);
  const pageSize = options.pageSize ?? 500;
  const { tenantId, format } = options;
  let events = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;

  async function* chunks(): AsyncGenerator<string> {
    if (format === "csv") yield csvLine(AUDIT_CSV_COLUMNS);
    const first = await read((c) =>
      c.auditEvent.aggregate({
        where: { tenantId, ...(options.from ? { createdAt: { gte: options.from } } : {}) },
        _min: { seq: true },
      }),
    );
    const last = await read((c) =>
      c.auditEvent.aggregate({
        where: { tenantId, ...(options.to ? { createdAt: { lt: options.to } } : {}) },
        _max: { seq: true },
      }),
    );
    const minSeq = first._min.seq;
    const maxSeq = last._max.seq;
    if (minSeq === null || maxSeq === null || minSeq > maxSeq) return;

    let cursor: { seq: number; id: string } | null = null;
    for (;;) {
      const rows: AuditChainRow[] = await read((c) =>
        c.auditEvent.findMany({
          where: {
            tenantId,
            seq: { gte: minSeq, lte: maxSeq },
            ...(cursor
              ? { OR: [{ seq: { gt: cursor.seq } }, { seq: cursor.seq, id: { gt: cursor.id } }] }
              : {}),
          },
          orderBy: [{ seq: "asc" }, { id: "asc" }],
          take: pageSize,
        }),
      );
      if (rows.length === 0) return;
      let page = "";
      for (const row of rows) {
        const record = toAuditExportRecord(row);
        page += format === "csv" ? auditRecordToCsv(record) : auditRecordToJsonl(record);
        events += 1;
        firstSeq ??= row.seq;
        lastSeq = row.seq;
      }
      yield page;
      const tail = rows.at(-1);
      if (!tail || rows.length < pageSize) return;
      cursor = { seq: tail.seq, id: tail.id };
    }
  }

  return { chunks: chunks(), summary: () => ({ events, firstSeq, lastSeq }) };
}

/** A download name such as `keel-audit-northwind-20261120T170000Z.jsonl`. */
export function auditExportFilename(
  tenantSlug: string,
  format: AuditExportFormat,
  at: Date = new Date(),
): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `keel-audit-${tenantSlug.replace(/[^a-z0-9-]/gi, "_")}-${stamp}.${format}`;
}

// ---- offline verification ------------------------------------------------------------------------

const isString = (v: unknown): v is string => typeof v === "string";
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === "string";

/** Parses one JSONL line of an export back into a row; throws with the reason when malformed. */
export function parseAuditExportLine(line: string): AuditChainRow {
  const r = JSON.parse(line) as Record<string, unknown>;
  if (r === null || typeof r !== "object" || Array.isArray(r)) throw new Error("not a JSON object");
  const createdAt = isString(r.createdAt) ? new Date(r.createdAt) : null;
  const valid =
    Number.isInteger(r.seq) &&
    isString(r.id) &&
    isString(r.tenantId) &&
    createdAt !== null &&
    !Number.isNaN(createdAt.getTime()) &&
    isString(r.actorType) &&
    isNullableString(r.actorId) &&
    isNullableString(r.actorLabel) &&
    isString(r.action) &&
    isNullableString(r.targetType) &&
    isNullableString(r.targetId) &&
    isString(r.outcome) &&
    isNullableString(r.reason) &&
    "metadata" in r &&
    isNullableString(r.requestId) &&
    isString(r.prevHash) &&
    isString(r.hash);
  if (!valid || !createdAt) throw new Error("missing or mistyped fields");
  return {
    seq: r.seq as number,
    id: r.id as string,
    tenantId: r.tenantId as string,
    createdAt,
    actorType: r.actorType as string,
    actorId: r.actorId as string | null,
    actorLabel: r.actorLabel as string | null,
    action: r.action as string,
    targetType: r.targetType as string | null,
    targetId: r.targetId as string | null,
    outcome: r.outcome as string,
    reason: r.reason as string | null,
    metadata: r.metadata,
    requestId: r.requestId as string | null,
    prevHash: r.prevHash as string,
    hash: r.hash as string,
  };
}

export type AuditExportVerification = {
  ok: boolean;
  events: number;
  preChain: number;
  verified: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The chain hash after the last event: compare it with the head recorded elsewhere. */
  lastHash: string | null;
  /** True when the file starts at the beginning of the chain; false for a range (its first link is trusted). */
  fromGenesis: boolean;
  tenantIds: string[];
  firstProblem: AuditChainProblem | null;
  /** A line that could not be read, if any (verification stops there). */
  malformed: { line: number; error: string } | null;
};

/**
 * Verifies an exported JSONL file without the database: recomputes every hash and link from the
 * file. A file of a time range starts mid-chain; its first event's link is trusted.
 * Pass `expectedHead` (seq and hash taken from the chain head at export time) to also catch events
 * cut from the end of the file.
 */
export async function verifyAuditExport(
  lines: AsyncIterable<string> | Iterable<string>,
  options: { expectedHead?: { seq: number; hash: string } } = {},
): Promise<AuditExportVerification> {
  let malformed: AuditExportVerification["malformed"] = null;
  let firstRow: AuditChainRow | null = null;
  const tenants = new Set<string>();
  let lineNumber = 0;
  async function* rows(): AsyncGenerator<AuditChainRow> {
    for await (const raw of lines) {
      lineNumber += 1;
      const line = raw.trim();
      if (line === "") continue;
      let row: AuditChainRow;
      try {
        row = parseAuditExportLine(line);
      } catch (error) {
        malformed = { line: lineNumber, error: error instanceof Error ? error.message : String(error) };
        return;
      }
      tenants.add(row.tenantId);
      yield row;
    }
  }
  // Peek at the first row to know whether the file starts at the chain's beginning.
  const iterator = rows();
  const head = await iterator.next();
  if (!head.done) firstRow = head.value;
  const fromGenesis = firstRow === null || firstRow.seq === 1;
  async function* all(): AsyncGenerator<AuditChainRow> {
    if (firstRow) yield firstRow;
    yield* iterator;
  }
  const walk = await walkAuditChain(all(), {
    start: fromGenesis ? "genesis" : "first-row",
    ...(options.expectedHead ? { tail: async () => options.expectedHead ?? null } : {}),
  });

  let problem = walk.problem;
  const last = walk.last;
  const lastHash = last?.hash ?? null;
  if (!problem && tenants.size > 1) {
    problem = {
      kind: "inserted",
      seq: last?.seq ?? 0,
      eventId: last?.id ?? "",
      detail: `the file mixes events of several tenants (${[...tenants].join(", ")})`,
    };
  }
  const expected = options.expectedHead;
  if (!problem && expected && last && (expected.seq !== last.seq || expected.hash !== lastHash)) {
    problem =
      expected.seq > last.seq
        ? {
            kind: "removed",
            seq: last.seq + 1,
            ...(expected.seq - last.seq > 1 ? { throughSeq: expected.seq } : {}),
            detail: `the file ends at #${last.seq} but the chain head says #${expected.seq}: events were cut from the end`,
          }
        : {
            kind: "head_mismatch",
            seq: last.seq,
            eventId: last.id,
            detail: `the file's last event #${last.seq} (${last.id}) does not match the expected head #${expected.seq}`,
          };
  }
  const done = malformed as AuditExportVerification["malformed"];
  return {
    ok: problem === null && done === null,
    events: walk.events,
    preChain: walk.preChain,
    verified: walk.verified,
    firstSeq: firstRow?.seq ?? null,
    lastSeq: last?.seq ?? null,
    lastHash,
    fromGenesis,
    tenantIds: [...tenants],
    firstProblem: problem,
    malformed: done,
  };
}
