"use client";

import { useActionState, useEffect, useRef, useState } from "react";

export type TConfirmState = { error: string | null; done: boolean };

type Props = {
  /** A server action (bound to its target) run only after the second, confirming click. */
  action: (prev: TConfirmState, form: FormData) => Promise<TConfirmState>;
  /** The first button, e.g. "Revoke". */
  label: string;
  /** Asked before anything happens, e.g. "Revoke the key “SIEM”? Calls with it stop at once." */
  question: string;
  /** The confirming button, e.g. "Revoke key". */
  confirmLabel: string;
  testId?: string;
};

/**
 * A destructive action in two steps: the button asks, the confirmation runs it. Keyboard: the
 * confirming button takes focus, Escape cancels and gives focus back to the first button.
 */
export function ConfirmForm({ action, label, question, confirmLabel, testId }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, done: false });
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);

  // Each answer closes the question (an error then shows beside the first button).
  useEffect(() => {
    if (state.done || state.error) setAsking(false);
  }, [state]);

  const cancel = () => {
    setAsking(false);
    // Focus returns to the button that opened the question once it is back in the page.
    requestAnimationFrame(() => trigger.current?.focus());
  };

  if (!asking) {
    return (
      <div className="inline-flex flex-col items-end gap-1">
        <button
          ref={trigger}
          type="button"
          onClick={() => setAsking(true)}
          data-testid={testId}
          className="rounded-md border border-rose-200 px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-500"
        >
          {label}
        </button>
        {state.error ? (
          <p role="alert" className="max-w-xs text-right text-xs text-rose-700">
            {state.error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      onKeyDown={(e) => {
        if (e.key === "Escape") cancel();
      }}
      className="inline-flex max-w-sm flex-col items-end gap-2 rounded-md border border-rose-200 bg-rose-50 p-2 text-left"
      data-testid={testId ? `${testId}-confirm` : undefined}
    >
      <p className="text-xs text-rose-900">{question}</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={cancel}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Cancel
        </button>
        <button
          ref={confirm}
          type="submit"
          disabled={pending}
          className="rounded-md bg-rose-600 px-2 py-1 text-xs font-semibold text-white hover:bg-rose-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-400 focus-visible:ring-offset-1"
        >
          {pending ? "Working…" : confirmLabel}
        </button>
      </div>
    </form>
  );
}
