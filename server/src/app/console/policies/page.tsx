import {
  can,
  type TPolicyDiffLine,
  type TPolicyDiffOutput,
  type TPolicyKind,
  ZPolicyKind,
} from "@keel/shared";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { publishAction, saveDraftAction, validateDocumentAction } from "./actions";
import { PolicyEditor } from "./policy-editor";

export const metadata: Metadata = { title: "Policies" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ kind?: string; v?: string; from?: string; to?: string }> };

const TABS: Array<{ kind: TPolicyKind; label: string }> = [
  { kind: "policy", label: "Policy" },
  { kind: "charter", label: "Knowledge charter" },
];

const STATUS_BADGE: Record<string, string> = {
  published: "success",
  draft: "pending",
  archived: "closed",
  builtin: "normal",
};

/** "default" or a positive version number from the query string; undefined when absent or malformed. */
function versionParam(value: string | undefined): number | null | undefined {
  if (value === "default") return null;
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

const versionLabel = (v: number | null) => (v === null ? "built-in default" : `v${v}`);

export default async function PoliciesPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor, ctx } = await requirePageActor("/console/policies");
  if (!can(actor.role, "policy.read").allowed) {
    return (
      <AppShell actor={actor} area="console">
        <EmptyState title="You cannot read policies">
          Your role ({actor.role}) does not include policy access. Supervisors, admins and auditors can read
          them.
        </EmptyState>
      </AppShell>
    );
  }
  const parsedKind = ZPolicyKind.safeParse(params.kind);
  const kind: TPolicyKind = parsedKind.success ? parsedKind.data : "policy";
  const caller = createCaller(ctx);
  const list = await caller.policy.list({ kind });
  const requested = versionParam(params.v);
  const selected = requested !== undefined ? requested : list.publishedVersion;

  let doc: Awaited<ReturnType<typeof caller.policy.get>>;
  try {
    doc = await caller.policy.get({ kind, version: selected });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND")
      doc = await caller.policy.get({ kind, version: null });
    else throw error;
  }

  const from = versionParam(params.from);
  const to = versionParam(params.to);
  let diff: TPolicyDiffOutput | null = null;
  let diffError: string | null = null;
  if (from !== undefined && to !== undefined) {
    try {
      diff = await caller.policy.diff({ kind, from, to });
    } catch (error) {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") diffError = error.message;
      else throw error;
    }
  }
  const canManage = can(actor.role, "policy.manage").allowed;
  const options = [
    ...list.versions.map((v) => ({ value: String(v.version), label: `v${v.version} (${v.status})` })),
    { value: "default", label: "built-in default" },
  ];
  const base = `/console/policies?kind=${kind}`;

  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Policies"
        subtitle={
          kind === "policy"
            ? "Policy as code (Cedar): conditions on amount, identity, customer tier, rollout mode and role. Every governed action is decided by the published version."
            : "The knowledge charter (JSON): what the copilot may read and write, what it must never infer, and what always goes to a human."
        }
      />
      <div className="mb-5 flex gap-1" role="tablist">
        {TABS.map((t) => (
          <Link
            key={t.kind}
            role="tab"
            href={`/console/policies?kind=${t.kind}`}
            aria-selected={t.kind === kind}
            className={`rounded-full px-3 py-1 text-sm ${t.kind === kind ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"}`}
          >
            {t.label}
          </Link>
        ))}
      </div>

      <div className="grid gap-6 lg:grid-cols-[280px_1fr]">
        <aside>
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Versions</h2>
          <ul
            className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm shadow-sm"
            data-testid="policy-versions"
          >
            {list.versions.map((v) => (
              <li
                key={v.version}
                data-testid="policy-version"
                data-status={v.status}
                data-version={v.version}
              >
                <Link
                  href={`${base}&v=${v.version}`}
                  aria-current={doc.version === v.version ? "page" : undefined}
                  className={`block px-3 py-2 hover:bg-slate-50 ${doc.version === v.version ? "bg-indigo-50" : ""}`}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium text-slate-800">v{v.version}</span>
                    <Badge value={STATUS_BADGE[v.status] ?? "normal"} label={v.status} />
                  </div>
                  <p className="mt-0.5 truncate text-xs text-slate-500">{v.note ?? "No note"}</p>
                  <p className="text-xs text-slate-400">
                    {formatDateTime(v.createdAt)}
                    {v.createdBy ? ` · ${v.createdBy.replace(/ <.*>$/, "")}` : ""}
                  </p>
                </Link>
              </li>
            ))}
            <li>
              <Link
                href={`${base}&v=default`}
                aria-current={doc.version === null ? "page" : undefined}
                className={`block px-3 py-2 hover:bg-slate-50 ${doc.version === null ? "bg-indigo-50" : ""}`}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-800">Built-in default</span>
                  <Badge
                    value={list.publishedVersion === null ? "success" : "normal"}
                    label={list.publishedVersion === null ? "in force" : "builtin"}
                  />
                </div>
                <p className="mt-0.5 text-xs text-slate-500">Keel's starting point</p>
              </Link>
            </li>
          </ul>
          {list.versions.length === 0 ? (
            <p className="mt-3 text-xs text-slate-500">
              No versions yet: the built-in default is in force.
              {canManage ? " Edit it and save a draft to start your own." : ""}
            </p>
          ) : null}
        </aside>

        <section>
          <PolicyEditor
            key={`${kind}:${doc.version ?? "default"}`}
            kind={kind}
            baseVersion={doc.version}
            baseStatus={doc.status}
            initialSource={doc.source}
            canManage={canManage}
            validate={validateDocumentAction}
            saveDraft={saveDraftAction}
            publish={publishAction}
          />
          {doc.note ? <p className="mt-2 text-sm text-slate-500">Note: {doc.note}</p> : null}
        </section>
      </div>

      <section className="mt-10">
        <h2 className="text-lg font-semibold text-slate-900">Compare versions</h2>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm" data-testid="diff-form">
          <input type="hidden" name="kind" value={kind} />
          {doc.version !== null ? <input type="hidden" name="v" value={doc.version} /> : null}
          <label className="text-slate-600">
            From
            <select
              name="from"
              defaultValue={params.from ?? options[1]?.value ?? "default"}
              className="ml-2 rounded-md border border-slate-300 px-2 py-1"
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-slate-600">
            To
            <select
              name="to"
              defaultValue={params.to ?? options[0]?.value ?? "default"}
              className="ml-2 rounded-md border border-slate-300 px-2 py-1"
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
          >
            Show diff
          </button>
        </form>
        {diffError ? (
          <p role="alert" className="mt-3 text-sm text-rose-700">
            {diffError}
          </p>
        ) : diff ? (
          <DiffView diff={diff} />
        ) : (
          <p className="mt-3 text-sm text-slate-500">Pick two versions to see what changed, line by line.</p>
        )}
      </section>
    </AppShell>
  );
}

