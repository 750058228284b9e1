"use client";

import type { TPolicyKind, TPolicyProblem, TPolicyValidation } from "@keel/shared";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { TEditorResult } from "./actions";

type Props = {
  kind: TPolicyKind;
  /** The version the editor opened (null: the built-in default). */
  baseVersion: number | null;
  baseStatus: "draft" | "published" | "archived" | "builtin";
  initialSource: string;
  canManage: boolean;
  validate: (kind: TPolicyKind, source: string) => Promise<TPolicyValidation | { error: string }>;
  saveDraft: (kind: TPolicyKind, source: string, note: string) => Promise<TEditorResult>;
  publish: (kind: TPolicyKind, version: number) => Promise<TEditorResult>;
};

type Checked = { source: string; result: TPolicyValidation };

const LABEL: Record<TPolicyKind, string> = { policy: "policy", charter: "knowledge charter" };

/** The policy / charter editor: validate before anything is saved, save drafts, publish with confirmation. */
export function PolicyEditor(props: Props) {
  const { kind, baseVersion, baseStatus, initialSource, canManage } = props;
  const router = useRouter();
  const [source, setSource] = useState(initialSource);
  const [note, setNote] = useState("");
  const [checked, setChecked] = useState<Checked | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);

  const current = checked && checked.source === source ? checked.result : null;
  const unchanged = source === initialSource;
  const lineCount = source.split("\n").length;

  const runValidation = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await props.validate(kind, source);
      if ("error" in result) {
        setMessage({ tone: "error", text: result.error });
        return;
      }
      setChecked({ source, result });
    });

  const open = (version: number) => router.push(`/console/policies?kind=${kind}&v=${version}`);

  const save = () =>
    startTransition(async () => {
      setMessage(null);
      const saved = await props.saveDraft(kind, source, note);
      if (saved.error || saved.version === null) {
        setMessage({ tone: "error", text: saved.error ?? "Not saved." });
        return;
      }
      setNote("");
      setMessage({ tone: "ok", text: `Saved as draft version ${saved.version}.` });
      open(saved.version);
    });

  const publish = () => {
    const reuse = unchanged && baseVersion !== null && baseStatus !== "published";
    const question = reuse
      ? `Publish version ${baseVersion}? It takes effect for every governed action at once; the version in force now is archived.`
      : "Save this text as a new version and publish it? It takes effect for every governed action at once; the version in force now is archived.";
    if (!window.confirm(question)) return;
    startTransition(async () => {
      setMessage(null);
      let version = reuse ? baseVersion : null;
      if (version === null) {
        const saved = await props.saveDraft(kind, source, note);
        if (saved.error || saved.version === null) {
          setMessage({ tone: "error", text: saved.error ?? "Not saved." });
          return;
        }
        version = saved.version;
      }
      const published = await props.publish(kind, version);
      if (published.error) {
        setMessage({ tone: "error", text: published.error });
        return;
      }
      setNote("");
      setMessage({ tone: "ok", text: `Version ${version} is published and in force.` });
      open(version);
    });
  };

  const goTo = (problem: TPolicyProblem) => {
    const area = textarea.current;
    if (!area || !problem.line) return;
    const lines = source.split("\n");
    let index = 0;
    for (let i = 0; i < problem.line - 1 && i < lines.length; i += 1)
      index += (lines[i] as string).length + 1;
    index += Math.max(0, (problem.column ?? 1) - 1);
    area.focus();
    area.setSelectionRange(index, index);
  };

  const publishable = canManage && current?.valid === true && !(unchanged && baseStatus === "published");

  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="policy-editor">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3 text-sm">
        <span className="font-medium text-slate-700">
          {baseVersion === null ? "Built-in default" : `Version ${baseVersion} · ${baseStatus}`}
          {unchanged ? "" : " · edited"}
        </span>
        {!canManage ? (
          <span className="text-slate-500">
            Read-only: your role can read the {LABEL[kind]} but not change it.
          </span>
        ) : current ? (
          current.valid ? (
            <span className="text-emerald-700" data-testid="validation-ok">
              Valid{current.ruleIds.length ? ` · ${current.ruleIds.length} rules` : ""}
            </span>
          ) : (
            <span className="text-rose-700" data-testid="validation-failed">
              {current.errors.length} problem{current.errors.length === 1 ? "" : "s"}
            </span>
          )
        ) : (
          <span className="text-slate-500">Validate before publishing.</span>
        )}
      </div>
      <div className="flex max-h-[560px] overflow-hidden">
        <pre
          ref={gutter}
          aria-hidden="true"
          className="select-none overflow-hidden border-r border-slate-100 bg-slate-50 px-2 py-3 text-right font-mono text-xs leading-5 text-slate-400"
        >
          {Array.from({ length: lineCount }, (_, i) => i + 1).join("\n")}
        </pre>
        <textarea
          ref={textarea}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          readOnly={!canManage}
          spellCheck={false}
          wrap="off"
          rows={28}
          aria-label={`${LABEL[kind]} source`}
          data-testid="policy-source"
          className="block w-full resize-none overflow-auto border-0 px-3 py-3 font-mono text-xs leading-5 text-slate-800 focus:ring-0 read-only:bg-slate-50"
        />
      </div>
      {current && !current.valid ? (
        <ul
          className="max-h-56 overflow-auto border-t border-rose-100 bg-rose-50 px-4 py-3 text-sm"
          data-testid="validation-errors"
        >
          {current.errors.map((p) => (
            <li key={`${p.line}:${p.column}:${p.where}:${p.message}`} className="py-0.5">
              <button
                type="button"
                onClick={() => goTo(p)}
                className="text-left text-rose-800 hover:underline"
              >
                <span className="font-mono text-xs text-rose-600">
                  {p.line ? `line ${p.line}${p.column ? `:${p.column}` : ""}` : "document"}
                  {p.where ? ` · ${p.where}` : ""}
                </span>{" "}
                {p.message}
              </button>
              {p.help ? <span className="ml-2 text-rose-600">({p.help})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canManage ? (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-3">
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder="Note for this version (what changed and why)"
            aria-label="Version note"
            className="min-w-64 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          {message ? (
            <p
              role={message.tone === "error" ? "alert" : "status"}
              className={`text-sm ${message.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
            >
              {message.text}
            </p>
          ) : null}
          <button
            type="button"
            onClick={runValidation}
            disabled={pending}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
          >
            Validate
          </button>
          <button
            type="button"
            onClick={save}
            disabled={pending || (unchanged && baseVersion !== null) || current?.valid === false}
            title={unchanged && baseVersion !== null ? "Edit the text to save a new version" : undefined}
            className="rounded-md border border-indigo-200 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 disabled:opacity-60"
          >
            Save draft
          </button>
          <button
            type="button"
            onClick={publish}
            disabled={pending || !publishable}
            title={publishable ? undefined : "Validate first: only a valid document can be published"}
            className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-50"
          >
            {pending ? "Working…" : "Publish"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
