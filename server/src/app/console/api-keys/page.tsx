import { API_KEY_EXPIRY_DAYS, API_KEY_SCOPE_INFO, API_KEY_SCOPES } from "@keel/shared";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { AppShell } from "~/components/app-shell";
import { ConfirmForm } from "~/components/confirm-form";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePagePermission } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { API_AUDIT_EXPORT_PATH } from "~/server/services/api-audit-export";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { CreateKeyForm } from "./create-key-form";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const { actor, ctx, allowed } = await requirePagePermission("/console/api-keys", "apiKey.manage");
  if (!allowed) {
    return (
      <AppShell actor={actor} area="console">
        <PageHeader title="API keys" />
        <EmptyState title="You cannot manage API keys">
          Your role ({actor.role}) does not include it. Ask an admin of {actor.tenant.name}.
        </EmptyState>
      </AppShell>
    );
  }
  const { keys } = await createCaller(ctx).apiKey.list();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const exportUrl = `${h.get("x-forwarded-proto") ?? "http"}://${host}${API_AUDIT_EXPORT_PATH}`;
  const now = Date.now();
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="API keys"
        subtitle={`Keys for servers that call Keel for ${actor.tenant.name} (for example a SIEM pulling the audit log). Each key is limited to its scopes and to this workspace.`}
      />
      <CreateKeyForm
        action={createApiKeyAction}
        scopes={API_KEY_SCOPES.map((id) => ({ id, ...API_KEY_SCOPE_INFO[id] }))}
        expiryDays={API_KEY_EXPIRY_DAYS}
        exportUrl={exportUrl}
      />
      <section className="mt-8" aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Keys
        </h2>
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">
            Create one above for each system that calls Keel, with only the scopes it needs.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="api-key-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-3">Name</th>
                  <th className="px-4 py-3">Key</th>
                  <th className="px-4 py-3">Scopes</th>
                  <th className="px-4 py-3">Created (UTC)</th>
                  <th className="px-4 py-3">Last used</th>
                  <th className="px-4 py-3">Expires</th>
                  <th className="px-4 py-3">State</th>
                  <th className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => {
                  const state = k.revokedAt
                    ? "revoked"
                    : k.expiresAt && new Date(k.expiresAt).getTime() <= now
                      ? "expired"
                      : "active";
                  return (
                    <tr key={k.id} data-testid="api-key-row" data-state={state} className="align-top">
                      <td className="px-4 py-2 font-medium">{k.name}</td>
                      <td className="px-4 py-2 font-mono text-xs text-slate-500">{k.prefix}…</td>
                      <td className="px-4 py-2">
                        <ul className="space-y-0.5">
                          {k.scopes.map((s) => (
                            <li key={s} className="font-mono text-xs">
                              {s}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                        {formatDateTime(k.createdAt)}
                        <span className="block text-xs">{k.createdBy ?? "a former member"}</span>
                      </td>
                      <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                        {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "never"}
                      </td>
                      <td className="whitespace-nowrap px-4 py-2 text-slate-500">
                        {k.expiresAt ? formatDateTime(k.expiresAt) : "never"}
                      </td>
                      <td className="px-4 py-2">
                        <Badge value={state === "active" ? "success" : "closed"} label={state} />
                        {k.revokedAt ? (
                          <span className="block text-xs text-slate-500">{formatDateTime(k.revokedAt)}</span>
                        ) : null}
                      </td>
                      <td className="px-4 py-2 text-right">
                        {state === "active" ? (
                          <ConfirmForm
                            action={revokeApiKeyAction.bind(null, k.id)}
                            label="Revoke"
                            question={`Revoke “${k.name}” (${k.prefix}…)? Calls made with it are refused from now on. This cannot be undone.`}
                            confirmLabel="Revoke key"
                            testId="api-key-revoke"
                          />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AppShell>
  );
}
