import { ACTION_IDS, ACTIONS, ROLES, type TActionId } from "@keel/shared";
import * as z from "zod";

/*
 * Keel's Cedar vocabulary, generated from the action catalog so that the two can never drift:
 *   principal  Keel::Role::"agent" | "supervisor" | "admin" | "auditor"  (an enumerated entity type)
 *   action     Keel::Action::"<catalog id>", each a member of its risk group ("low-risk", "medium-risk",
 *              "high-risk") and, when it changes something, of "writes"
 *   resource   Keel::Tenant::"<tenant id>"
 *   context    customerVerified, customerTier, rolloutMode for every action; refunds add amountMinor
 *              (Long, minor units: 50.00 is 5000) and currency; enum and tag parameters of the action
 *              (status, queue, tags) are passed under their own names.
 * Policies are validated against this schema in strict mode, so a misspelt action, role or attribute is
 * an error before anything is published.
 */

export const CEDAR_NAMESPACE = "Keel";
export const ROLE_TYPE = `${CEDAR_NAMESPACE}::Role`;
export const ACTION_TYPE = `${CEDAR_NAMESPACE}::Action`;
export const TENANT_TYPE = `${CEDAR_NAMESPACE}::Tenant`;

export const ACTION_GROUPS = ["low-risk", "medium-risk", "high-risk", "writes"] as const;
export type TActionGroup = (typeof ACTION_GROUPS)[number];

/** The groups an action belongs to, from its catalog entry. */
export function groupsOf(action: TActionId): TActionGroup[] {
  const definition = ACTIONS[action];
  const groups: TActionGroup[] = [`${definition.risk}-risk`];
  if (definition.changes !== "nothing") groups.push("writes");
  return groups;
}

/** A context attribute taken from the action's own parameters. */
export type TParamAttribute = { name: string; kind: "string" | "set" };

function paramAttributesOf(action: TActionId): TParamAttribute[] {
  const shape = ACTIONS[action].input.shape as Record<string, z.ZodType>;
  const attributes: TParamAttribute[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    // Only closed vocabularies: ids and free text say nothing a policy should decide on.
    if (schema instanceof z.ZodEnum) attributes.push({ name, kind: "string" });
    else if (schema instanceof z.ZodArray) attributes.push({ name, kind: "set" });
  }
  return attributes;
}

/** Per action: the parameters copied into the Cedar context, and whether it carries an amount. */
export const ACTION_CONTEXT: Record<TActionId, { params: TParamAttribute[]; amount: boolean }> =
  Object.fromEntries(
    ACTION_IDS.map((action) => [
      action,
      { params: paramAttributesOf(action), amount: "amount" in ACTIONS[action].input.shape },
    ]),
  ) as Record<TActionId, { params: TParamAttribute[]; amount: boolean }>;

function contextTypeOf(action: TActionId): string {
  const fields = ["customerVerified: Bool", "customerTier: String", "rolloutMode: String"];
  const { params, amount } = ACTION_CONTEXT[action];
  if (amount) fields.push("amountMinor: Long", "currency: String");
  for (const p of params) fields.push(`${p.name}: ${p.kind === "set" ? "Set<String>" : "String"}`);
  return `{ ${fields.join(", ")} }`;
}

/** The Cedar schema (human-readable syntax) every tenant policy is validated against. */
export const CEDAR_SCHEMA = [
  `namespace ${CEDAR_NAMESPACE} {`,
  `  entity Role enum [${ROLES.map((r) => JSON.stringify(r)).join(", ")}];`,
  "  entity Tenant;",
  ...ACTION_GROUPS.map((g) => `  action ${JSON.stringify(g)};`),
  ...ACTION_IDS.map(
    (action) =>
      `  action ${JSON.stringify(action)} in [${groupsOf(action)
        .map((g) => JSON.stringify(g))
        .join(
          ", ",
        )}] appliesTo { principal: [Role], resource: [Tenant], context: ${contextTypeOf(action)} };`,
  ),
  "}",
  "",
].join("\n");
