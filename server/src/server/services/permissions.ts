import type { Database, Prisma } from "@keel/db";
import { newId, withCapability, withTenant } from "@keel/db";
import {
  ACTION_IDS,
  ACTION_MODES,
  DEFAULT_ACTION_MODES,
  matrixProblems,
  READ_ONLY_ROLES,
  ROLES,
  type TActionMode,
  type TMatrixChange,
  type TPermissionMatrix,
  type TPermissionsHistoryOutput,
  type TPermissionsView,
  WRITE_MODES,
  ZPermissionMatrix,
} from "@keel/shared";
import type { TActor } from "../actor";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "./audit";

/*
 * The tenant's role x action permission matrix, versioned: every update is a new version row and the
 * highest version is in force; until the first update Keel's defaults apply (version null).
 */

/** A stored matrix read back: any missing or unknown cell, or a write mode for a read-only role, is "deny". */
export function normalizeMatrix(stored: unknown): TPermissionMatrix {
  const source = (stored && typeof stored === "object" ? stored : {}) as Record<
    string,
    Record<string, unknown>
  >;
  const matrix = {} as TPermissionMatrix;
  for (const role of ROLES) {
    const row = {} as Record<(typeof ACTION_IDS)[number], TActionMode>;
    for (const action of ACTION_IDS) {
      const mode = source[role]?.[action];
      const valid = typeof mode === "string" && (ACTION_MODES as readonly string[]).includes(mode);
      let cell: TActionMode = valid ? (mode as TActionMode) : "deny";
      if (READ_ONLY_ROLES.includes(role) && WRITE_MODES.includes(cell)) cell = "deny";
      row[action] = cell;
    }
    matrix[role] = row;
  }
  return matrix;
}

/** Cells that differ between two matrices, in role then catalog order. */
export function matrixChanges(before: TPermissionMatrix, after: TPermissionMatrix): TMatrixChange[] {
  const changes: TMatrixChange[] = [];
  for (const role of ROLES) {
    for (const action of ACTION_IDS) {
      const from = before[role][action];
      const to = after[role][action];
      if (from !== to) changes.push({ role, action, from, to });
    }
  }
  return changes;
}

// ---- what is in force (hot path) ------------------------------------------------------------------------

/*
 * Cached per process; freshness across instances by a version check (one read of the highest version
 * number on the unique (tenantId, version) index per call). An update on this instance replaces the
 * entry at once.
 */
type Effective = { version: number | null; matrix: TPermissionMatrix };
const matrixCache = new WeakMap<Database, Map<string, Effective>>();

function cacheOf(db: Database): Map<string, Effective> {
  let cache = matrixCache.get(db);
  if (!cache) {
    cache = new Map();
    matrixCache.set(db, cache);
  }
  return cache;
}

/**
 * The matrix in force for a tenant: its latest version, or the defaults (version null). Pass `tx` to
 * read inside a transaction; the cache still belongs to `db`. Pass `knownVersion` when the caller has
 * already read the version in force (the governed path reads it with the ticket, in one query): a
 * cached matrix of that version then costs no query at all.
 */
export async function getEffectiveMatrix(
  db: Database,
  tenantId: string,
  tx?: Prisma.TransactionClient,
  knownVersion?: number | null,
): Promise<Effective> {
  const cache = cacheOf(db);
  const cached = cache.get(tenantId);
  // With the version in hand, a warm cache needs no transaction at all.
  if (cached && knownVersion !== undefined && cached.version === knownVersion) return cached;
  if (!tx)
    return withTenant(db, tenantId, (scoped) => getEffectiveMatrix(db, tenantId, scoped, knownVersion));
  const client = tx;
  const version =
    knownVersion !== undefined
      ? knownVersion
      : ((
          await client.permissionMatrixVersion.findFirst({
            where: { tenantId },
            orderBy: { version: "desc" },
            select: { version: true },
          })
        )?.version ?? null);
  if (cached && cached.version === version) return cached;
  if (version === null) {
    const defaults = { version: null, matrix: DEFAULT_ACTION_MODES };
    cache.set(tenantId, defaults);
    return defaults;
  }
  const row = await client.permissionMatrixVersion.findUnique({
    where: { tenantId_version: { tenantId, version } },
    select: { version: true, matrix: true },
  });
  if (!row) return { version: null, matrix: DEFAULT_ACTION_MODES };
  const entry = { version: row.version, matrix: normalizeMatrix(row.matrix) };
  cache.set(tenantId, entry);
  return entry;
}

async function labelOf(db: Database, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  // Users are global rows without tenant data (their ids come from this tenant's records).
  const user = await withCapability(db, {}, (tx) =>
    tx.user.findUnique({ where: { id: userId }, select: { name: true, email: true } }),
  );
  return user ? `${user.name} <${user.email}>` : "deleted user";
}

