import * as z from "zod";

/** The roles a user can hold in a tenant (through a Membership). */
export const ROLES = ["agent", "supervisor", "admin", "auditor"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
