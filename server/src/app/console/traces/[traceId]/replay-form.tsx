"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { TReplayState } from "./actions";

type Props = { action: (prev: TReplayState, form: FormData) => Promise<TReplayState> };

/** "Replay now": re-runs the trace against the current prompt, engine, policy and knowledge. */
export function ReplayForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, result: null });
  return (
    <form action={formAction} className="mt-4" data-testid="trace-replay">
      <button
        type="submit"
        disabled={pending}
        data-testid="trace-replay-submit"
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Replaying…" : "Replay now"}
      </button>
      <span className="ml-2 text-xs text-slate-500">
        against the current prompt, engine, policy and knowledge
      </span>
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {state.error}
        </p>
      ) : null}
      {state.result ? (
        <div role="status" className="mt-3 space-y-2" data-testid="trace-replay-result">
          <p className="text-sm text-slate-700">
            {state.result.changes.length === 0
              ? "Nothing changed."
              : `Changed: ${state.result.changes.join("; ")}.`}{" "}
            <Link
              href={`/console/traces/${state.result.replayTraceId}`}
              className="font-medium text-indigo-600 hover:underline"
            >
              Open the replay
            </Link>
          </p>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-mono text-xs ring-1 ring-inset ring-slate-200">
            {state.result.diff.map((d, i) => (
              <span
                // A diff's lines are positional: the index is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
                key={i}
                className={
                  d.op === "+"
                    ? "block bg-emerald-50 text-emerald-800"
                    : d.op === "-"
                      ? "block bg-rose-50 text-rose-800"
                      : "block"
                }
              >
                {d.op} {d.line}
              </span>
            ))}
          </pre>
        </div>
      ) : null}
    </form>
  );
}
