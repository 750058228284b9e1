import { useState } from "react";
import type { TConnectedStatus } from "~lib/connection";
import { callBackground } from "~lib/messages";
import { KeelMark } from "../ui/KeelMark";
import { Notice } from "../ui/Notice";
import { Spinner } from "../ui/Spinner";
import { usePublicStatus } from "../usePublicStatus";
import { ConnectedView } from "./ConnectedView";
import { ConnectForm } from "./ConnectForm";

type TFlash = { tone: "success" | "warning" | "error"; text: string };

export function OptionsPage() {
  // verify: ask the server whether the stored token still works (a revoked one signs the page out).
  const { status, error, refresh } = usePublicStatus({ verify: true });
  const [connected, setConnected] = useState<TConnectedStatus | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [flash, setFlash] = useState<TFlash | null>(null);

  // The storage mirror is the source of truth; `connected` only bridges the moment before it arrives.
  const current = status && !status.connected ? status : (connected ?? status);

  async function signOut() {
    setSigningOut(true);
    setFlash(null);
    const result = await callBackground("disconnect", {});
    setFlash(
      result.ok
        ? { tone: result.data.revokedOnServer ? "success" : "warning", text: result.data.message }
        : { tone: "error", text: result.error.message },
    );
    setConnected(null);
    setSigningOut(false);
    await refresh();
  }

  return (
    <main className="min-h-screen bg-slate-50 px-4 py-12 font-sans text-slate-800 antialiased sm:py-16">
      <div className="mx-auto w-full max-w-md">
        <header className="mb-8 flex items-center gap-3">
          <KeelMark className="h-10 w-10" />
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">Keel copilot</h1>
            <p className="text-sm text-slate-500">A governed AI copilot in your helpdesk</p>
          </div>
        </header>

        <div className="space-y-4">
          {flash ? (
            <Notice tone={flash.tone} testId="keel-signout-message">
              {flash.text}
            </Notice>
          ) : null}
          {current && !current.connected && current.notice && !flash ? (
            <Notice tone="warning" testId="keel-notice">
              {current.notice}
            </Notice>
          ) : null}
          {error ? (
            <Notice tone="error" testId="keel-status-error">
              {error.message}
            </Notice>
          ) : null}

          <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
            {!current ? (
              <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
                <Spinner className="h-4 w-4 text-indigo-600" /> Loading…
              </p>
            ) : current.connected ? (
              <ConnectedView status={current} signingOut={signingOut} onSignOut={signOut} />
            ) : (
              <ConnectForm
                initialServerUrl={current.lastServerUrl}
                onConnected={(next) => {
                  setFlash(null);
                  setConnected(next);
                }}
              />
            )}
          </div>

          <p className="px-1 text-xs leading-relaxed text-slate-500">
            The Keel sidebar appears on ticket pages of your helpdesk. Press{" "}
            <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px]">Alt</kbd>+
            <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px]">K</kbd> to
            show or hide it.
          </p>
        </div>
      </div>
    </main>
  );
}
