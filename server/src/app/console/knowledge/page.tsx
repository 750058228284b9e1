import { KNOWLEDGE_TIERS, type TKnowledgeTier } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePagePermission } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { importArticlesAction, saveArticleAction, setTierAction } from "./actions";
import { ArticleForm } from "./article-form";
import { ImportForm } from "./import-form";
import { TierRow } from "./tier-row";

export const metadata: Metadata = { title: "Knowledge" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ tier?: string; article?: string }> };

/** Roles an admin may give a tier: auditors read audit data only. */
const OFFERED_ROLES = ["agent", "supervisor", "admin"] as const;

const TIER_BADGE: Record<TKnowledgeTier, string> = {
  public: "success",
  internal: "normal",
  privileged: "pending",
  customer: "solved",
};

const isTier = (value: string | undefined): value is TKnowledgeTier =>
  (KNOWLEDGE_TIERS as readonly string[]).includes(value ?? "");

export default async function KnowledgePage({ searchParams }: Props) {
  const { actor, ctx, allowed } = await requirePagePermission("/console/knowledge", "knowledge.manage");
  if (!allowed) {
    return (
      <AppShell actor={actor} area="console">
        <PageHeader title="Knowledge" />
        <EmptyState title="You cannot manage knowledge">
          Your role ({actor.role}) does not include it. Ask an admin of {actor.tenant.name}.
        </EmptyState>
      </AppShell>
    );
  }
  const params = await searchParams;
  const tier = isTier(params.tier) ? params.tier : undefined;
  const caller = createCaller(ctx);
  const [{ articles }, { tiers }] = await Promise.all([
    caller.knowledge.list(tier ? { tier } : {}),
    caller.knowledge.tiers(),
  ]);
  let editing: Awaited<ReturnType<typeof caller.knowledge.get>> | null = null;
  let editingError: string | null = null;
  if (params.article) {
    try {
      editing = await caller.knowledge.get({ articleId: params.article });
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
      editingError = error.message;
    }
  }
  const filterHref = (t?: string) => (t ? `/console/knowledge?tier=${t}` : "/console/knowledge");

  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Knowledge"
        subtitle={`The articles the copilot suggests and cites for ${actor.tenant.name}, in four tiers. Every save keeps the earlier versions; citations name the exact version.`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          {editingError ? (
            <p
              role="alert"
              className="rounded-md bg-rose-50 p-3 text-sm text-rose-700"
              data-testid="kb-edit-error"
            >
              {editingError}
            </p>
          ) : null}
          <ArticleForm
            key={editing ? `${editing.article.id}@${editing.article.version}` : "new"}
            action={saveArticleAction}
            tiers={KNOWLEDGE_TIERS}
            {...(editing ? { article: editing.article } : {})}
          />
          {editing ? (
            <section
              aria-labelledby="kb-versions-heading"
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="kb-versions"
            >
              <h2 id="kb-versions-heading" className="font-semibold text-slate-900">
                Versions of “{editing.article.title}”
              </h2>
              <ol className="mt-2 divide-y divide-slate-100 text-sm">
                {editing.versions.map((v) => (
                  <li key={v.version} className="flex justify-between gap-3 py-1.5" data-testid="kb-version">
                    <span>
                      <span className="font-mono text-xs text-slate-500">v{v.version}</span> {v.title}
                      {v.version === editing.article.version ? (
                        <span className="ml-2 text-xs text-emerald-700">current</span>
                      ) : null}
                    </span>
                    <span className="whitespace-nowrap text-slate-500">{formatDateTime(v.createdAt)}</span>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
        <ImportForm action={importArticlesAction} tiers={KNOWLEDGE_TIERS} />
      </div>

      <section className="mt-8" aria-labelledby="kb-articles-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="kb-articles-heading" className="text-lg font-semibold text-slate-900">
            Articles
          </h2>
          <nav
            aria-label="Filter by tier"
            className="flex flex-wrap gap-1 text-sm"
            data-testid="kb-tier-filter"
          >
            {[undefined, ...KNOWLEDGE_TIERS].map((t) => (
              <Link
                key={t ?? "all"}
                href={filterHref(t)}
                aria-current={t === tier ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ${t === tier ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {t ?? "All tiers"}
              </Link>
            ))}
          </nav>
        </div>
        {articles.length === 0 ? (
          <EmptyState title={tier ? `No ${tier} articles` : "No articles yet"}>
            Add one with the form above, or import Markdown or JSONL.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="kb-article-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-3">Title</th>
                  <th className="px-4 py-3">Tier</th>
                  <th className="px-4 py-3">Tags</th>
                  <th className="px-4 py-3">Version</th>
                  <th className="px-4 py-3">Updated (UTC)</th>
                  <th className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {articles.map((a) => (
                  <tr
                    key={a.id}
                    data-testid="kb-article-row"
                    data-article-id={a.id}
                    data-tier={a.tier}
                    data-version={a.version}
                    className={a.id === editing?.article.id ? "bg-indigo-50/50" : undefined}
                  >
                    <td className="px-4 py-2 font-medium">{a.title}</td>
                    <td className="px-4 py-2">
                      <Badge value={TIER_BADGE[a.tier]} label={a.tier} />
                    </td>
                    <td className="px-4 py-2 text-slate-600">{a.tags.join(", ") || "—"}</td>
                    <td className="px-4 py-2" data-testid="kb-article-version">
                      {a.version}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                      {formatDateTime(a.updatedAt)}
                    </td>
                    <td className="px-4 py-2 text-right">
                      <Link
                        href={`/console/knowledge?article=${encodeURIComponent(a.id)}${tier ? `&tier=${tier}` : ""}`}
                        className="text-indigo-600 hover:underline"
                        data-testid="kb-article-edit"
                      >
                        Edit<span className="sr-only"> {a.title}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="mt-8" aria-labelledby="kb-tiers-heading">
        <h2 id="kb-tiers-heading" className="text-lg font-semibold text-slate-900">
          Who may read each tier
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-500">
          The roles whose copilot may suggest and cite a tier's articles (the knowledge charter may narrow it
          further). Auditors read audit data only. Retention: how many days the tier's articles are kept;
          leave it empty to keep them.
        </p>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="kb-tier-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Tier</th>
                <th className="px-4 py-3">Roles that may read it</th>
                <th className="px-4 py-3">Retention (days)</th>
                <th className="px-4 py-3">
                  <span className="sr-only">Save</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tiers.map((t) => (
                <TierRow
                  key={`${t.tier}:${t.roles.join(",")}:${t.retentionDays ?? ""}`}
                  action={setTierAction.bind(null, t.tier)}
                  tier={t.tier}
                  roles={t.roles}
                  offered={OFFERED_ROLES}
                  retentionDays={t.retentionDays}
                  isDefault={t.isDefault}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AppShell>
  );
}
