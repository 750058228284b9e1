"use client";

import { useActionState } from "react";
import type { TSetCredentialState } from "./actions";

type Props = {
  connector: string;
  configured: boolean;
  baseUrl: string | null;
  baseUrlExample: string;
  secretLabel: string;
  action: (prev: TSetCredentialState, form: FormData) => Promise<TSetCredentialState>;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Set or replace a connector's credential. The secret field is write-only and empties after saving. */
export function CredentialForm({
  connector,
  configured,
  baseUrl,
  baseUrlExample,
  secretLabel,
  action,
}: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, saved: false });
  const id = (field: string) => `${connector}-${field}`;
  return (
    <form action={formAction} className="space-y-3" data-testid={`connector-form-${connector}`}>
      <div>
        <label htmlFor={id("baseUrl")} className="block text-sm font-medium text-slate-700">
          Base URL
        </label>
        <input
          id={id("baseUrl")}
          name="baseUrl"
          type="url"
          required
          maxLength={2048}
          defaultValue={baseUrl ?? ""}
          placeholder={baseUrlExample}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor={id("secret")} className="block text-sm font-medium text-slate-700">
          {configured ? `New ${secretLabel.toLowerCase()}` : secretLabel}
        </label>
        <input
          id={id("secret")}
          name="secret"
          type="password"
          required
          minLength={8}
          maxLength={4096}
          autoComplete="new-password"
          spellCheck={false}
          aria-describedby={id("secret-help")}
          className={inputClass}
        />
        <p id={id("secret-help")} className="mt-1 text-xs text-slate-500">
          Stored encrypted; Keel shows only its last four characters afterwards.
        </p>
      </div>
      {state.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {state.error}
        </p>
      ) : state.saved && !pending ? (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-1"
      >
        {pending ? "Saving…" : configured ? "Replace credential" : "Save credential"}
      </button>
    </form>
  );
}
