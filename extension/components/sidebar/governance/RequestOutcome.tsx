import type { TActionRequestView, TTicketContext } from "@keel/shared";
import { approvalsNeededText } from "~lib/action-catalog";
import { formatDateTime } from "~lib/format";
import { approvalProgress, resultFacts, STATUS_META } from "~lib/request-view";
import { TONE_CLASSES } from "../../ui/Badge";
import { Spinner } from "../../ui/Spinner";
import { FactList } from "./FactList";

const HEADLINE: Record<TActionRequestView["status"], string> = {
  executed: "Done",
  pending_approval: "Waiting for approval",
  approved: "Approved, running now",
  executing: "Running",
  denied: "Denied",
  rejected: "Rejected",
  failed: "Failed",
  expired: "Expired before approval",
  void: "Void",
};

/** The server's answer to a request, as it is now: executed, waiting, denied, failed… */
export function RequestOutcome({
  view,
  context,
}: {
  view: TActionRequestView;
  context: TTicketContext | null;
}) {
  const meta = STATUS_META[view.status];
  const rejection = view.approvals.find((a) => a.decision === "reject");
  return (
    <div
      data-testid="keel-action-outcome"
      data-status={view.status}
      data-request-id={view.id}
      className={`rounded-lg px-3 py-2.5 text-[13px] ring-1 ring-inset ${TONE_CLASSES[meta.tone]}`}
    >
      <p className="flex items-center gap-1.5 font-semibold">
        {view.status === "executing" || view.status === "approved" ? (
          <Spinner className="h-3.5 w-3.5" />
        ) : null}
        {HEADLINE[view.status]}
        <span className="ml-auto text-[11px] font-medium opacity-75">{meta.label}</span>
      </p>

      {view.status === "pending_approval" ? (
        <div className="mt-1 space-y-1 text-xs leading-relaxed">
          <p>
            Needs {approvalsNeededText(view.decision.approvalsRequired)}
            {view.approvals.length > 0 ? ` (${approvalProgress(view)} so far)` : ""}. This updates by itself
            when someone decides.
          </p>
          {view.expiresAt ? <p className="opacity-80">Expires {formatDateTime(view.expiresAt)}.</p> : null}
        </div>
      ) : null}

      {view.status === "denied" || view.status === "pending_approval" ? (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-4 text-xs" data-testid="keel-decision-reasons">
          {view.decision.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}

      {view.status === "rejected" && rejection ? (
        <p className="mt-1 text-xs">
          {rejection.approverName}: “{rejection.reason}”
        </p>
      ) : null}

      {view.error ? (
        <p className="mt-1 break-words text-xs" data-testid="keel-request-error">
          {view.error}
        </p>
      ) : null}

      {view.status === "executed" ? (
        <div className="mt-2">
          <FactList facts={resultFacts(view.result, context)} testId="keel-action-result" />
        </div>
      ) : null}
    </div>
  );
}
