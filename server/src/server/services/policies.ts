import { createHash } from "node:crypto";
import type { Database, Prisma } from "@keel/db";
import { newId, withCapability, withTenant } from "@keel/db";
import {
  ACTION_IDS,
  type TKnowledgeCharter,
  type TPolicyDiffLine,
  type TPolicyDiffOutput,
  type TPolicyDocumentView,
  type TPolicyKind,
  type TPolicyValidation,
  type TPolicyVersionRow,
} from "@keel/shared";
import { diffLines } from "diff";
import type { TActor } from "../actor";
import { AppError } from "../errors";
import { DEFAULT_CHARTER_SOURCE, parseCharter, validateCharterSource } from "../policy/charter";
import { DEFAULT_POLICY_SOURCE } from "../policy/defaults/default-policy";
import { validatePolicySource } from "../policy/engine";
import { auditActorOf, recordAudit } from "./audit";

/*
 * Versioned governance documents per tenant and kind: the Cedar policy and the knowledge charter.
 * Versions are numbered 1, 2, 3 per tenant and kind; at most one is published (in force), publishing
 * archives the one before. Every stored version validated when it was saved, and validates again when
 * it is published. Until a tenant publishes, Keel's built-in document applies (version null).
 */

const LABEL: Record<TPolicyKind, string> = { policy: "Policy", charter: "Knowledge charter" };

/** Keel's built-in document of a kind. */
export function builtinSource(kind: TPolicyKind): string {
  return kind === "policy" ? DEFAULT_POLICY_SOURCE : DEFAULT_CHARTER_SOURCE;
}

/** Validates a document of either kind without saving it. */
export function validateDocument(kind: TPolicyKind, source: string): TPolicyValidation {
  return kind === "policy" ? validatePolicySource(source) : validateCharterSource(source);
}

