// @keel/db: the Prisma client and everything around it (opening PGlite or PostgreSQL, migrations
// without the native engine, demo data, password hashing and ids). Test helpers live in
// `@keel/db/testing` so production bundles never pull them in.

export {
  type AuditChainProblem,
  type AuditChainReport,
  type AuditEventContent,
  appendAuditEvent,
  canonicalJson,
  computeAuditHash,
  GENESIS_HASH,
  PRE_CHAIN,
  verifyAuditChain,
} from "./audit-chain";
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
export { isId, newId, stableId } from "./ids";
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
