"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { TCreateKeyState } from "./actions";

type Props = {
  action: (prev: TCreateKeyState, form: FormData) => Promise<TCreateKeyState>;
  scopes: { id: string; title: string; description: string }[];
  expiryDays: readonly number[];
  /** Where the export endpoint lives, for the usage example. */
  exportUrl: string;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** The "new key" form; a created key's secret is shown once, in a copyable box, until dismissed. */
export function CreateKeyForm({ action, scopes, expiryDays, exportUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null, created: null });
  const [shown, setShown] = useState<TCreateKeyState["created"]>(null);
  useEffect(() => setShown(state.created), [state.created]);

  return (
    <div className="space-y-4">
      {shown ? <SecretOnce created={shown} exportUrl={exportUrl} onDone={() => setShown(null)} /> : null}
      <form
        action={formAction}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
        data-testid="api-key-form"
        aria-labelledby="new-key-heading"
      >
        <h2 id="new-key-heading" className="font-semibold text-slate-900">
          New API key
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <label className="block text-sm font-medium text-slate-700">
            Name
            <input
              name="name"
              required
              maxLength={80}
              placeholder="What will use it, e.g. “SIEM nightly export”"
              className={inputClass}
              data-testid="api-key-name"
            />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            Expires
            <select
              name="expiresInDays"
              defaultValue="90"
              className={inputClass}
              data-testid="api-key-expiry"
            >
              {expiryDays.map((days) => (
                <option key={days} value={String(days)}>
                  {days === 365 ? "in 1 year" : `in ${days} days`}
                </option>
              ))}
              <option value="never">never (revoke it when no longer used)</option>
            </select>
          </label>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes (what the key may do)</legend>
          <div className="mt-2 space-y-2">
            {scopes.map((scope) => (
              <label key={scope.id} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope.id}
                  defaultChecked={scope.id === "audit:export"}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                />
                <span>
                  <span className="font-mono text-xs font-semibold text-slate-800">{scope.id}</span>{" "}
                  <span className="text-slate-700">{scope.title}</span>
                  <span className="block text-xs text-slate-500">{scope.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {state.error ? (
          <p role="alert" className="text-sm text-rose-700" data-testid="api-key-error">
            {state.error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-1"
        >
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
    </div>
  );
}

function SecretOnce({
  created,
  exportUrl,
  onDone,
}: {
  created: NonNullable<TCreateKeyState["created"]>;
  exportUrl: string;
  onDone: () => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied("yes");
    } catch {
      box.current?.select();
      setCopied("failed");
    }
  };

  return (
    <section
      aria-labelledby="new-key-secret-heading"
      className="rounded-xl border border-amber-300 bg-amber-50 p-5 shadow-sm"
      data-testid="api-key-secret"
    >
      <h2 id="new-key-secret-heading" className="font-semibold text-amber-900">
        Copy the key “{created.name}” now
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        <strong>You will not see this secret again.</strong> Keel stores only a hash of it. Put it in your
        secret manager; if it is lost, revoke the key and create a new one.
      </p>
      <div className="mt-3 flex gap-2">
        <label htmlFor="new-key-secret" className="sr-only">
          API key secret
        </label>
        <input
          id="new-key-secret"
          ref={box}
          readOnly
          value={created.secret}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border border-amber-300 bg-white px-3 py-1.5 font-mono text-sm text-slate-900"
          data-testid="api-key-secret-value"
        />
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-md bg-amber-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-amber-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 focus-visible:ring-offset-1"
        >
          Copy
        </button>
      </div>
      <p role="status" className="mt-1 h-4 text-xs text-amber-900">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Copy failed: press Ctrl+C (⌘C)."
            : ""}
      </p>
      <p className="mt-2 text-xs text-amber-900">
        Use it as a bearer token, for example:{" "}
        <code className="font-mono">
          curl -H "Authorization: Bearer $KEEL_API_KEY" "{exportUrl}?format=jsonl"
        </code>
      </p>
      <button
        type="button"
        onClick={onDone}
        className="mt-3 rounded-md border border-amber-300 bg-white px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100"
      >
        I have stored it
      </button>
    </section>
  );
}
