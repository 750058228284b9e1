import { formatExpiresIn, titleCase } from "~lib/format";
import { Button } from "./ui/Button";
import { KeelMark } from "./ui/KeelMark";
import { Spinner } from "./ui/Spinner";
import { usePublicStatus } from "./usePublicStatus";

function openOptions() {
  void chrome.runtime.openOptionsPage();
  window.close();
}

/** The toolbar popup: connection status at a glance and a way to the options page. */
export function PopupView() {
  const { status, error } = usePublicStatus();

  return (
    <main className="w-80 bg-white p-4 font-sans text-slate-800 antialiased">
      <header className="flex items-center gap-2.5">
        <KeelMark className="h-7 w-7" />
        <h1 className="text-base font-semibold tracking-tight text-slate-900">Keel copilot</h1>
      </header>

      <div
        data-testid="keel-popup-status"
        data-connected={status ? String(status.connected) : undefined}
        className="mt-4 rounded-xl bg-slate-50 p-3 ring-1 ring-inset ring-slate-200"
      >
        {error ? (
          <p className="text-sm text-red-700">{error.message}</p>
        ) : !status ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
            <Spinner className="h-4 w-4 text-indigo-600" /> Checking…
          </p>
        ) : status.connected ? (
          <div className="space-y-1 text-sm">
            <p className="flex items-center gap-2 font-medium text-slate-900">
              <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true" />
              Connected
            </p>
            <p className="break-words text-slate-700">
              {status.user.name} <span className="text-slate-500">({status.user.email})</span>
            </p>
            <p className="text-slate-600">
              {status.tenant.name} · {titleCase(status.role)}
            </p>
            <p className="break-all text-xs text-slate-500">{status.serverUrl}</p>
            <p className="text-xs text-slate-500">
              Token expires {formatExpiresIn(status.expiresAt, new Date())}
            </p>
          </div>
        ) : (
          <div className="space-y-1 text-sm">
            <p className="flex items-center gap-2 font-medium text-slate-900">
              <span className="h-2 w-2 rounded-full bg-slate-400" aria-hidden="true" />
              Not connected
            </p>
            <p className="text-slate-600">
              {status.notice ?? "Sign in to see ticket summaries in your helpdesk."}
            </p>
          </div>
        )}
      </div>

      <Button className="mt-3 w-full" onClick={openOptions} data-testid="keel-popup-open-options">
        {status?.connected ? "Manage connection" : "Connect"}
      </Button>
    </main>
  );
}
