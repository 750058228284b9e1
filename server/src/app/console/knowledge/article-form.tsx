"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { TArticleFormState } from "./actions";

type Props = {
  action: (prev: TArticleFormState, form: FormData) => Promise<TArticleFormState>;
  tiers: readonly string[];
  /** The article being edited; absent for a new one. */
  article?: { id: string; title: string; body: string; tier: string; tags: string[]; version: number };
};

const inputClass =
  "mt-1 block w-full rounded-md border px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";
const border = (bad: boolean) => (bad ? "border-rose-400 bg-rose-50/40" : "border-slate-300");

/** Adds an article, or saves a new version of the one being edited. */
export function ArticleForm({ action, tiers, article }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, fieldErrors: {}, saved: null });
  const fe = state.fieldErrors;
  const v = state.values ?? {
    title: article?.title ?? "",
    body: article?.body ?? "",
    tier: article?.tier ?? "internal",
    tags: article?.tags.join(", ") ?? "",
  };
  const fieldError = (name: string) =>
    fe[name] ? (
      <span id={`kb-${name}-error`} className="mt-1 block text-xs text-rose-700" data-testid="kb-field-error">
        {fe[name]}
      </span>
    ) : null;

  return (
    <form
      action={formAction}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="kb-article-form"
      aria-labelledby="kb-form-heading"
      noValidate
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="kb-form-heading" className="font-semibold text-slate-900">
          {article ? `Edit “${article.title}” (version ${article.version})` : "New article"}
        </h2>
        {article ? (
          <Link href="/console/knowledge" className="text-sm text-indigo-600 hover:underline">
            New article instead
          </Link>
        ) : null}
      </div>
      {article ? <input type="hidden" name="id" value={article.id} /> : null}
      <label className="block text-sm font-medium text-slate-700">
        Title
        <input
          name="title"
          maxLength={200}
          defaultValue={v.title}
          aria-invalid={Boolean(fe.title)}
          aria-describedby={fe.title ? "kb-title-error" : undefined}
          className={`${inputClass} ${border(Boolean(fe.title))}`}
          data-testid="kb-article-title"
        />
        {fieldError("title")}
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Body
        <textarea
          name="body"
          rows={10}
          defaultValue={v.body}
          aria-invalid={Boolean(fe.body)}
          aria-describedby={fe.body ? "kb-body-error" : undefined}
          className={`${inputClass} ${border(Boolean(fe.body))} font-mono`}
          data-testid="kb-article-body"
        />
        {fieldError("body")}
      </label>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          Tier
          <select
            name="tier"
            defaultValue={v.tier}
            aria-invalid={Boolean(fe.tier)}
            className={`${inputClass} ${border(Boolean(fe.tier))}`}
            data-testid="kb-article-tier"
          >
            {tiers.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          {fieldError("tier")}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Tags <span className="font-normal text-slate-500">(comma-separated)</span>
          <input
            name="tags"
            defaultValue={v.tags}
            placeholder="returns, refunds"
            aria-invalid={Boolean(fe.tags)}
            aria-describedby={fe.tags ? "kb-tags-error" : undefined}
            className={`${inputClass} ${border(Boolean(fe.tags))}`}
            data-testid="kb-article-tags"
          />
          {fieldError("tags")}
        </label>
      </div>
      {state.error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="kb-article-error">
          {state.error}
        </p>
      ) : null}
      {state.saved && !state.error ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="kb-article-saved">
          Saved “{state.saved.title}” as version {state.saved.version}.
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-1"
        data-testid="kb-article-submit"
      >
        {pending ? "Saving…" : article ? "Save new version" : "Add article"}
      </button>
    </form>
  );
}
