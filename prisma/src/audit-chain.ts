/*
 * The tamper-evident audit log: every tenant's events form a hash chain. Each event stores its
 * position (seq), the previous event's hash, and a sha256 over the previous hash and a canonical
 * encoding of its own content. The tenant's chain head (AuditChainHead) records the last seq and hash.
 * Changing, deleting, inserting or reordering any event breaks the chain at that point, which
 * verifyAuditChain() finds and names.
 *
 * What it cannot see: someone with write access to the database who rewrites every event after a
 * point AND the head. Anchoring the head outside the database (an exported file, a periodic
 * checkpoint elsewhere) is what catches that; verifyAuditExport() checks such a file offline.
 *
 * Events written before the chain existed (migration 0002) carry "pre-chain" instead of hashes. The
 * first chained event of such a tenant links to a seal: the hash the pre-chain events would have had
 * as a chain. So from the first append on, changing, removing or inserting a pre-chain event is
 * detected too (as a range: which of them changed cannot be told).
 */
import { createHash, randomUUID } from "node:crypto";
import { type AuditOutcome, Prisma, type PrismaClient } from "./generated/prisma/client";

export const GENESIS_HASH = "genesis";
/** Events written before the chain existed (migration 0002) carry this instead of a hash. */
export const PRE_CHAIN = "pre-chain";

export type AuditEventContent = {
  id: string;
  tenantId: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  metadata: Prisma.InputJsonValue;
  requestId: string | null;
  createdAt: Date;
};

/** The hashed content of an event as read back (from the database or an exported file). */
export type AuditHashInput = Omit<AuditEventContent, "outcome" | "metadata"> & {
  outcome: string;
  metadata: unknown;
};

/** One stored event: its content and its place in the chain. */
export type AuditChainRow = AuditHashInput & { seq: number; prevHash: string; hash: string };

/**
 * JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash.
 * Follows JSON.stringify for everything else (toJSON, undefined members dropped, non-finite numbers
 * as null), so a value hashes the same before it is stored and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  )
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of one event given the previous event's hash. */
export function computeAuditHash(prevHash: string, seq: number, event: AuditHashInput): string {
  const body = hashedBody(seq, event.createdAt.toISOString(), event);
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** The canonical JSON an event's hash covers (seq and createdAt given apart: see auditAppendSql). */
function hashedBody(
  seq: number | string,
  createdAt: string,
  event: Omit<AuditHashInput, "createdAt"> | (AuditAppendInput & { metadata: unknown }),
): string {
  return canonicalJson({
    seq,
    id: event.id,
    tenantId: event.tenantId,
    actorType: event.actorType,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: event.outcome,
    reason: event.reason,
    metadata: event.metadata,
    requestId: event.requestId,
    createdAt,
  });
}

/** Whether a row is one of the events written before the chain existed. */
export function isPreChainRow(row: Pick<AuditChainRow, "hash" | "prevHash">): boolean {
  return row.hash === PRE_CHAIN && row.prevHash === PRE_CHAIN;
}

type ChainHead = { seq: number; hash: string };

/** A client to read audit rows with. */
type AuditClient = Pick<PrismaClient, "auditEvent" | "auditChainHead"> | Prisma.TransactionClient;

/**
 * Where audit rows are read from: a client (admin tooling), or a function that runs each read in its own
 * short tenant-bound transaction (the application: see tenant.ts), so a long walk holds no transaction open.
 */
export type AuditSource = AuditClient | (<T>(read: (client: AuditClient) => Promise<T>) => Promise<T>);

export function readerOf(source: AuditSource): <T>(read: (client: AuditClient) => Promise<T>) => Promise<T> {
  return typeof source === "function" ? source : (read) => read(source);
}

/** Locks the tenant's chain head for the rest of the transaction, creating it on the first append. */
async function lockChainHead(tx: Prisma.TransactionClient, tenantId: string): Promise<ChainHead> {
  const select = () => tx.$queryRaw<ChainHead[]>`
    SELECT "seq", "hash" FROM "AuditChainHead" WHERE "tenantId" = ${tenantId} FOR UPDATE`;
  let head = (await select())[0];
  if (!head) {
    // The tenant's first event. Two first appends racing: one inserts, the other waits on the
    // uniqueness check, finds the row and then queues on its lock.
    await tx.$executeRaw`INSERT INTO "AuditChainHead" ("tenantId", "seq", "hash") VALUES (${tenantId}, 0, ${GENESIS_HASH}) ON CONFLICT ("tenantId") DO NOTHING`;
    head = (await select())[0];
  }
  if (!head) throw new Error(`audit chain head missing for tenant ${tenantId}`);
  return { seq: Number(head.seq), hash: head.hash };
}

const PAGE_SIZE = 1000;

/** A tenant's events in seq order (ties by id), page by page, optionally up to a seq. */
async function* auditRows(
  source: AuditSource,
  tenantId: string,
  after: { seq: number; id: string } | null,
  upToSeq?: number,
): AsyncGenerator<AuditChainRow> {
  let cursor = after;
  for (;;) {
    const rows = await readerOf(source)((c) =>
      c.auditEvent.findMany({
        where: {
          tenantId,
          ...(upToSeq !== undefined ? { seq: { lte: upToSeq } } : {}),
          ...(cursor
            ? { OR: [{ seq: { gt: cursor.seq } }, { seq: cursor.seq, id: { gt: cursor.id } }] }
            : {}),
        },
        orderBy: [{ seq: "asc" }, { id: "asc" }],
        take: PAGE_SIZE,
      }),
    );
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) return;
    cursor = { seq: last.seq, id: last.id };
  }
}

