"use client";

import { useActionState } from "react";
import type { TTierFormState } from "./actions";

type Props = {
  action: (prev: TTierFormState, form: FormData) => Promise<TTierFormState>;
  tier: string;
  roles: string[];
  /** The roles an admin may choose from (auditors read audit data only, so they are not offered). */
  offered: readonly string[];
  retentionDays: number | null;
  isDefault: boolean;
};

/** One row of "Who may read each tier": its roles and retention, saved on its own. */
export function TierRow({ action, tier, roles, offered, retentionDays, isDefault }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, saved: false });
  const formId = `kb-tier-form-${tier}`;
  return (
    <tr data-testid="kb-tier-row" data-tier={tier} className="align-top">
      <td className="px-4 py-3 font-medium">
        {tier}
        {isDefault ? <span className="block text-xs font-normal text-slate-500">Keel default</span> : null}
      </td>
      <td className="px-4 py-3">
        <fieldset className="flex flex-wrap gap-3">
          <legend className="sr-only">Roles that may read {tier} articles</legend>
          {offered.map((role) => (
            <label key={role} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                form={formId}
                name="roles"
                value={role}
                defaultChecked={roles.includes(role)}
                className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                data-testid={`kb-tier-role-${role}`}
              />
              {role}
            </label>
          ))}
        </fieldset>
      </td>
      <td className="px-4 py-3">
        <label className="sr-only" htmlFor={`${formId}-days`}>
          Retention days for {tier}
        </label>
        <input
          id={`${formId}-days`}
          form={formId}
          name="retentionDays"
          type="number"
          min={1}
          max={36500}
          defaultValue={retentionDays ?? ""}
          placeholder="keep"
          className="block w-28 rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid="kb-tier-retention"
        />
      </td>
      <td className="px-4 py-3 text-right">
        <form id={formId} action={formAction}>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            data-testid="kb-tier-save"
          >
            {pending ? "Saving…" : "Save"}
          </button>
        </form>
        {state.error ? (
          <p
            role="alert"
            className="mt-1 max-w-xs text-left text-xs text-rose-700"
            data-testid="kb-tier-error"
          >
            {state.error}
          </p>
        ) : state.saved ? (
          <p role="status" className="mt-1 text-xs text-emerald-700" data-testid="kb-tier-saved">
            Saved.
          </p>
        ) : null}
      </td>
    </tr>
  );
}
