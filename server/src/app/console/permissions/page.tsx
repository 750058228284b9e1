import {
  ACTION_IDS,
  ACTION_MODES,
  ACTIONS,
  can,
  READ_ONLY_ROLES,
  ROLES,
  type TActionMode,
  type TRole,
  WRITE_MODES,
} from "@keel/shared";
import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell";
import { EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { updatePermissionsAction } from "./actions";
import { MatrixEditor, type TMatrixRow } from "./matrix-editor";

export const metadata: Metadata = { title: "Permissions" };
export const dynamic = "force-dynamic";

const MODE_TEXT: Record<TActionMode, string> = {
  deny: "deny",
  read: "read",
  draft: "draft",
  execute_with_approval: "execute with approval",
  execute: "execute",
};

export default async function PermissionsPage() {
  const { actor, ctx } = await requirePageActor("/console/permissions");
  if (!can(actor.role, "permissions.read").allowed) {
    return (
      <AppShell actor={actor} area="console">
        <EmptyState title="You cannot see the permission matrix">
          Your role ({actor.role}) does not include it. Supervisors, admins and auditors can read it.
        </EmptyState>
      </AppShell>
    );
  }
  const caller = createCaller(ctx);
  const [view, history] = await Promise.all([caller.permissions.get(), caller.permissions.history()]);
  const canManage = can(actor.role, "permissions.manage").allowed;
  const rows: TMatrixRow[] = ACTION_IDS.map((id) => ({
    id,
    title: ACTIONS[id].title,
    risk: ACTIONS[id].risk,
    writes: ACTIONS[id].changes !== "nothing",
  }));
  const allowedModes = {} as Record<TRole, readonly TActionMode[]>;
  for (const role of ROLES) {
    allowedModes[role] = READ_ONLY_ROLES.includes(role)
      ? ACTION_MODES.filter((m) => !WRITE_MODES.includes(m))
      : ACTION_MODES;
  }

  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Permissions"
        subtitle={
          <>
            What each role may do with each action: deny, read, draft (someone else approves), execute with
            approval, or execute. The policy and the rollout mode can still ask for approvals or a
            confirmation on top.{" "}
            {view.version === null
              ? "Keel's defaults are in force."
              : `Version ${view.version} is in force${view.updatedBy ? `, saved by ${view.updatedBy.replace(/ <.*>$/, "")}` : ""}${view.updatedAt ? ` on ${formatDateTime(view.updatedAt)}` : ""}.`}
          </>
        }
      />
      <MatrixEditor
        key={view.version ?? "defaults"}
        matrix={view.matrix}
        defaults={view.defaults}
        roles={ROLES}
        rows={rows}
        modes={ACTION_MODES}
        allowedModes={allowedModes}
        canManage={canManage}
        save={updatePermissionsAction}
      />
      <p className="mt-2 text-xs text-slate-500">Auditors can only ever hold deny or read.</p>

      <section className="mt-10">
        <h2 className="text-lg font-semibold text-slate-900">History</h2>
        {history.versions.length === 0 ? (
          <div className="mt-3">
            <EmptyState title="No changes yet">
              Keel's default matrix applies.
              {canManage ? " Change a cell above and save it with a note to start the history." : ""}
            </EmptyState>
          </div>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="permissions-history">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-3">Version</th>
                  <th className="px-4 py-3">When (UTC)</th>
                  <th className="px-4 py-3">Who</th>
                  <th className="px-4 py-3">Note</th>
                  <th className="px-4 py-3">Changes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.versions.map((v) => (
                  <tr key={v.version} data-testid="permissions-version" className="align-top">
                    <td className="px-4 py-2 font-medium">v{v.version}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                      {formatDateTime(v.createdAt)}
                    </td>
                    <td className="px-4 py-2">{v.createdBy ?? "unknown"}</td>
                    <td className="px-4 py-2 text-slate-700">{v.note ?? ""}</td>
                    <td className="px-4 py-2">
                      {v.changes.length === 0 ? (
                        <span className="text-slate-400">no cell changed</span>
                      ) : (
                        <ul className="space-y-0.5 text-xs">
                          {v.changes.map((c) => (
                            <li key={`${c.role}-${c.action}`}>
                              <span className="font-medium">{c.role}</span> ·{" "}
                              <span className="font-mono">{c.action}</span>: {MODE_TEXT[c.from]} →{" "}
                              <span className="font-medium">{MODE_TEXT[c.to]}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AppShell>
  );
}