/** The hash the pre-chain events 1..lastSeq would have as a chain: what the first chained event links to. */
async function sealPreChain(
  tx: Prisma.TransactionClient,
  tenantId: string,
  lastSeq: number,
): Promise<string> {
  let seal = GENESIS_HASH;
  for await (const row of auditRows(tx, tenantId, null, lastSeq)) seal = computeAuditHash(seal, row.seq, row);
  return seal;
}

/** What the one-statement append needs: the event's content, createdAt optional (the database's clock). */
export type AuditAppendInput = Omit<AuditEventContent, "createdAt"> & { createdAt?: Date };

/** The message of the keel_raise() a strict append raises when the head is not ready (see below). */
export const AUDIT_HEAD_NOT_READY = "audit chain head not ready";

// Stand-ins for the two values only the database knows at append time (seq and createdAt). Random,
// so no event content can contain them; quoted as JSON, so the split lands exactly on the value.
const SEQ_MARK = `\u0001seq-${randomUUID()}`;
const AT_MARK = `\u0001at-${randomUUID()}`;

/**
 * The canonical body of an event (what computeAuditHash hashes) split around its createdAt and seq,
 * so SQL can splice them in: body = before + createdAt + between + seq + after.
 */
function bodyAroundSeqAndTime(event: AuditAppendInput & { metadata: unknown }) {
  const marked = hashedBody(SEQ_MARK, AT_MARK, event);
  // Keys are sorted: createdAt comes before seq. createdAt is a JSON string, seq a number.
  const [before, rest] = marked.split(JSON.stringify(AT_MARK).slice(1, -1)) as [string, string];
  const [between, after] = rest.split(JSON.stringify(SEQ_MARK)) as [string, string];
  return { before, between, after };
}

/**
 * One statement that appends an event to its tenant's chain (keel_append_audit, migration 0005): it
 * moves the chain head (seq + 1, the old hash kept as prevHash, the new hash computed by PostgreSQL's
 * sha256 over exactly the bytes computeAuditHash hashes) and inserts the event from the head's new
 * values. The head's row lock serialises appends per tenant until the transaction ends; other tenants
 * are not blocked. JavaScript builds the canonical body around the two values only the database knows
 * (seq and createdAt); verification recomputes every hash in JavaScript, so the two must agree, and
 * every chain test checks that they do.
 *
 * createdAt is the statement's time, never earlier than the previous event's, so it follows seq.
 * The head must exist and hold no unsealed pre-chain events; otherwise the statement changes nothing
 * and returns no row (or, with `strict`, raises AUDIT_HEAD_NOT_READY as SQLSTATE KL001, for batches
 * that cannot look at results: see tenant-batch.ts).
 */
