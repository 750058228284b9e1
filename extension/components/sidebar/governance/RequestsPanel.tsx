import type { TActionRequestView, TTicketContext } from "@keel/shared";
import { useRef, useState } from "react";
import { approverRoles } from "~lib/action-catalog";
import { formatDateTime, formatShortDateTime } from "~lib/format";
import {
  actionTitle,
  approvalProgress,
  describeRequest,
  paramFacts,
  resultSummary,
  STATUS_META,
} from "~lib/request-view";
import type { TExtError } from "~lib/result";
import { Badge, RiskBadge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { FormField, INPUT_CLASS } from "../../ui/FormField";
import { Notice } from "../../ui/Notice";
import { FactList } from "./FactList";
import { SectionEmpty, SectionError, SectionHeading, SectionLoading } from "./SectionState";
import type { TGovernance } from "./useTicketGovernance";

/** Approvals waiting for the caller (supervisors and admins), then every request on the ticket. */
export function RequestsPanel({ governance }: { governance: TGovernance }) {
  const context = governance.context.data;
  return (
    <div className="space-y-6">
      {context?.canApprove ? <ApprovalsSection governance={governance} context={context} /> : null}
      <RequestsSection governance={governance} context={context} />
    </div>
  );
}

function StatusBadge({ status }: { status: TActionRequestView["status"] }) {
  const meta = STATUS_META[status];
  return (
    <Badge
      tone={meta.tone}
      dot
      pulse={status === "pending_approval" || status === "executing"}
      testId="keel-request-status"
    >
      {meta.label}
    </Badge>
  );
}

function RequestsSection({
  governance,
  context,
}: {
  governance: TGovernance;
  context: TTicketContext | null;
}) {
  const { requests } = governance;
  const list = requests.data;
  return (
    <section data-testid="keel-requests" aria-labelledby="keel-requests-title" className="space-y-2">
      <SectionHeading
        id="keel-requests-title"
        aside={
          governance.polling ? (
            <span
              data-testid="keel-requests-live"
              className="flex items-center gap-1.5 text-[11px] font-medium text-slate-500"
              title="Checking for updates every 3 seconds while a request is pending"
            >
              <span
                aria-hidden="true"
                className="h-1.5 w-1.5 animate-keel-pulse rounded-full bg-emerald-500"
              />
              Live
            </span>
          ) : null
        }
      >
        Requests on this ticket
      </SectionHeading>
      {!list && requests.error ? (
        <SectionError error={requests.error} onRetry={() => void governance.refreshRequests()} />
      ) : null}
      {!list && !requests.error ? <SectionLoading label="Loading requests…" /> : null}
      {list && list.length === 0 ? (
        <SectionEmpty testId="keel-requests-empty">
          No actions have been requested on this ticket yet.
        </SectionEmpty>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="space-y-2">
          {list.map((r) => (
            <RequestRow key={r.id} view={r} context={context} />
          ))}
        </ul>
      ) : null}
      {list && requests.error ? (
        <p role="alert" className="text-xs text-red-700">
          Could not refresh: {requests.error.message}
        </p>
      ) : null}
    </section>
  );
}

function RequestRow({ view, context }: { view: TActionRequestView; context: TTicketContext | null }) {
  const result = view.status === "executed" ? resultSummary(view.result, context) : "";
  const rejection = view.approvals.find((a) => a.decision === "reject");
  return (
    <li
      data-testid="keel-request"
      data-status={view.status}
      data-action-id={view.actionId}
      data-request-id={view.id}
      className="rounded-xl border border-slate-200 bg-white px-3 py-2.5"
    >
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 text-[13px] font-semibold leading-5 text-slate-900">
          {actionTitle(view.actionId)}
        </p>
        <StatusBadge status={view.status} />
      </div>
      <p className="mt-0.5 break-words text-xs leading-snug text-slate-700">
        {describeRequest(view.actionId, view.params, context)}
      </p>
      {view.status === "pending_approval" ? (
        <p className="mt-1 text-xs text-amber-800">
          Waiting for {approverRoles()} · {approvalProgress(view)}
        </p>
      ) : null}
      {view.status === "denied" ? (
        <p className="mt-1 text-xs text-red-700">{view.decision.reasons.join(" ")}</p>
      ) : null}
      {rejection ? (
        <p className="mt-1 text-xs text-red-700">
          Rejected by {rejection.approverName}: “{rejection.reason}”
        </p>
      ) : null}
      {view.error ? <p className="mt-1 break-words text-xs text-red-700">{view.error}</p> : null}
      {result ? <p className="mt-1 text-xs text-emerald-800">{result}</p> : null}
      <p className="mt-1.5 text-[11px] text-slate-400">
        {view.requestedBy.name} ·{" "}
        <time dateTime={view.createdAt} title={formatDateTime(view.createdAt)}>
          {formatShortDateTime(view.createdAt, new Date())}
        </time>
        {view.executedAt ? ` · ran ${formatShortDateTime(view.executedAt, new Date())}` : ""}
      </p>
    </li>
  );
}

function ApprovalsSection({ governance, context }: { governance: TGovernance; context: TTicketContext }) {
  const { approvals } = governance;
  const list = approvals.data;
  return (
    <section data-testid="keel-approvals" aria-labelledby="keel-approvals-title" className="space-y-2">
      <SectionHeading
        id="keel-approvals-title"
        aside={list && list.length > 0 ? <Badge tone="warning">{list.length} waiting</Badge> : null}
      >
        Waiting for your approval
      </SectionHeading>
      {!list && approvals.error ? (
        <SectionError error={approvals.error} onRetry={() => void governance.refreshRequests()} />
      ) : null}
      {!list && !approvals.error ? <SectionLoading label="Loading approvals…" /> : null}
      {list && list.length === 0 ? (
        <SectionEmpty testId="keel-approvals-empty">
          Nothing on this ticket waits for your approval.
        </SectionEmpty>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="space-y-3">
          {list.map((r) => (
            <ApprovalCard key={r.id} view={r} context={context} decide={governance.decide} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type TApprovalCardProps = {
  view: TActionRequestView;
  context: TTicketContext;
  decide: TGovernance["decide"];
};

/** One request to approve, with everything needed to decide, and a reason for the decision. */
function ApprovalCard({ view, context, decide }: TApprovalCardProps) {
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<TExtError | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (decision: "approve" | "reject") => {
    if (reason.trim().length < 3) {
      setReasonError("Give a reason (at least 3 characters)");
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(decision);
    setError(null);
    const result = await decide(view.id, decision, reason.trim());
    setBusy(null);
    if (!result.ok) setError(result.error);
  };

  return (
    <li
      data-testid="keel-approval"
      data-request-id={view.id}
      data-action-id={view.actionId}
      className="space-y-2.5 rounded-xl border border-amber-200 bg-amber-50/50 p-3"
    >
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 text-[13px] font-semibold leading-5 text-slate-900">
          {actionTitle(view.actionId)}
        </p>
        <RiskBadge risk={view.risk} suffix=" risk" />
      </div>
      <p className="text-[13px] leading-snug text-slate-800">
        {describeRequest(view.actionId, view.params, context)}
      </p>
      <FactList
        facts={[
          ...paramFacts(view.params, context),
          { label: "Requested by", value: `${view.requestedBy.name} (${view.requestedBy.email})` },
          { label: "Requested", value: formatDateTime(view.createdAt) },
          ...(view.expiresAt ? [{ label: "Expires", value: formatDateTime(view.expiresAt) }] : []),
          { label: "Approvals", value: approvalProgress(view) },
        ]}
      />
      <div className="text-xs text-slate-600">
        <p className="font-medium text-slate-700">Why it needs approval</p>
        <ul className="mt-0.5 list-disc pl-4">
          {view.decision.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {view.approvals.length > 0 ? (
          <ul className="mt-1.5 space-y-0.5">
            {view.approvals.map((a) => (
              <li key={`${a.approverName}-${a.createdAt}`}>
                {a.approverName} {a.decision === "approve" ? "approved" : "rejected"}: “{a.reason}”
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <FormField label="Justification" error={reasonError} name="decisionReason">
        {(c) => (
          <textarea
            {...c}
            ref={reasonRef}
            rows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (reasonError) setReasonError(undefined);
            }}
            placeholder="e.g. Damage confirmed by photos"
            className={`${INPUT_CLASS} resize-y`}
          />
        )}
      </FormField>
      {error ? (
        <Notice tone="error" size="sm" testId="keel-approval-error">
          {error.message}
          <span className="mt-0.5 block font-mono text-[11px] opacity-75">{error.code}</span>
        </Notice>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button
          size="sm"
          variant="danger"
          busy={busy === "reject"}
          disabled={busy !== null}
          onClick={() => void submit("reject")}
          data-testid="keel-reject"
        >
          Reject
        </Button>
        <Button
          size="sm"
          busy={busy === "approve"}
          disabled={busy !== null}
          onClick={() => void submit("approve")}
          data-testid="keel-approve"
        >
          Approve
        </Button>
      </div>
    </li>
  );
}
