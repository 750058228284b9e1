"use client";

import { useActionState } from "react";
import type { TDecideState } from "./actions";

type Props = { action: (prev: TDecideState, form: FormData) => Promise<TDecideState> };

export function DecideForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, done: null });
  if (state.done) {
    return (
      <p role="status" className="text-sm font-medium text-emerald-700" data-testid="approval-outcome">
        Done: {state.done}.
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-2" data-testid="approval-form">
      <label className="block text-sm font-medium text-slate-700">
        Reason
        <input
          name="reason"
          required
          minLength={3}
          maxLength={1000}
          placeholder="Why you approve or reject"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </label>
      {state.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {state.error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-500 disabled:opacity-60"
        >
          Approve
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded-md border border-rose-200 px-3 py-1.5 text-sm font-semibold text-rose-700 hover:bg-rose-50 disabled:opacity-60"
        >
          Reject
        </button>
      </div>
    </form>
  );
}
