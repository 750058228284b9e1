import { describe, expect, it } from "vitest";
import {
  type AuditChainRow,
  canonicalJson,
  computeAuditHash,
  GENESIS_HASH,
  PRE_CHAIN,
  walkAuditChain,
} from "./audit-chain";

// The chain logic on rows in memory; audit-chain.integration-test.ts tampers with real tables.

const base = new Date("2026-11-20T17:00:00.000Z");

function content(n: number): Omit<AuditChainRow, "seq" | "prevHash" | "hash"> {
  return {
    id: `aud_${String(n).padStart(20, "a")}`,
    tenantId: "tnt_aaaaaaaaaaaaaaaaaaaa",
    actorType: "user:session",
    actorId: "usr_aaaaaaaaaaaaaaaaaaaa",
    actorLabel: "supervisor@northwind.test",
    action: "ticket.view",
    targetType: "ticket",
    targetId: `tkt_${String(n).padStart(20, "b")}`,
    outcome: "success",
    reason: null,
    metadata: { n, nested: { b: 2, a: [1, "x"] } },
    requestId: null,
    createdAt: new Date(base.getTime() + n * 1000),
  };
}

/** A valid chain of n events, optionally after `pre` pre-chain events (sealed). */
function chain(n: number, pre = 0): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let seal = GENESIS_HASH;
  for (let i = 1; i <= pre; i += 1) {
    const row = { ...content(i), seq: i, prevHash: PRE_CHAIN, hash: PRE_CHAIN };
    seal = computeAuditHash(seal, i, row);
    rows.push(row);
  }
  let prev = seal;
  for (let i = pre + 1; i <= pre + n; i += 1) {
    const c = content(i);
    const hash = computeAuditHash(prev, i, c);
    rows.push({ ...c, seq: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const rehash = (row: AuditChainRow): AuditChainRow => ({
  ...row,
  hash: computeAuditHash(row.prevHash, row.seq, row),
});
const at = (rows: AuditChainRow[], seq: number) => {
  const row = rows.find((r) => r.seq === seq);
  if (!row) throw new Error(`no row ${seq}`);
  return row;
};

describe("canonicalJson", () => {
  it("sorts keys at every level and encodes like JSON.stringify otherwise", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    const date = new Date("2026-11-20T17:00:00.000Z");
    // As stored: a Date becomes its ISO string, undefined members vanish, NaN becomes null.
    const value = { at: date, gone: undefined, nan: Number.NaN, list: [undefined] };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });
});

describe("walkAuditChain", () => {
  it("accepts an intact chain", async () => {
    const walk = await walkAuditChain(chain(5));
    expect(walk).toMatchObject({ events: 5, verified: 5, preChain: 0, problem: null, last: { seq: 5 } });
  });

  it.each([1, 3, 5])("names event #%i when its content changed", async (seq) => {
    const rows = chain(5).map((r) => (r.seq === seq ? { ...r, outcome: "denied" } : r));
    const walk = await walkAuditChain(rows);
    expect(walk.problem).toMatchObject({ kind: "altered", seq, eventId: at(rows, seq).id });
  });

  it("names the rewritten event, not its successor, when its hash was recomputed", async () => {
    const rows = chain(5).map((r) => (r.seq === 3 ? rehash({ ...r, actorLabel: "mallory@evil.test" }) : r));
    const walk = await walkAuditChain(rows);
    expect(walk.problem).toMatchObject({ kind: "altered", seq: 3, eventId: at(rows, 3).id });
    expect(walk.problem?.detail).toContain("hash recomputed");
  });

  it("names a replaced event that no longer links (prevHash forged, hash recomputed)", async () => {
    const rows = chain(5).map((r) => (r.seq === 3 ? rehash({ ...r, prevHash: "f".repeat(64) }) : r));
    expect((await walkAuditChain(rows)).problem).toMatchObject({ kind: "altered", seq: 3 });
  });

  it.each([1, 3])("names #%i when it was removed", async (seq) => {
    const rows = chain(5).filter((r) => r.seq !== seq);
    expect((await walkAuditChain(rows)).problem).toMatchObject({ kind: "removed", seq });
  });

  it("names a removed event when the later ones were renumbered", async () => {
    const rows = chain(5)
      .filter((r) => r.seq !== 3)
      .map((r) => (r.seq > 3 ? { ...r, seq: r.seq - 1 } : r));
    expect((await walkAuditChain(rows)).problem).toMatchObject({ kind: "removed", seq: 3 });
  });

  it("names a forged event inserted in the middle with a plausible hash", async () => {
    const rows = chain(5);
    const forged = { ...content(99), seq: 3, prevHash: at(rows, 2).hash, hash: "" };
    forged.hash = computeAuditHash(forged.prevHash, 3, forged);
    const tampered = [
      ...rows.filter((r) => r.seq < 3),
      forged,
      ...rows.filter((r) => r.seq >= 3).map((r) => ({ ...r, seq: r.seq + 1 })),
    ];
    expect((await walkAuditChain(tampered)).problem).toMatchObject({
      kind: "inserted",
      seq: 3,
      eventId: forged.id,
    });
  });

  it("names a forged event at the start (seq 1) with a plausible hash", async () => {
    const rows = chain(3);
    const forged = { ...content(99), seq: 1, prevHash: GENESIS_HASH, hash: "" };
    forged.hash = computeAuditHash(GENESIS_HASH, 1, forged);
    const tampered = [forged, ...rows.map((r) => ({ ...r, seq: r.seq + 1 }))];
    expect((await walkAuditChain(tampered)).problem).toMatchObject({
      kind: "inserted",
      seq: 1,
      eventId: forged.id,
    });
  });

  it("names an event with an impossible or duplicate seq as inserted", async () => {
    const rows = chain(3);
    const zero = { ...content(98), seq: 0, prevHash: GENESIS_HASH, hash: "x" };
    expect((await walkAuditChain([zero, ...rows])).problem).toMatchObject({ kind: "inserted", seq: 0 });
    const dup = { ...at(rows, 2), id: "aud_dupdupdupdupdupdupd" };
    const withDup = [at(rows, 1), at(rows, 2), dup, at(rows, 3)];
    expect((await walkAuditChain(withDup)).problem).toMatchObject({
      kind: "inserted",
      seq: 2,
      eventId: dup.id,
    });
  });

  it("names a reordered event (seq values swapped)", async () => {
    const rows = chain(5);
    const swapped = rows
      .map((r) => (r.seq === 2 ? { ...r, seq: 4 } : r.seq === 4 ? { ...r, seq: 2 } : r))
      .sort((a, b) => a.seq - b.seq);
    expect((await walkAuditChain(swapped)).problem).toMatchObject({
      kind: "altered",
      seq: 2,
      eventId: at(rows, 4).id,
    });
    const adjacent = rows
      .map((r) => (r.seq === 2 ? { ...r, seq: 3 } : r.seq === 3 ? { ...r, seq: 2 } : r))
      .sort((a, b) => a.seq - b.seq);
    const problem = (await walkAuditChain(adjacent)).problem;
    expect(problem).toMatchObject({ kind: "altered", seq: 2, eventId: at(rows, 3).id });
    expect(problem?.detail).toContain("moved");
  });

  it("counts pre-chain events, checks their seal, and accepts a chain begun before sealing", async () => {
    const sealed = await walkAuditChain(chain(3, 2));
    expect(sealed).toMatchObject({
      events: 5,
      preChain: 2,
      verified: 3,
      preChainSealed: true,
      problem: null,
    });

    const legacy = chain(0, 2);
    const first = { ...content(3), seq: 3, prevHash: GENESIS_HASH, hash: "" };
    first.hash = computeAuditHash(GENESIS_HASH, 3, first);
    expect(await walkAuditChain([...legacy, first])).toMatchObject({ preChainSealed: false, problem: null });

    const onlyPre = await walkAuditChain(chain(0, 2));
    expect(onlyPre).toMatchObject({ preChain: 2, verified: 0, preChainSealed: null, problem: null });
    expect(onlyPre.last?.hash).toBe(GENESIS_HASH);
  });

  it("detects a changed pre-chain event once sealed, as a range", async () => {
    const rows = chain(3, 2).map((r) => (r.seq === 1 ? { ...r, reason: "edited" } : r));
    expect((await walkAuditChain(rows)).problem).toMatchObject({ kind: "altered", seq: 1, throughSeq: 2 });
  });

  it("still protects chained events relabelled as pre-chain: the seal covers their content", async () => {
    const relabel = (r: AuditChainRow) => (r.seq <= 2 ? { ...r, prevHash: PRE_CHAIN, hash: PRE_CHAIN } : r);
    // The seal is the hash those events had as a chain, so relabelling alone changes nothing...
    expect(await walkAuditChain(chain(4).map(relabel))).toMatchObject({ preChain: 2, problem: null });
    // ...and it does not open them to edits.
    const edited = chain(4)
      .map(relabel)
      .map((r) => (r.seq === 2 ? { ...r, outcome: "denied" } : r));
    expect((await walkAuditChain(edited)).problem).toMatchObject({ kind: "altered", seq: 1, throughSeq: 2 });
  });

  it("verifies a range from its first row, trusting only that row's link", async () => {
    const rows = chain(6).filter((r) => r.seq >= 3);
    expect(await walkAuditChain(rows, { start: "first-row" })).toMatchObject({ verified: 4, problem: null });
    expect((await walkAuditChain(rows)).problem).toMatchObject({ kind: "removed", seq: 1 });
  });

  it("uses the tail to tell a rewritten last-but-one event from a replaced last one", async () => {
    const rows = chain(4).map((r) => (r.seq === 3 ? rehash({ ...r, reason: "edited" }) : r));
    const last = at(rows, 4);
    const withTail = await walkAuditChain(rows, { tail: async () => ({ seq: 4, hash: last.hash }) });
    expect(withTail.problem).toMatchObject({ kind: "altered", seq: 3 });
    const withoutTail = await walkAuditChain(rows);
    expect(withoutTail.problem).toMatchObject({ kind: "altered", seq: 4 });
  });
});
