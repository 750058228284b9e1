import * as z from "zod";
import { ZActionId } from "./actions";
import { ZActionMode, ZPermissionMatrix } from "./permissions";
import { ZRole } from "./roles";

/*
 * Admin procedures (policies, knowledge charter, permission matrix, audit verification and export),
 * spread into the main contract in contract.ts.
 */

const ZIsoDate = z.string().datetime({ offset: true });
const ZNone = z.object({}).strict().optional();

// ---- policies and the knowledge charter -------------------------------------------------------------

/** The two versioned documents a tenant edits: the Cedar policy and the knowledge charter (JSON). */
export const POLICY_KINDS = ["policy", "charter"] as const;
export const ZPolicyKind = z.enum(POLICY_KINDS);
export type TPolicyKind = z.infer<typeof ZPolicyKind>;

export const POLICY_STATUSES = ["draft", "published", "archived"] as const;
export const ZPolicyStatus = z.enum(POLICY_STATUSES);
export type TPolicyStatus = z.infer<typeof ZPolicyStatus>;

/** Largest policy or charter document accepted, in characters. */
export const POLICY_SOURCE_MAX = 100_000;

const ZVersion = z.number().int().positive();
const ZSource = z
  .string()
  .max(POLICY_SOURCE_MAX, `Documents have at most ${POLICY_SOURCE_MAX} characters`)
  .refine((s) => s.trim().length > 0, "The document is empty");
const ZNote = z.string().trim().max(500, "Notes have at most 500 characters");

export const ZPolicyVersionRow = z.object({
  version: ZVersion,
  status: ZPolicyStatus,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: ZIsoDate,
  publishedBy: z.string().nullable(),
  publishedAt: ZIsoDate.nullable(),
});
export type TPolicyVersionRow = z.infer<typeof ZPolicyVersionRow>;

export const ZPolicyListOutput = z.object({
  kind: ZPolicyKind,
  /** Newest first. */
  versions: z.array(ZPolicyVersionRow),
  /** The version in force; null when the built-in default applies. */
  publishedVersion: ZVersion.nullable(),
});

export const ZPolicyDocumentView = z.object({
  kind: ZPolicyKind,
  /** null: Keel's built-in default document. */
  version: ZVersion.nullable(),
  status: z.enum([...POLICY_STATUSES, "builtin"]),
  source: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: ZIsoDate.nullable(),
});
export type TPolicyDocumentView = z.infer<typeof ZPolicyDocumentView>;

/** One problem in a document; line and column (1-based) when the validator could place it. */
export const ZPolicyProblem = z.object({
  message: z.string(),
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  /** The policy's @id (Cedar) or the JSON path (charter) the problem is in, when known. */
  where: z.string().nullable(),
  help: z.string().nullable(),
});
export type TPolicyProblem = z.infer<typeof ZPolicyProblem>;

export const ZPolicyValidation = z.object({
  valid: z.boolean(),
  errors: z.array(ZPolicyProblem),
  /** The rule ids the document defines (Cedar @id annotations), in source order. */
  ruleIds: z.array(z.string()),
});
export type TPolicyValidation = z.infer<typeof ZPolicyValidation>;

export const ZPolicyDiffLine = z.object({
  type: z.enum(["added", "removed", "unchanged"]),
  text: z.string(),
  /** Line number in the "from" document (removed and unchanged lines). */
  fromLine: z.number().int().positive().nullable(),
  /** Line number in the "to" document (added and unchanged lines). */
  toLine: z.number().int().positive().nullable(),
});
export type TPolicyDiffLine = z.infer<typeof ZPolicyDiffLine>;

export const ZPolicyDiffOutput = z.object({
  kind: ZPolicyKind,
  from: ZVersion.nullable(),
  to: ZVersion.nullable(),
  added: z.number().int().min(0),
  removed: z.number().int().min(0),
  lines: z.array(ZPolicyDiffLine),
});
export type TPolicyDiffOutput = z.infer<typeof ZPolicyDiffOutput>;

// ---- permission matrix ------------------------------------------------------------------------------

export const ZMatrixChange = z.object({
  role: ZRole,
  action: ZActionId,
  from: ZActionMode,
  to: ZActionMode,
});
export type TMatrixChange = z.infer<typeof ZMatrixChange>;

export const ZPermissionsView = z.object({
  /** null: no tenant version yet, Keel's default matrix applies. */
  version: ZVersion.nullable(),
  matrix: ZPermissionMatrix,
  defaults: ZPermissionMatrix,
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: ZIsoDate.nullable(),
});
export type TPermissionsView = z.infer<typeof ZPermissionsView>;

export const ZPermissionsHistoryOutput = z.object({
  /** Newest first; changes are relative to the version before (the defaults for the first one). */
  versions: z.array(
    z.object({
      version: ZVersion,
      note: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdAt: ZIsoDate,
      changes: z.array(ZMatrixChange),
    }),
  ),
});
export type TPermissionsHistoryOutput = z.infer<typeof ZPermissionsHistoryOutput>;

// ---- the procedure table ------------------------------------------------------------------------------

export const adminContract = {
  "policy.list": { kind: "query", input: z.object({ kind: ZPolicyKind }), output: ZPolicyListOutput },
  "policy.get": {
    kind: "query",
    // version null: the built-in default (a starting point for a tenant's first draft).
    input: z.object({ kind: ZPolicyKind, version: ZVersion.nullable() }),
    output: ZPolicyDocumentView,
  },
  "policy.saveDraft": {
    kind: "mutation",
    input: z.object({ kind: ZPolicyKind, source: ZSource, note: ZNote.optional() }),
    output: ZPolicyVersionRow,
  },
  // A mutation only so the document travels in the request body (queries put input in the URL).
  "policy.validate": {
    kind: "mutation",
    input: z.object({ kind: ZPolicyKind, source: z.string().max(POLICY_SOURCE_MAX) }),
    output: ZPolicyValidation,
  },
  "policy.publish": {
    kind: "mutation",
    input: z.object({ kind: ZPolicyKind, version: ZVersion }),
    output: ZPolicyVersionRow,
  },
  "policy.diff": {
    kind: "query",
    // null on either side: the built-in default.
    input: z.object({ kind: ZPolicyKind, from: ZVersion.nullable(), to: ZVersion.nullable() }),
    output: ZPolicyDiffOutput,
  },
  "permissions.get": { kind: "query", input: ZNone, output: ZPermissionsView },
  "permissions.update": {
    kind: "mutation",
    input: z.object({
      matrix: ZPermissionMatrix,
      note: ZNote.min(3, "Say why the matrix changes (at least 3 characters)"),
    }),
    output: ZPermissionsView,
  },
  "permissions.history": { kind: "query", input: ZNone, output: ZPermissionsHistoryOutput },
} as const satisfies Record<string, { kind: "query" | "mutation"; input: z.ZodType; output: z.ZodType }>;
