import type { ReactNode } from "react";
import type { TConnectedStatus } from "~lib/connection";
import { formatDateTime, formatExpiresIn, titleCase } from "~lib/format";
import { Button } from "../ui/Button";

type TConnectedViewProps = { status: TConnectedStatus; signingOut: boolean; onSignOut: () => void };

function Row({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd data-testid={testId} className="col-span-2 min-w-0 break-words text-sm text-slate-900">
        {children}
      </dd>
    </div>
  );
}

export function ConnectedView({ status, signingOut, onSignOut }: TConnectedViewProps) {
  return (
    <section data-testid="keel-connected" aria-labelledby="keel-connected-title" className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <h2 id="keel-connected-title" className="text-lg font-semibold tracking-tight text-slate-900">
          Connected
        </h2>
        <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2.5 py-1 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">
          <span className="h-1.5 w-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
          Active
        </span>
      </div>
      <dl className="divide-y divide-slate-100 border-y border-slate-100">
        <Row label="User" testId="keel-connected-user">
          <span className="font-medium">{status.user.name}</span>
          <span className="block text-slate-500">{status.user.email}</span>
        </Row>
        <Row label="Tenant" testId="keel-connected-tenant">
          <span className="font-medium">{status.tenant.name}</span>
          <span className="block text-slate-500">{status.tenant.slug}</span>
        </Row>
        <Row label="Role" testId="keel-connected-role">
          {titleCase(status.role)}
        </Row>
        <Row label="Server" testId="keel-connected-server">
          {status.serverUrl}
        </Row>
        <Row label="Token expires" testId="keel-connected-expires">
          <time dateTime={status.expiresAt}>{formatDateTime(status.expiresAt)}</time>
          <span className="block text-slate-500">{formatExpiresIn(status.expiresAt, new Date())}</span>
        </Row>
      </dl>
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500">Signing out revokes this browser's token on the server.</p>
        <Button variant="danger" busy={signingOut} onClick={onSignOut} data-testid="keel-sign-out">
          {signingOut ? "Signing out…" : "Sign out"}
        </Button>
      </div>
    </section>
  );
}