const CONTEXT_LINES = 3;

/** Changed lines with a few unchanged lines around them; longer unchanged runs fold into one row. */
function withContext(lines: TPolicyDiffLine[]): Array<TPolicyDiffLine | { skipped: number; at: number }> {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.type === "unchanged") return;
    for (let j = Math.max(0, i - CONTEXT_LINES); j <= Math.min(lines.length - 1, i + CONTEXT_LINES); j += 1)
      keep[j] = true;
  });
  const out: Array<TPolicyDiffLine | { skipped: number; at: number }> = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (skipped > 0) out.push({ skipped, at: i });
      skipped = 0;
      out.push(line);
    } else skipped += 1;
  });
  if (skipped > 0) out.push({ skipped, at: lines.length });
  return out;
}

function DiffView({ diff }: { diff: TPolicyDiffOutput }) {
  if (diff.added === 0 && diff.removed === 0) {
    return (
      <p className="mt-3 text-sm text-slate-500" data-testid="diff-empty">
        {versionLabel(diff.from)} and {versionLabel(diff.to)} are identical.
      </p>
    );
  }
  return (
    <div
      className="mt-3 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
      data-testid="policy-diff"
    >
      <p className="border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
        {versionLabel(diff.from)} → {versionLabel(diff.to)}:{" "}
        <span className="text-emerald-700">+{diff.added}</span>{" "}
        <span className="text-rose-700">−{diff.removed}</span>
      </p>
      <div className="max-h-[520px] overflow-auto">
        <table className="min-w-full font-mono text-xs leading-5">
          <tbody>
            {withContext(diff.lines).map((item) =>
              "skipped" in item ? (
                <tr key={`skip:${item.at}`} className="bg-slate-50 text-slate-400">
                  <td colSpan={4} className="px-4 py-1 font-sans">
                    ⋯ {item.skipped} unchanged line{item.skipped === 1 ? "" : "s"}
                  </td>
                </tr>
              ) : (
                <tr
                  key={`${item.type}:${item.fromLine}:${item.toLine}`}
                  data-diff={item.type}
                  className={
                    item.type === "added"
                      ? "bg-emerald-50 text-emerald-900"
                      : item.type === "removed"
                        ? "bg-rose-50 text-rose-900"
                        : "text-slate-600"
                  }
                >
                  <td className="w-10 select-none px-2 text-right text-slate-400">{item.fromLine ?? ""}</td>
                  <td className="w-10 select-none px-2 text-right text-slate-400">{item.toLine ?? ""}</td>
                  <td className="w-4 select-none text-center">
                    {item.type === "added" ? "+" : item.type === "removed" ? "−" : " "}
                  </td>
                  <td className="whitespace-pre px-2">{item.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