/** One sentence for an error message: the first problems with their line and column. */
function describeInvalid(kind: TPolicyKind, validation: TPolicyValidation): string {
  const shown = validation.errors.slice(0, 3).map((p) => {
    const at = p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ` : "";
    return `${at}${p.message}`;
  });
  const more = validation.errors.length - shown.length;
  return `The ${LABEL[kind].toLowerCase()} is invalid. ${shown.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Serialises version numbering and publishing per tenant and kind (a transaction-scoped advisory lock),
 * so two concurrent saves never take the same number and two publishes never leave two in force.
 */
async function lockDocuments(tx: Prisma.TransactionClient, tenantId: string, kind: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keel:documents:${tenantId}:${kind}`}))`;
}

async function userLabels(db: Database, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  // Users are global rows without tenant data (their ids come from this tenant's records).
  const users = await withCapability(db, {}, (tx) =>
    tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } }),
  );
  return new Map(users.map((u) => [u.id, `${u.name} <${u.email}>`]));
}

type DocumentRow = {
  version: number;
  status: TPolicyVersionRow["status"];
  note: string | null;
  createdById: string | null;
  createdAt: Date;
  publishedById: string | null;
  publishedAt: Date | null;
};

function rowView(doc: DocumentRow, users: Map<string, string>): TPolicyVersionRow {
  return {
    version: doc.version,
    status: doc.status,
    note: doc.note,
    createdBy: doc.createdById ? (users.get(doc.createdById) ?? "deleted user") : null,
    createdAt: doc.createdAt.toISOString(),
    publishedBy: doc.publishedById ? (users.get(doc.publishedById) ?? "deleted user") : null,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
  };
}

/** Lists a tenant's versions of a document kind, newest first, with the version in force. */
export async function listPolicyVersions(db: Database, actor: TActor, kind: TPolicyKind) {
  const docs = await withTenant(db, actor.tenant.id, (tx) =>
    tx.policyDocument.findMany({
      where: { tenantId: actor.tenant.id, kind },
      orderBy: { version: "desc" },
      take: 500,
    }),
  );
  const users = await userLabels(
    db,
    docs.flatMap((d) => [d.createdById, d.publishedById]),
  );
  return {
    kind,
    versions: docs.map((d) => rowView(d, users)),
    publishedVersion: docs.find((d) => d.status === "published")?.version ?? null,
  };
}

async function findVersion(db: Database, tenantId: string, kind: TPolicyKind, version: number) {
  return withTenant(db, tenantId, (tx) =>
    tx.policyDocument.findFirst({ where: { tenantId, kind, version } }),
  );
}

/** One version of a document (null: the built-in default). Another tenant's version is NOT_FOUND. */
export async function getPolicyVersion(
  db: Database,
  actor: TActor,
  kind: TPolicyKind,
  version: number | null,
): Promise<TPolicyDocumentView> {
  if (version === null) {
    return {
      kind,
      version: null,
      status: "builtin",
      source: builtinSource(kind),
      note: null,
      createdBy: null,
      createdAt: null,
    };
  }
  const doc = await findVersion(db, actor.tenant.id, kind, version);
  if (!doc) throw new AppError("NOT_FOUND", `${LABEL[kind]} version ${version} not found in your workspace.`);
  const users = await userLabels(db, [doc.createdById]);
  const row = rowView(doc, users);
  return {
    kind,
    version: doc.version,
    status: doc.status,
    source: doc.source,
    note: doc.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Saves a new draft version. Invalid documents are refused (BAD_REQUEST) and nothing is stored. */
export async function saveDraft(
  db: Database,
  actor: TActor,
  input: { kind: TPolicyKind; source: string; note?: string | undefined },
  requestId?: string,
): Promise<TPolicyVersionRow> {
  const { kind, source } = input;
  const validation = validateDocument(kind, source);
  if (!validation.valid) throw new AppError("BAD_REQUEST", describeInvalid(kind, validation));
  const tenantId = actor.tenant.id;
  const doc = await withTenant(db, actor.tenant.id, async (tx) => {
    await lockDocuments(tx, tenantId, kind);
    const last = await tx.policyDocument.findFirst({
      where: { tenantId, kind },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const created = await tx.policyDocument.create({
      data: {
        id: newId("pol"),
        tenantId,
        kind,
        version: (last?.version ?? 0) + 1,
        status: "draft",
        source,
        note: input.note?.trim() || null,
        createdById: actor.userId,
      },
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        action: "policy.draft_saved",
        targetType: "policy_document",
        targetId: created.id,
        outcome: "success",
        metadata: {
          kind,
          version: created.version,
          sha256: sha256(source),
          lines: source.split("\n").length,
        },
      },
      requestId,
    );
    return created;
  });
  return rowView(doc, new Map([[actor.userId, `${actor.name} <${actor.email}>`]]));
}

/**
 * Publishes a version (a draft, or an archived one to roll back): it must validate now; the version
 * in force before becomes archived. Audited; another tenant's version is NOT_FOUND (audited too).
 */
export async function publishVersion(
  db: Database,
  actor: TActor,
  input: { kind: TPolicyKind; version: number },
  requestId?: string,
): Promise<TPolicyVersionRow> {
  const { kind, version } = input;
  const tenantId = actor.tenant.id;
  const who = auditActorOf(actor);
  const published = await withTenant(db, actor.tenant.id, async (tx) => {
    await lockDocuments(tx, tenantId, kind);
    const doc = await tx.policyDocument.findFirst({ where: { tenantId, kind, version } });
    if (!doc) {
      await recordAudit(
        tx,
        who,
        {
          action: "policy.published",
          targetType: "policy_document",
          targetId: `${kind}:v${version}`,
          outcome: "not_found",
          reason: `no ${kind} version ${version} in the caller's tenant`,
          metadata: { kind, version, archivedVersion: null, sha256: null },
        },
        requestId,
      );
      return null;
    }
    if (doc.status === "published") {
      throw new AppError("BAD_REQUEST", `${LABEL[kind]} version ${version} is already published.`);
    }
    const validation = validateDocument(kind, doc.source);
    if (!validation.valid) throw new AppError("BAD_REQUEST", describeInvalid(kind, validation));

    const previous = await tx.policyDocument.findFirst({
      where: { tenantId, kind, status: "published" },
      select: { id: true, version: true },
    });
    if (previous) {
      await tx.policyDocument.update({ where: { id: previous.id }, data: { status: "archived" } });
    }
    const now = new Date();
    const updated = await tx.policyDocument.update({
      where: { id: doc.id },
      data: { status: "published", publishedById: actor.userId, publishedAt: now },
    });
    await recordAudit(
      tx,
      who,
      {
        action: "policy.published",
        targetType: "policy_document",
        targetId: doc.id,
        outcome: "success",
        metadata: { kind, version, archivedVersion: previous?.version ?? null, sha256: sha256(doc.source) },
      },
      requestId,
    );
    return updated;
  });
  if (!published)
    throw new AppError("NOT_FOUND", `${LABEL[kind]} version ${version} not found in your workspace.`);
  forgetPublished(db, tenantId, kind);
  const users = await userLabels(db, [published.createdById, published.publishedById]);
  return rowView(published, users);
}

async function sourceOf(db: Database, actor: TActor, kind: TPolicyKind, version: number | null) {
  if (version === null) return builtinSource(kind);
  const doc = await findVersion(db, actor.tenant.id, kind, version);
  if (!doc) throw new AppError("NOT_FOUND", `${LABEL[kind]} version ${version} not found in your workspace.`);
  return doc.source;
}

/** A line diff between two versions (null: the built-in default). */
export async function diffVersions(
  db: Database,
  actor: TActor,
  input: { kind: TPolicyKind; from: number | null; to: number | null },
): Promise<TPolicyDiffOutput> {
  const [before, after] = await Promise.all([
    sourceOf(db, actor, input.kind, input.from),
    sourceOf(db, actor, input.kind, input.to),
  ]);
  return { kind: input.kind, from: input.from, to: input.to, ...lineDiff(before, after) };
}

/** Line-by-line diff with line numbers on both sides. */
export function lineDiff(
  before: string,
  after: string,
): Pick<TPolicyDiffOutput, "added" | "removed" | "lines"> {
  const lines: TPolicyDiffLine[] = [];
  let fromLine = 1;
  let toLine = 1;
  let added = 0;
  let removed = 0;
  for (const change of diffLines(before, after)) {
    const texts = change.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (change.added) {
        lines.push({ type: "added", text, fromLine: null, toLine: toLine++ });
        added += 1;
      } else if (change.removed) {
        lines.push({ type: "removed", text, fromLine: fromLine++, toLine: null });
        removed += 1;
      } else {
        lines.push({ type: "unchanged", text, fromLine: fromLine++, toLine: toLine++ });
      }
    }
  }
  return { added, removed, lines };
}

// ---- what is in force (hot path) ------------------------------------------------------------------------

/*
 * Every governed action reads the published policy, so the source is cached per process. Freshness
 * across instances comes from a version check: one indexed read of the published version number
 * (tenantId, kind, status) per call, and the source is fetched again only when that number changed.
 * A publish on this instance also drops the entry at once.
 */
type Published = { version: number | null; source: string };
const publishedCache = new WeakMap<Database, Map<string, Published>>();

function cacheOf(db: Database): Map<string, Published> {
  let cache = publishedCache.get(db);
  if (!cache) {
    cache = new Map();
    publishedCache.set(db, cache);
  }
  return cache;
}

function forgetPublished(db: Database, tenantId: string, kind: TPolicyKind): void {
  cacheOf(db).delete(`${tenantId}:${kind}`);
}

/**
 * The document in force for a tenant: the published version, or the built-in default (version null).
 * Pass `tx` to read inside a transaction; the cache still belongs to `db`. Pass `knownVersion` when the
 * caller has already read the published version number: a cached document of that version then costs
 * no query.
 */
export async function getPublished(
  db: Database,
  tenantId: string,
  kind: TPolicyKind,
  tx?: Prisma.TransactionClient,
  knownVersion?: number | null,
): Promise<Published> {
  const key = `${tenantId}:${kind}`;
  const cache = cacheOf(db);
  const cached = cache.get(key);
  // With the version in hand, a warm cache needs no transaction at all.
  if (cached && knownVersion !== undefined && cached.version === knownVersion) return cached;
  if (!tx)
    return withTenant(db, tenantId, (scoped) => getPublished(db, tenantId, kind, scoped, knownVersion));
  const client = tx;
  const version =
    knownVersion !== undefined
      ? knownVersion
      : ((
          await client.policyDocument.findFirst({
            where: { tenantId, kind, status: "published" },
            select: { version: true },
          })
        )?.version ?? null);
  if (cached && cached.version === version) return cached;
  if (version === null) {
    const builtin = { version: null, source: builtinSource(kind) };
    cache.set(key, builtin);
    return builtin;
  }
  const doc = await client.policyDocument.findUnique({
    where: { tenantId_kind_version: { tenantId, kind, version } },
    select: { version: true, source: true },
  });
  // Deleted in between (a tenant being removed): fail to the built-in default, uncached.
  if (!doc) return { version: null, source: builtinSource(kind) };
  const entry = { version: doc.version, source: doc.source };
  cache.set(key, entry);
  return entry;
}

/**
 * A charter that escalates everything and reads only public knowledge: what applies when a stored
 * charter no longer validates (after an upgrade changed the format), so a broken charter fails closed.
 */
export const LOCKDOWN_CHARTER: TKnowledgeCharter = {
  format: "keel.charter/v1",
  description: "Fail-closed charter: the published charter could not be read.",
  knowledge: { read: ["public"], write: [] },
  neverInfer: [],
  mustEscalate: { topics: [], actions: [...ACTION_IDS] },
  mayHandle: { topics: [], actions: [] },
};

const parsedCharters = new Map<string, TKnowledgeCharter>();

/** The knowledge charter in force for a tenant, parsed (cached by its text). */
export async function getPublishedCharter(
  db: Database,
  tenantId: string,
  tx?: Prisma.TransactionClient,
): Promise<{ version: number | null; charter: TKnowledgeCharter }> {
  const { version, source } = await getPublished(db, tenantId, "charter", tx);
  let charter = parsedCharters.get(source);
  if (!charter) {
    charter = parseCharter(source).charter ?? LOCKDOWN_CHARTER;
    if (parsedCharters.size > 256) parsedCharters.clear();
    parsedCharters.set(source, charter);
  }
  return { version, charter };
}