export function auditAppendSql(event: AuditAppendInput, options: { strict?: boolean } = {}): Prisma.Sql {
  // Hash exactly what jsonb will hand back: a JSON round trip turns Dates into strings, drops
  // undefined members and turns non-finite numbers into null, as the database would.
  const metadata = JSON.parse(JSON.stringify(event.metadata ?? {})) as Prisma.InputJsonValue;
  const { before, between, after } = bodyAroundSeqAndTime({ ...event, metadata });
  const createdAt = event.createdAt ? new Date(Math.floor(event.createdAt.getTime())) : null;
  // keel_append_audit (migration 0005) moves the head and inserts the event; see its comment.
  return Prisma.sql`SELECT "seq", "hash" FROM keel_append_audit(${event.tenantId}, ${event.id}, ${event.actorType},
    ${event.actorId}, ${event.actorLabel}, ${event.action}, ${event.targetType}, ${event.targetId}, ${event.outcome},
    ${event.reason}, ${JSON.stringify(metadata)}::jsonb, ${event.requestId}, ${createdAt}::timestamp(3), ${before},
    ${between}, ${after}, ${options.strict === true})`;
}

/**
 * Makes the tenant's chain head ready for auditAppendSql, under its row lock: creates it on the first
 * append (two first appends racing: one inserts, the other waits on the uniqueness check, finds the row
 * and then queues on its lock) and seals pre-chain events into the chain (a head still at genesis past
 * seq 0 sits after events written before the chain existed).
 */
async function prepareChainHead(tx: Prisma.TransactionClient, tenantId: string): Promise<void> {
  const head = await lockChainHead(tx, tenantId);
  if (head.hash === GENESIS_HASH && head.seq > 0) {
    const seal = await sealPreChain(tx, tenantId, head.seq);
    await tx.$executeRaw`UPDATE "AuditChainHead" SET "hash" = ${seal} WHERE "tenantId" = ${tenantId}`;
  }
}

/**
 * Appends an event to its tenant's chain inside the caller's transaction: one statement once the
 * tenant has a chain head. Call it last in the transaction (the head's lock is held until commit) and
 * under READ COMMITTED (Prisma's default), where a waiting append sees the head its predecessor
 * committed.
 */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  event: AuditAppendInput,
): Promise<{ seq: number; hash: string }> {
  const statement = auditAppendSql(event);
  let rows = await tx.$queryRaw<{ seq: number; hash: string }[]>(statement);
  if (rows.length === 0) {
    await prepareChainHead(tx, event.tenantId);
    rows = await tx.$queryRaw<{ seq: number; hash: string }[]>(statement);
  }
  const row = rows[0];
  if (!row) throw new Error(`audit chain head missing for tenant ${event.tenantId}`);
  return { seq: Number(row.seq), hash: row.hash };
}

// ---- verification ----------------------------------------------------------------------------------

export type AuditChainProblem =
  | {
      kind: "altered";
      seq: number;
      eventId: string;
      detail: string;
      /** Set when the change lies somewhere in seq..throughSeq and cannot be narrowed (pre-chain events). */
      throughSeq?: number;
    }
  | {
      kind: "removed";
      seq: number;
      detail: string;
      /** Set when several consecutive events are missing (seq..throughSeq). */
      throughSeq?: number;
    }
  | { kind: "inserted"; seq: number; eventId: string; detail: string }
  | {
      kind: "head_mismatch";
      seq: number;
      detail: string;
      /** The last event, when it is the one the head disagrees with. */
      eventId?: string;
    };

export type AuditChainReport = {
  tenantId: string;
  events: number;
  preChain: number;
  verified: number;
  ok: boolean;
  /** The first break in the chain, if any. */
  firstProblem: AuditChainProblem | null;
  /**
   * Whether the pre-chain events are sealed into the chain (changes to them since the first chained
   * event are detected); null when there are none or no chained event follows them yet.
   */
  preChainSealed: boolean | null;
  /** The chain head's seq, null when the tenant has none yet. */
  headSeq: number | null;
};

/** What walking a sequence of events found. */
export type AuditChainWalk = {
  events: number;
  preChain: number;
  verified: number;
  /** Seq, id and chain hash of the last event walked (hash: GENESIS_HASH while only pre-chain events). */
  last: { seq: number; id: string; hash: string } | null;
  preChainSealed: boolean | null;
  problem: AuditChainProblem | null;
};

