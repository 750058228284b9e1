"use client";

import { useActionState, useEffect, useRef } from "react";
import type { TReplyState } from "./actions";

type Props = { action: (prev: TReplyState, form: FormData) => Promise<TReplyState> };

export function ReplyBox({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, sentAt: null });
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.sentAt) formRef.current?.reset();
  }, [state.sentAt]);

  return (
    <form
      ref={formRef}
      action={formAction}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <label htmlFor="reply-body" className="text-sm font-medium text-slate-700">
        Reply
      </label>
      <textarea
        id="reply-body"
        name="body"
        data-keel-reply=""
        rows={5}
        maxLength={10000}
        placeholder="Write a reply to the customer…"
        className="mt-2 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      <div className="mt-3 flex items-center gap-4">
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" name="internal" className="rounded border-slate-300" /> Internal note
        </label>
        {state.error ? (
          <p role="alert" className="text-sm text-rose-700">
            {state.error}
          </p>
        ) : state.sentAt ? (
          <p role="status" className="text-sm text-emerald-700">
            Sent.
          </p>
        ) : null}
        <span className="ml-auto text-xs text-slate-400">Ctrl+Enter to send</span>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
