/*
 * Guards on the Prisma client itself. Prisma reads `where: { id: { in: undefined } }` as "no filter", so
 * an `updateMany`/`deleteMany` built from a missing value changes every row it can see. These refuse such
 * calls before any SQL is sent.
 */
import { Prisma, type PrismaClient } from "./generated/prisma/client";

/** The path of the first `undefined` inside a filter, or null when there is none. */
export function findUndefined(value: unknown, path = "where"): string | null {
  if (value === undefined) return path;
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUndefined(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = findUndefined(item, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** Why a bulk write's filter is refused, or null when it is acceptable. */
export function massWriteProblem(where: unknown): string | null {
  if (
    where === undefined ||
    where === null ||
    (typeof where === "object" && Object.keys(where).length === 0)
  ) {
    return "a bulk update or delete needs an explicit filter";
  }
  const path = findUndefined(where);
  return path ? `${path} is undefined, which Prisma would read as "no filter"` : null;
}

const guardExtension = Prisma.defineExtension({
  name: "keel-mass-write-guard",
  query: {
    $allModels: {
      async updateMany({ model, args, query }) {
        const problem = massWriteProblem(args.where);
        if (problem) throw new Error(`Refused ${model}.updateMany: ${problem}.`);
        return query(args);
      },
      async deleteMany({ model, args, query }) {
        const problem = massWriteProblem(args.where);
        if (problem) throw new Error(`Refused ${model}.deleteMany: ${problem}.`);
        return query(args);
      },
    },
  },
});

/** The client with the guards applied (same API: the extension adds no methods). */
export function guarded(client: PrismaClient): PrismaClient {
  return client.$extends(guardExtension) as unknown as PrismaClient;
}