/** The matrix in force with who changed it last, for the console. */
export async function getPermissionsView(db: Database, actor: TActor): Promise<TPermissionsView> {
  const row = await withTenant(db, actor.tenant.id, (tx) =>
    tx.permissionMatrixVersion.findFirst({
      where: { tenantId: actor.tenant.id },
      orderBy: { version: "desc" },
    }),
  );
  if (!row) {
    return {
      version: null,
      matrix: DEFAULT_ACTION_MODES,
      defaults: DEFAULT_ACTION_MODES,
      note: null,
      updatedBy: null,
      updatedAt: null,
    };
  }
  return {
    version: row.version,
    matrix: normalizeMatrix(row.matrix),
    defaults: DEFAULT_ACTION_MODES,
    note: row.note,
    updatedBy: await labelOf(db, row.createdById),
    updatedAt: row.createdAt.toISOString(),
  };
}

/**
 * Stores a new matrix version. It must be complete and valid; read-only roles (auditors) can never get
 * a write mode. Refusals are BAD_REQUEST and change nothing; the update is audited with the changed cells.
 */
export async function updateMatrix(
  db: Database,
  actor: TActor,
  matrix: TPermissionMatrix,
  note: string,
  requestId?: string,
): Promise<TPermissionsView> {
  const parsed = ZPermissionMatrix.safeParse(matrix);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      `The matrix is incomplete or invalid${first ? ` (${first.path.join(".")}: ${first.message})` : ""}.`,
    );
  }
  const problems = matrixProblems(parsed.data);
  if (problems.length > 0) {
    throw new AppError("BAD_REQUEST", `The matrix was not saved: ${problems.slice(0, 3).join("; ")}.`);
  }
  const trimmedNote = note.trim();
  if (trimmedNote.length < 3) throw new AppError("BAD_REQUEST", "Say why the matrix changes (a note).");

  const tenantId = actor.tenant.id;
  const saved = await withTenant(db, actor.tenant.id, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keel:permissions:${tenantId}`}))`;
    const previous = await tx.permissionMatrixVersion.findFirst({
      where: { tenantId },
      orderBy: { version: "desc" },
      select: { version: true, matrix: true },
    });
    const before = previous ? normalizeMatrix(previous.matrix) : DEFAULT_ACTION_MODES;
    const changes = matrixChanges(before, parsed.data);
    const row = await tx.permissionMatrixVersion.create({
      data: {
        id: newId("pmx"),
        tenantId,
        version: (previous?.version ?? 0) + 1,
        matrix: parsed.data,
        note: trimmedNote,
        createdById: actor.userId,
      },
    });
    await recordAudit(
      tx,
      auditActorOf(actor),
      {
        action: "permissions.updated",
        targetType: "permission_matrix",
        targetId: row.id,
        outcome: "success",
        metadata: { version: row.version, previousVersion: previous?.version ?? null, changes },
      },
      requestId,
    );
    return row;
  });
  cacheOf(db).set(tenantId, { version: saved.version, matrix: parsed.data });
  return {
    version: saved.version,
    matrix: parsed.data,
    defaults: DEFAULT_ACTION_MODES,
    note: saved.note,
    updatedBy: `${actor.name} <${actor.email}>`,
    updatedAt: saved.createdAt.toISOString(),
  };
}

/** The tenant's matrix versions, newest first, each with the cells it changed. */
export async function listMatrixHistory(db: Database, actor: TActor): Promise<TPermissionsHistoryOutput> {
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.permissionMatrixVersion.findMany({
      where: { tenantId: actor.tenant.id },
      orderBy: { version: "asc" },
      take: 500,
    }),
  );
  const ids = [
    ...new Set(rows.map((r) => r.createdById).filter((id): id is string => typeof id === "string")),
  ];
  const users =
    ids.length > 0
      ? await withTenant(db, actor.tenant.id, (tx) =>
          tx.user.findMany({
            where: { id: { in: ids } },
            select: { id: true, name: true, email: true },
          }),
        )
      : [];
  const labels = new Map(users.map((u) => [u.id, `${u.name} <${u.email}>`]));
  let before: TPermissionMatrix = DEFAULT_ACTION_MODES;
  const versions = rows.map((row) => {
    const matrix = normalizeMatrix(row.matrix);
    const changes = matrixChanges(before, matrix);
    before = matrix;
    return {
      version: row.version,
      note: row.note,
      createdBy: row.createdById ? (labels.get(row.createdById) ?? "deleted user") : null,
      createdAt: row.createdAt.toISOString(),
      changes,
    };
  });
  return { versions: versions.reverse() };
}
