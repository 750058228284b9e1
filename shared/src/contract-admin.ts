import type * as z from "zod";

/*
 * Admin procedures (policies, knowledge charter, permission matrix, audit verification and export),
 * spread into the main contract in contract.ts.
 */
export const adminContract = {} as const satisfies Record<
  string,
  { kind: "query" | "mutation"; input: z.ZodType; output: z.ZodType }
>;
