import type * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { TActionId } from "@keel/shared";
import { ACTION_TYPE, groupsOf } from "./schema";

/*
 * Per-action policy slices: the decision cost grows with every policy Cedar evaluates, every context
 * attribute and every entity that crosses into WASM. A policy whose action scope cannot match an action
 * is irrelevant to it, and a scope that matches is already decided by the catalog's static groups. So
 * for each action Keel pre-parses only the policies that can apply, with that (already true) action
 * scope relaxed to `action`, and sends only the context attributes those policies read. The action
 * entity (its group membership) is sent only when a policy body tests `action` itself. Decisions are
 * the same as evaluating the whole set; the matrix and engine tests pin that.
 */

export type TSlice = {
  /** The policies that can apply to the action, keyed by @id, scope relaxed. */
  policies: Record<string, cedar.PolicyJson>;
  /** Context attributes the slice reads, or "all" when a policy uses the context as a whole. */
  context: "all" | string[];
  /** A policy body mentions `action` (e.g. `action in Keel::Action::"writes"`): send its groups. */
  needsActionEntity: boolean;
};

function uidOf(uid: cedar.EntityUidJson): cedar.TypeAndId {
  return "__entity" in uid ? uid.__entity : uid;
}

/** Whether a policy's action scope can match the action, from the catalog's groups. */
export function scopeMatches(constraint: cedar.ActionConstraint, action: TActionId): boolean {
  if (constraint.op === "All") return true;
  const groups: readonly string[] = groupsOf(action);
  const matches = (uid: cedar.EntityUidJson) => {
    const { type, id } = uidOf(uid);
    return type === ACTION_TYPE && (id === action || groups.includes(id));
  };
  if (constraint.op === "==") return "entity" in constraint && matches(constraint.entity);
  return "entity" in constraint ? matches(constraint.entity) : constraint.entities.some(matches);
}

type Usage = { attributes: Set<string>; contextVars: number; contextAccesses: number; action: boolean };

function scan(node: unknown, usage: Usage): void {
  if (Array.isArray(node)) {
    for (const item of node) scan(item, usage);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (record.Var === "context") usage.contextVars += 1;
  if (record.Var === "action") usage.action = true;
  for (const key of [".", "has"]) {
    const inner = record[key] as { left?: { Var?: unknown }; attr?: unknown } | undefined;
    if (inner && typeof inner === "object" && inner.left?.Var === "context") {
      const attr = Array.isArray(inner.attr) ? inner.attr[0] : inner.attr;
      if (typeof attr === "string") {
        usage.attributes.add(attr);
        usage.contextAccesses += 1;
      }
    }
  }
  for (const value of Object.values(record)) scan(value, usage);
}

/** The slice of a policy set that can decide for one action. */
export function sliceFor(
  action: TActionId,
  policies: ReadonlyArray<{ id: string; json: cedar.PolicyJson }>,
): TSlice {
  const slice: Record<string, cedar.PolicyJson> = {};
  const usage: Usage = { attributes: new Set(), contextVars: 0, contextAccesses: 0, action: false };
  for (const { id, json } of policies) {
    if (!scopeMatches(json.action, action)) continue;
    slice[id] = { ...json, action: { op: "All" } };
    scan(json.conditions, usage);
  }
  return {
    policies: slice,
    // Every `context` inside an attribute access was counted; any other use needs the whole record.
    context: usage.contextVars > usage.contextAccesses ? "all" : [...usage.attributes].sort(),
    needsActionEntity: usage.action,
  };
}
