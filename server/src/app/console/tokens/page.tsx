import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePageActor } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { revokeToken } from "./actions";

export const metadata: Metadata = { title: "Extension tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { actor, ctx } = await requirePageActor("/console/tokens");
  const { tokens } = await createCaller(ctx).auth.listExtensionTokens();
  const now = Date.now();
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Extension tokens"
        subtitle={
          actor.role === "admin"
            ? "All browser extensions connected to this workspace."
            : "Browser extensions you have connected."
        }
      />
      {tokens.length === 0 ? (
        <EmptyState title="No extension connected yet">
          Connect the Keel extension from its options page.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="token-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Label</th>
                <th className="px-4 py-3">User</th>
                <th className="px-4 py-3">Token</th>
                <th className="px-4 py-3">Created</th>
                <th className="px-4 py-3">Last used</th>
                <th className="px-4 py-3">Expires</th>
                <th className="px-4 py-3">State</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => {
                const state = t.revokedAt
                  ? "revoked"
                  : new Date(t.expiresAt).getTime() <= now
                    ? "expired"
                    : "active";
                return (
                  <tr key={t.id} data-testid="token-row" data-state={state}>
                    <td className="px-4 py-2 font-medium">{t.label}</td>
                    <td className="px-4 py-2">{t.userEmail}</td>
                    <td className="px-4 py-2 font-mono text-xs text-slate-500">{t.prefix}…</td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                      {formatDateTime(t.createdAt)}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                      {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                      {formatDateTime(t.expiresAt)}
                    </td>
                    <td className="px-4 py-2">
                      <Badge value={state === "active" ? "success" : "closed"} label={state} />
                    </td>
                    <td className="px-4 py-2 text-right">
                      {state === "active" ? (
                        <form action={revokeToken}>
                          <input type="hidden" name="tokenId" value={t.id} />
                          <button
                            type="submit"
                            className="rounded-md border border-rose-200 px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50"
                          >
                            Revoke
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
