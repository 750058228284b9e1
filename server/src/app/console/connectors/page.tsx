import { CONNECTOR_INFO } from "@keel/shared";
import type { Metadata } from "next";
import { AppShell } from "~/components/app-shell";
import { ConfirmForm } from "~/components/confirm-form";
import { Badge, EmptyState, formatDateTime, PageHeader } from "~/components/ui";
import { requirePagePermission } from "~/server/page-auth";
import { createCaller } from "~/server/routers";
import { getKeyring } from "~/server/services/secret-box";
import { deleteCredentialAction, setCredentialAction } from "./actions";
import { CredentialForm } from "./credential-form";

export const metadata: Metadata = { title: "Connectors" };
export const dynamic = "force-dynamic";

/** What the page says about the encryption key: nothing when a real key is configured. */
function keyNotice(): { tone: "warn" | "error"; text: string } | null {
  try {
    const keyring = getKeyring();
    if (!keyring.current)
      return {
        tone: "error",
        text: "KEEL_ENCRYPTION_KEY is not set on the server, so credentials cannot be saved. Set it to 32 random bytes (base64 or hex) and restart.",
      };
    if (keyring.development)
      return {
        tone: "warn",
        text: "Credentials are encrypted with a development key derived from the server's configuration. Set KEEL_ENCRYPTION_KEY before going to production.",
      };
    return null;
  } catch (error) {
    return { tone: "error", text: error instanceof Error ? error.message : "The encryption key is invalid." };
  }
}

export default async function ConnectorsPage() {
  const { actor, ctx, allowed } = await requirePagePermission("/console/connectors", "connector.manage");
  if (!allowed) {
    return (
      <AppShell actor={actor} area="console">
        <PageHeader title="Connectors" />
        <EmptyState title="You cannot manage connector credentials">
          Your role ({actor.role}) does not include it. Ask an admin of {actor.tenant.name}.
        </EmptyState>
      </AppShell>
    );
  }
  const { connectors } = await createCaller(ctx).connector.listCredentials();
  const notice = keyNotice();
  return (
    <AppShell actor={actor} area="console">
      <PageHeader
        title="Connectors"
        subtitle="Credentials Keel uses to reach your helpdesk. Secrets are encrypted at rest and never shown again: only the last four characters, to recognise them."
      />
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "note"}
          className={`mb-6 rounded-xl border p-4 text-sm ${notice.tone === "error" ? "border-rose-300 bg-rose-50 text-rose-800" : "border-amber-300 bg-amber-50 text-amber-900"}`}
          data-testid="encryption-key-notice"
        >
          {notice.text}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {connectors.map((c) => {
          const info = CONNECTOR_INFO[c.connector];
          return (
            <section
              key={c.connector}
              aria-labelledby={`${c.connector}-heading`}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="connector-card"
              data-connector={c.connector}
              data-configured={c.configured ? "true" : "false"}
            >
              <div className="flex items-start justify-between gap-3">
                <h2 id={`${c.connector}-heading`} className="font-semibold text-slate-900">
                  {info.title}
                </h2>
                <Badge value={c.configured ? "success" : "closed"} label={c.configured ? "set" : "not set"} />
              </div>
              {c.configured ? (
                <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-500">Base URL</dt>
                  <dd className="break-all font-mono text-xs text-slate-800">{c.baseUrl}</dd>
                  <dt className="text-slate-500">{info.secretLabel}</dt>
                  <dd className="font-mono text-xs text-slate-800">
                    <span aria-hidden="true">••••••••</span>
                    <span className="sr-only">ending in </span>
                    {c.hint}
                  </dd>
                  <dt className="text-slate-500">Updated</dt>
                  <dd className="text-slate-700">
                    {c.updatedAt ? formatDateTime(c.updatedAt) : ""}{" "}
                    <span className="text-xs text-slate-400">(key {c.keyId})</span>
                  </dd>
                </dl>
              ) : (
                <p className="mt-2 text-sm text-slate-500">
                  No credential yet. Keel cannot reach this helpdesk.
                </p>
              )}
              <details className="mt-4" open={!c.configured}>
                <summary className="cursor-pointer text-sm font-medium text-indigo-700">
                  {c.configured ? "Replace the credential" : "Set the credential"}
                </summary>
                <div className="mt-3">
                  <CredentialForm
                    connector={c.connector}
                    configured={c.configured}
                    baseUrl={c.baseUrl}
                    baseUrlExample={info.baseUrlExample}
                    secretLabel={info.secretLabel}
                    action={setCredentialAction.bind(null, c.connector)}
                  />
                </div>
              </details>
              {c.configured ? (
                <div className="mt-4 flex justify-end border-t border-slate-100 pt-3">
                  <ConfirmForm
                    action={deleteCredentialAction.bind(null, c.connector)}
                    label="Delete credential"
                    question={`Delete the ${info.title} credential? Keel stops reaching ${c.baseUrl ?? "this helpdesk"} until a new one is set.`}
                    confirmLabel="Delete"
                    testId={`connector-delete-${c.connector}`}
                  />
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
    </AppShell>
  );
}
