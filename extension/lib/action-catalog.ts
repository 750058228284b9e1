import {
  ACTIONS,
  DEFAULT_PERMISSION_GRANTS,
  RISK_BANDS,
  ROLES,
  type TActionId,
  type TActionMode,
  type TRiskBand,
  type TTicketContext,
  WRITE_ACTION_IDS,
} from "@keel/shared";

/** The catalog's write actions (the copilot's read-only steps are not requested from the sidebar). */
export type TWriteActionId = Exclude<TActionId, "ticket.summarize" | "kb.suggest" | "reply.draft">;

export type TCatalogEntry = {
  id: TWriteActionId;
  title: string;
  description: string;
  risk: TRiskBand;
  mode: TActionMode;
  /** draft and execute_with_approval: the request waits for a supervisor. */
  needsApproval: boolean;
};
export type TCatalogGroup = { risk: TRiskBand; actions: TCatalogEntry[] };

export const RISK_LABEL: Record<TRiskBand, string> = { low: "Low", medium: "Medium", high: "High" };

export function isWriteAction(id: string): id is TWriteActionId {
  return (WRITE_ACTION_IDS as string[]).includes(id);
}

export function needsApproval(mode: TActionMode): boolean {
  return mode === "draft" || mode === "execute_with_approval";
}

/**
 * The write actions the caller may request on this ticket, grouped by risk band (low to high, empty
 * groups left out). Actions whose mode is deny or read, or that the server did not list, are hidden.
 */
export function requestableActions(modes: TTicketContext["modes"]): TCatalogGroup[] {
  const groups: TCatalogGroup[] = RISK_BANDS.map((risk) => ({ risk, actions: [] }));
  for (const id of WRITE_ACTION_IDS) {
    const mode = modes[id];
    if (!mode || mode === "deny" || mode === "read" || !isWriteAction(id)) continue;
    const def = ACTIONS[id];
    groups
      .find((g) => g.risk === def.risk)
      ?.actions.push({
        id,
        title: def.title,
        description: def.description,
        risk: def.risk,
        mode,
        needsApproval: needsApproval(mode),
      });
  }
  return groups.filter((g) => g.actions.length > 0);
}

/** "a supervisor or admin": the roles that may decide approvals by default. */
export function approverRoles(): string {
  const roles = ROLES.filter((role) => DEFAULT_PERMISSION_GRANTS[role].includes("approval.decide"));
  if (roles.length <= 1) return `a ${roles[0] ?? "supervisor"}`;
  return `a ${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}`;
}

/** "1 approval from a supervisor or admin", "2 approvals from …". */
export function approvalsNeededText(count: number): string {
  const n = Math.max(1, count);
  return `${n} ${n === 1 ? "approval" : "approvals"} from ${approverRoles()}`;
}

/** What will happen when the human confirms, said before they do. */
export function whatHappensText(
  entry: Pick<TCatalogEntry, "needsApproval">,
  rolloutMode: TTicketContext["rolloutMode"],
): string {
  if (entry.needsApproval)
    return `Confirming sends it for approval: it runs only after ${approverRoles()} approves it.`;
  if (rolloutMode === "assistive") return "Assistive mode: this action runs only after you confirm it.";
  return "This action runs as soon as you confirm it.";
}
