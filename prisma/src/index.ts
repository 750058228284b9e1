// @keel/db: the Prisma client and everything around it (opening PGlite or PostgreSQL, migrations
// without the native engine, demo data, password hashing and ids). Test helpers live in
// `@keel/db/testing` so production bundles never pull them in.

export {
  AUDIT_HEAD_NOT_READY,
  type AuditAppendInput,
  type AuditChainProblem,
  type AuditChainReport,
  type AuditChainRow,
  type AuditChainWalk,
  type AuditEventContent,
  type AuditHashInput,
  type AuditSource,
  appendAuditEvent,
  auditAppendSql,
  canonicalJson,
  computeAuditHash,
  GENESIS_HASH,
  isPreChainRow,
  PRE_CHAIN,
  verifyAuditChain,
  type WalkAuditChainOptions,
  walkAuditChain,
} from "./audit-chain";
export {
  AUDIT_CSV_COLUMNS,
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  type AuditExport,
  type AuditExportFormat,
  type AuditExportOptions,
  type AuditExportRecord,
  type AuditExportVerification,
  auditExportFilename,
  auditRecordToCsv,
  auditRecordToJsonl,
  csvField,
  csvLine,
  exportAuditEvents,
  parseAuditExportLine,
  toAuditExportRecord,
  verifyAuditExport,
} from "./audit-export";
export {
  type Database,
  type DatabaseLocation,
  type DatabaseTarget,
  describeDatabaseLocation,
  findWorkspaceRoot,
  type OpenDatabaseOptions,
  openDatabase,
  resolveDatabaseLocation,
} from "./db";
export * from "./generated/prisma/client";
export { findUndefined, massWriteProblem } from "./guards";
export { isId, isUniqueViolation, newId, stableId } from "./ids";
export { type IsolationCheck, runIsolationChecks, tenantTables } from "./isolation";
export {
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
  applyMigrations,
  type DiffMigrationOptions,
  type DiffMigrationResult,
  defaultMigrationsDir,
  diffMigration,
  getMigrationStatus,
  listMigrationFolders,
  type MigrationStatus,
} from "./migrations";
export { hashPassword, verifyPassword } from "./password";
export { type SeedCounts, type SeedResult, seedDemoData } from "./seed";
export {
  DEMO_BASE_DATE,
  DEMO_DATA,
  DEMO_FIRST_TICKET_NUMBER,
  DEMO_PASSWORD,
  DEMO_TENANTS,
  DEMO_USERS,
  type DemoTenant,
  type DemoUser,
} from "./seed-data";
export {
  APP_ROLE,
  type Capability,
  forTenant,
  type TenantDatabase,
  type TenantTx,
  type TransactionOptions,
  withCapability,
  withTenant,
} from "./tenant";
export { isKeelRaise, KEEL_RAISE_SQLSTATE, renderSql, runTenantBatch, sqlLiteral } from "./tenant-batch";
