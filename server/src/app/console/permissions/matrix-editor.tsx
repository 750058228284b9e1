"use client";

import type { TActionMode, TPermissionMatrix, TRiskBand, TRole } from "@keel/shared";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { TMatrixSaveResult } from "./actions";

export type TMatrixRow = { id: string; title: string; risk: TRiskBand; writes: boolean };

type Props = {
  matrix: TPermissionMatrix;
  defaults: TPermissionMatrix;
  roles: readonly TRole[];
  /** Catalog actions, already in display order. */
  rows: TMatrixRow[];
  modes: readonly TActionMode[];
  /** Modes each role may hold (read-only roles: deny and read). */
  allowedModes: Record<TRole, readonly TActionMode[]>;
  canManage: boolean;
  save: (matrix: TPermissionMatrix, note: string) => Promise<TMatrixSaveResult>;
};

const MODE_LABEL: Record<TActionMode, string> = {
  deny: "deny",
  read: "read",
  draft: "draft",
  execute_with_approval: "execute with approval",
  execute: "execute",
};

const MODE_STYLE: Record<TActionMode, string> = {
  deny: "text-rose-700",
  read: "text-slate-600",
  draft: "text-sky-700",
  execute_with_approval: "text-amber-700",
  execute: "text-emerald-700",
};

const BAND_STYLE: Record<TRiskBand, string> = {
  low: "bg-slate-100 text-slate-600",
  medium: "bg-amber-50 text-amber-800",
  high: "bg-rose-50 text-rose-700",
};

type Cell = [TRole, string];
const cellOf = (m: TPermissionMatrix, [role, action]: Cell) =>
  (m[role] as Record<string, TActionMode>)[action] as TActionMode;

/** The role × action matrix: one select per cell, grouped by risk band; Save needs a note. */
export function MatrixEditor(props: Props) {
  const { roles, rows, modes, allowedModes, canManage, defaults } = props;
  const router = useRouter();
  const [matrix, setMatrix] = useState<TPermissionMatrix>(props.matrix);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const changed = rows.flatMap((row) =>
    roles
      .filter((role) => cellOf(matrix, [role, row.id]) !== cellOf(props.matrix, [role, row.id]))
      .map((role) => [role, row.id] as Cell),
  );
  const differsFromDefaults = rows.some((row) =>
    roles.some((role) => cellOf(matrix, [role, row.id]) !== cellOf(defaults, [role, row.id])),
  );

  const setCell = (role: TRole, action: string, mode: TActionMode) => {
    setMessage(null);
    setMatrix((m) => ({ ...m, [role]: { ...m[role], [action]: mode } }));
  };

  const submit = () =>
    startTransition(async () => {
      const result = await props.save(matrix, note);
      if (result.error) {
        setMessage({ tone: "error", text: result.error });
        return;
      }
      setNote("");
      setMessage({
        tone: "ok",
        text: `Saved as version ${result.version}. It applies to the next governed action.`,
      });
      router.refresh();
    });

  const bands: TRiskBand[] = ["low", "medium", "high"];
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="matrix-editor">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-3">Action</th>
              {roles.map((role) => (
                <th key={role} className="px-3 py-3">
                  {role}
                </th>
              ))}
            </tr>
          </thead>
          {bands.map((band) => (
            <tbody key={band} className="divide-y divide-slate-100 border-t border-slate-200">
              <tr>
                <th colSpan={roles.length + 1} className="bg-white px-4 pb-1 pt-3 text-left">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BAND_STYLE[band]}`}>
                    {band} risk
                  </span>
                </th>
              </tr>
              {rows
                .filter((r) => r.risk === band)
                .map((row) => (
                  <tr key={row.id} data-testid="matrix-row" data-action={row.id}>
                    <td className="px-4 py-2">
                      <div className="font-medium text-slate-800">{row.title}</div>
                      <div className="font-mono text-xs text-slate-500">
                        {row.id}
                        {row.writes ? "" : " · read-only step"}
                      </div>
                    </td>
                    {roles.map((role) => {
                      const mode = cellOf(matrix, [role, row.id]);
                      const dirty = mode !== cellOf(props.matrix, [role, row.id]);
                      return (
                        <td key={role} className={`px-3 py-2 ${dirty ? "bg-amber-50" : ""}`}>
                          <select
                            value={mode}
                            disabled={!canManage || pending}
                            onChange={(e) => setCell(role, row.id, e.target.value as TActionMode)}
                            aria-label={`${role} · ${row.id}`}
                            data-testid={`cell-${role}-${row.id}`}
                            className={`rounded-md border border-slate-300 bg-white px-2 py-1 text-xs disabled:bg-slate-50 ${MODE_STYLE[mode]}`}
                          >
                            {modes
                              .filter((m) => allowedModes[role].includes(m) || m === mode)
                              .map((m) => (
                                <option key={m} value={m}>
                                  {MODE_LABEL[m]}
                                </option>
                              ))}
                          </select>
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </div>
      {canManage ? (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-3">
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder="Why the matrix changes (required)"
            aria-label="Change note"
            className="min-w-64 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          {message ? (
            <p
              role={message.tone === "error" ? "alert" : "status"}
              className={`text-sm ${message.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
            >
              {message.text}
            </p>
          ) : (
            <span className="text-sm text-slate-500">
              {changed.length === 0
                ? "No changes."
                : `${changed.length} cell${changed.length === 1 ? "" : "s"} changed.`}
            </span>
          )}
          <button
            type="button"
            onClick={() => {
              setMatrix(defaults);
              setMessage(null);
            }}
            disabled={pending || !differsFromDefaults}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          >
            Reset to defaults
          </button>
          <button
            type="button"
            onClick={submit}
            disabled={pending || changed.length === 0 || note.trim().length < 3}
            title={note.trim().length < 3 ? "Write a note first" : undefined}
            className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-50"
          >
            {pending ? "Saving…" : "Save new version"}
          </button>
        </div>
      ) : (
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
          Read-only: your role can see the matrix but not change it.
        </p>
      )}
    </div>
  );
}
