import type { PGlite } from "@electric-sql/pglite";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/*
 * pglite-prisma-adapter 0.7.2 (the latest release) does not await `exec` in executeScript: the
 * promise resolves before the script has run and a failing script becomes an unhandled rejection.
 * The schema engine applies every migration.sql through executeScript, so a broken migration would
 * be recorded in _prisma_migrations as applied (and crash the process a moment later). The Prisma
 * client never calls executeScript, so only the schema engine gets these patched connections.
 */

function toDriverAdapterError(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("code" in error) || !("message" in error))
    return error;
  const field = (name: string): string | undefined => {
    const value: unknown = (error as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  };
  return new DriverAdapterError({
    kind: "postgres",
    code: field("code") ?? "N/A",
    severity: field("severity") ?? "ERROR",
    message: field("message") ?? "unknown error",
    detail: field("detail"),
    column: field("column"),
    hint: field("hint"),
  });
}

/** A PrismaPGlite connection to pglite whose executeScript waits for the script and reports its errors. */
export async function connectPglite(pglite: PGlite): Promise<SqlDriverAdapter> {
  const inner = await new PrismaPGlite(pglite).connect();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    dispose: () => inner.dispose(),
    async executeScript(script) {
      try {
        await pglite.exec(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
  };
}

/** A schema-engine adapter factory over pglite; each shadow database comes from openShadow(). */
export function pgliteMigrationFactory(
  pglite: PGlite,
  openShadow: () => PGlite,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@keel/pglite",
    connect: () => connectPglite(pglite),
    connectToShadowDb: () => connectPglite(openShadow()),
  };
}
