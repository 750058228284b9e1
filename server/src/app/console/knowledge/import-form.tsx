"use client";

import { useActionState } from "react";
import type { TImportState } from "./actions";

type Props = {
  action: (prev: TImportState, form: FormData) => Promise<TImportState>;
  tiers: readonly string[];
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Imports many articles at once; an article with the same title gets a new version. */
export function ImportForm({ action, tiers }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, result: null });
  return (
    <form
      action={formAction}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="kb-import-form"
      aria-labelledby="kb-import-heading"
    >
      <h2 id="kb-import-heading" className="font-semibold text-slate-900">
        Import articles
      </h2>
      <p className="text-sm text-slate-500">
        An article whose title matches an existing one becomes its next version. All or nothing: if any item
        has a problem, nothing is saved and every problem is listed.
      </p>
      <div className="grid gap-3 text-xs text-slate-600 md:grid-cols-2">
        <div>
          <p className="font-semibold text-slate-700">Markdown</p>
          <p>
            Articles separated by lines of <code className="font-mono">---</code>, each starting with{" "}
            <code className="font-mono"># Title</code>, with optional <code className="font-mono">tier:</code>{" "}
            and <code className="font-mono">tags:</code> lines.
          </p>
          <pre className="mt-1 rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700">
            {
              "# Returns and refunds\ntier: public\ntags: returns, refunds\nYou can return items within 30 days…\n---\n# Next article\n…"
            }
          </pre>
        </div>
        <div>
          <p className="font-semibold text-slate-700">JSONL</p>
          <p>
            One JSON object per line: <code className="font-mono">{"{title, body, tier?, tags?}"}</code>.
          </p>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700">
            {'{"title":"Gift cards","body":"Gift cards never expire…","tier":"public","tags":["gift"]}'}
          </pre>
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          Format
          <select name="format" defaultValue="markdown" className={inputClass} data-testid="kb-import-format">
            <option value="markdown">Markdown</option>
            <option value="jsonl">JSONL</option>
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Tier for articles that do not name one
          <select
            name="defaultTier"
            defaultValue="internal"
            className={inputClass}
            data-testid="kb-import-tier"
          >
            {tiers.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium text-slate-700">
        Content
        <textarea
          name="content"
          rows={8}
          className={`${inputClass} font-mono`}
          data-testid="kb-import-content"
        />
      </label>
      {state.error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="kb-import-error">
          {state.error}
        </p>
      ) : null}
      {state.result ? (
        <div role="status" data-testid="kb-import-result" className="text-sm">
          {state.result.errors.length ? (
            <p className="text-rose-700">
              Nothing was imported: {state.result.errors.length}{" "}
              {state.result.errors.length === 1 ? "item has a problem" : "items have problems"}. Fix{" "}
              {state.result.errors.length === 1 ? "it" : "them"} and import again.
            </p>
          ) : (
            <p className="text-emerald-700" data-testid="kb-import-counts">
              Imported: {state.result.created} created, {state.result.updated} updated.
            </p>
          )}
          {state.result.errors.length ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-rose-700">
              {state.result.errors.map((e) => (
                <li key={e.item} data-testid="kb-import-item-error">
                  Item {e.item}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-1"
        data-testid="kb-import-submit"
      >
        {pending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