export type WalkAuditChainOptions = {
  /**
   * Where the rows start. "genesis" (default): at seq 1 of the tenant's chain. "first-row": anywhere
   * (an exported range); the first row's position and link are trusted, everything after is checked.
   */
  start?: "genesis" | "first-row";
  /** The chain head (or another trusted record of the end), consulted to tell which of two rows broke. */
  tail?: () => Promise<{ seq: number; hash: string } | null>;
};

/** An async iterator with one row of lookahead. */
class Peekable<T> {
  private buffered: IteratorResult<T> | null = null;
  constructor(private readonly iterator: AsyncIterator<T> | Iterator<T>) {}
  async peek(): Promise<T | undefined> {
    this.buffered ??= await this.iterator.next();
    return this.buffered.done ? undefined : this.buffered.value;
  }
  async next(): Promise<T | undefined> {
    const value = await this.peek();
    this.buffered = null;
    return value;
  }
}

const label = (row: { seq: number; id: string }) => `#${row.seq} (${row.id})`;

/**
 * Walks events in seq order and returns the first one that was altered, removed, inserted or moved.
 * Pure: the rows may come from the database or from an exported file.
 */
export async function walkAuditChain(
  rows: AsyncIterable<AuditChainRow> | Iterable<AuditChainRow>,
  options: WalkAuditChainOptions = {},
): Promise<AuditChainWalk> {
  const it = new Peekable(
    Symbol.asyncIterator in rows
      ? rows[Symbol.asyncIterator]()
      : (rows as Iterable<AuditChainRow>)[Symbol.iterator](),
  );
  const trustFirst = options.start === "first-row";
  let expectedSeq = 1;
  // The hash the next chained row must link to; null: accept any (the first row of a range).
  let linkTo: string | null = trustFirst ? null : GENESIS_HASH;
  // The link the last accepted chained row matched, to recognise a row inserted before this one.
  let linkBeforeLast: string | null = null;
  let last: AuditChainRow | null = null;
  let lastHash = GENESIS_HASH;
  let inPreChain = true;
  let preChainFirst: AuditChainRow | null = null;
  // The pre-chain events hashed as a chain (what a sealed first chained event links to).
  let seal = GENESIS_HASH;
  let preChainSealed: boolean | null = null;
  let events = 0;
  let preChain = 0;
  let verified = 0;
  const done = (problem: AuditChainProblem | null): AuditChainWalk => ({
    events,
    preChain,
    verified,
    last: last ? { seq: last.seq, id: last.id, hash: lastHash } : null,
    preChainSealed,
    problem,
  });
  const matchesAt = (row: AuditChainRow, seq: number) =>
    computeAuditHash(row.prevHash, seq, row) === row.hash;

  for (let row = await it.next(); row; row = await it.next()) {
    events += 1;
    if (trustFirst && events === 1) expectedSeq = row.seq;

    if (row.seq < expectedSeq) {
      const why =
        row.seq < 1
          ? "is not a valid position"
          : `is already taken by ${last ? label(last) : "another event"}`;
      return done({
        kind: "inserted",
        seq: row.seq,
        eventId: row.id,
        detail: `event ${label(row)} was inserted: its seq ${why}`,
      });
    }
    if (row.seq > expectedSeq) {
      const missing = row.seq - expectedSeq;
      return done({
        kind: "removed",
        seq: expectedSeq,
        ...(missing > 1 ? { throughSeq: row.seq - 1 } : {}),
        detail:
          missing > 1
            ? `events #${expectedSeq}–#${row.seq - 1} were removed (the chain jumps from ${last ? label(last) : "its start"} to ${label(row)})`
            : `event #${expectedSeq} was removed (the chain jumps from ${last ? label(last) : "its start"} to ${label(row)})`,
      });
    }

    if (inPreChain && isPreChainRow(row)) {
      preChain += 1;
      preChainFirst ??= row;
      seal = computeAuditHash(seal, row.seq, row);
      last = row;
      expectedSeq += 1;
      continue;
    }

    const firstAfterPreChain = inPreChain && preChain > 0;
    if (inPreChain) {
      inPreChain = false;
      // Sealed: links to the pre-chain events' hash. Chains begun before sealing link to genesis.
      if (firstAfterPreChain && linkTo !== null && row.prevHash === GENESIS_HASH) linkTo = GENESIS_HASH;
      else if (firstAfterPreChain && linkTo !== null) linkTo = seal;
    }
    const linked = linkTo === null || row.prevHash === linkTo;
    const intact = matchesAt(row, row.seq);

    if (linked && intact) {
      if (firstAfterPreChain && linkTo !== null) preChainSealed = row.prevHash !== GENESIS_HASH;
      linkBeforeLast = row.prevHash;
      linkTo = row.hash;
      lastHash = row.hash;
      last = row;
      verified += 1;
      expectedSeq += 1;
      continue;
    }

    if (linked) {
      return done({
        kind: "altered",
        seq: row.seq,
        eventId: row.id,
        detail: `event ${label(row)} was changed after it was written: its content no longer matches its hash`,
      });
    }

    const next = await it.peek();
    if (intact) {
      // The row is whole but does not follow its predecessor. If the chain goes on from it, it is the
      // original and what came before was rewritten; otherwise this row was replaced.
      let continues: boolean;
      if (next) continues = next.seq === row.seq + 1 && next.prevHash === row.hash;
      else {
        const tail = await options.tail?.();
        continues = tail ? tail.seq === row.seq && tail.hash === row.hash : false;
      }
      if (continues && firstAfterPreChain && preChainFirst && last) {
        return done({
          kind: "altered",
          seq: preChainFirst.seq,
          eventId: preChainFirst.id,
          throughSeq: last.seq,
          detail: `pre-chain events #${preChainFirst.seq}–#${last.seq} were changed, removed or inserted after event ${label(row)} sealed them (which one cannot be told)`,
        });
      }
      if (continues && last) {
        return done({
          kind: "altered",
          seq: last.seq,
          eventId: last.id,
          detail: `event ${label(last)} was changed and its hash recomputed: event ${label(row)} still links to its original hash`,
        });
      }
      return done({
        kind: "altered",
        seq: row.seq,
        eventId: row.id,
        detail: `event ${label(row)} was replaced or rewritten: it does not link to ${last ? label(last) : "the start of the chain"}`,
      });
    }

    // Neither whole nor linked: the row may have been moved to another seq.
    if (last && !isPreChainRow(last) && row.prevHash === linkBeforeLast && matchesAt(row, row.seq - 1)) {
      return done({
        kind: "inserted",
        seq: last.seq,
        eventId: last.id,
        detail: `event ${label(last)} was inserted: event ${label(row)} was written as #${row.seq - 1} and links to the event before it`,
      });
    }
    if (matchesAt(row, row.seq + 1)) {
      const renumbered = !next || (next.seq === row.seq + 1 && next.prevHash === row.hash);
      return renumbered
        ? done({
            kind: "removed",
            seq: row.seq,
            detail: `event #${row.seq} was removed and the later events renumbered: ${label(row)} was written as #${row.seq + 1}`,
          })
        : done({
            kind: "altered",
            seq: row.seq,
            eventId: row.id,
            detail: `event ${label(row)} was moved: it was written as #${row.seq + 1} (events reordered)`,
          });
    }
    return done({
      kind: "altered",
      seq: row.seq,
      eventId: row.id,
      detail: `event ${label(row)} was changed after it was written: it no longer matches its hash nor links to ${last ? label(last) : "the start of the chain"}`,
    });
  }
  return done(null);
}

type HeadRow = { seq: number; hash: string };

/**
 * Walks a tenant's chain in seq order and reports the first event that was altered, removed or
 * inserted, and whether the chain head agrees with the last event. Streams in pages so a long log
 * does not load into memory at once; appends running meanwhile are not mistaken for tampering.
 */
export async function verifyAuditChain(source: AuditSource, tenantId: string): Promise<AuditChainReport> {
  const read = readerOf(source);
  let head: HeadRow | null | undefined;
  const readHead = async () => {
    head = await read((c) =>
      c.auditChainHead.findUnique({ where: { tenantId }, select: { seq: true, hash: true } }),
    );
    return head;
  };
  // The head is read after the rows: a row seen was committed with its head update, so a row beyond
  // the head was not appended. Rows appended while walking are then followed up to the head.
  async function* rows(): AsyncGenerator<AuditChainRow> {
    let lastRow: AuditChainRow | null = null;
    for await (const row of auditRows(source, tenantId, null)) {
      lastRow = row;
      yield row;
    }
    const h = await readHead();
    if (h && lastRow && h.seq > lastRow.seq)
      yield* auditRows(source, tenantId, { seq: lastRow.seq, id: lastRow.id }, h.seq);
  }
  const walk = await walkAuditChain(rows(), { tail: async () => (head === undefined ? readHead() : head) });
  const h: HeadRow | null = head === undefined ? await readHead() : head;

  const report = (problem: AuditChainProblem | null): Promise<AuditChainReport> =>
    (problem ? read((c) => c.auditEvent.count({ where: { tenantId } })) : Promise.resolve(walk.events)).then(
      (events) => ({
        tenantId,
        events,
        preChain: walk.preChain,
        verified: walk.verified,
        ok: problem === null,
        firstProblem: problem,
        preChainSealed: walk.preChainSealed,
        headSeq: h?.seq ?? null,
      }),
    );
  const firstBeyondHead = async (seq: number) =>
    read((c) =>
      c.auditEvent.findFirst({
        where: { tenantId, seq: { gt: seq } },
        orderBy: [{ seq: "asc" }, { id: "asc" }],
        select: { seq: true, id: true },
      }),
    );
  const insertedBeyondHead = async (headRow: HeadRow): Promise<AuditChainProblem | null> => {
    const row = await firstBeyondHead(headRow.seq);
    return row
      ? {
          kind: "inserted",
          seq: row.seq,
          eventId: row.id,
          detail: `event ${label(row)} was inserted: the chain head ends at #${headRow.seq}`,
        }
      : null;
  };

  if (walk.problem) {
    // A break past the head is a row that was never appended: name the first such row.
    if (h && walk.problem.seq > h.seq) return report((await insertedBeyondHead(h)) ?? walk.problem);
    return report(walk.problem);
  }

  const last = walk.last;
  if (!h) {
    return report(
      last
        ? {
            kind: "head_mismatch",
            seq: last.seq,
            detail: `the chain head is missing although the log holds events up to #${last.seq}`,
          }
        : null,
    );
  }
  const lastSeq = last?.seq ?? 0;
  const lastHash = last?.hash ?? GENESIS_HASH;
  if (h.seq === lastSeq) {
    if (h.hash === lastHash) return report(null);
    return report({
      kind: "head_mismatch",
      seq: lastSeq,
      ...(last ? { eventId: last.id } : {}),
      detail: last
        ? `the chain head does not match the last event ${label(last)}: that event was rewritten with a recomputed hash, or the head was changed`
        : "the chain head was changed: it is not at the start of an empty chain",
    });
  }
  if (h.seq < lastSeq) {
    // Events past the head: appended without it (inserted), or the head was wound back.
    const atHead =
      h.seq === 0
        ? null
        : await read((c) =>
            c.auditEvent.findFirst({
              where: { tenantId, seq: h.seq },
              select: { hash: true, prevHash: true },
            }),
          );
    const hashAtHead = atHead && !isPreChainRow(atHead) ? atHead.hash : GENESIS_HASH;
    if (h.hash === hashAtHead) {
      const inserted = await insertedBeyondHead(h);
      if (inserted) return report(inserted);
    }
    return report({
      kind: "head_mismatch",
      seq: h.seq,
      detail: `the chain head says #${h.seq} but the chain goes on to #${lastSeq}: the head was changed`,
    });
  }
  // The head is past the last event.
  if (last && lastHash !== GENESIS_HASH && h.hash === lastHash) {
    return report({
      kind: "head_mismatch",
      seq: h.seq,
      detail: `the chain head says #${h.seq} but its hash is that of ${label(last)}: the head was changed`,
    });
  }
  const missing = h.seq - lastSeq;
  return report({
    kind: "removed",
    seq: lastSeq + 1,
    ...(missing > 1 ? { throughSeq: h.seq } : {}),
    detail:
      missing > 1
        ? `events #${lastSeq + 1}–#${h.seq} were removed from the end of the chain (the head says #${h.seq})`
        : `event #${h.seq} was removed from the end of the chain (the head says #${h.seq})`,
  });
}
