import { ACTIONS, type TActionId, type TActionRequestView } from "@keel/shared";
import { Badge, formatDateTime } from "./ui";

/** Parameters of a request in human form (ids stay visible: approvers must see what they approve). */
export function ParamsList({ params }: { params: Record<string, unknown> }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {Object.entries(params).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-500">{key}</dt>
          <dd className="break-all font-mono text-xs text-slate-800">
            {Array.isArray(value) ? value.join(", ") : String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One governed request with its decision, approvals and outcome. */
export function RequestSummary({ request }: { request: TActionRequestView }) {
  const def = ACTIONS[request.actionId as TActionId];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-900">{def?.title ?? request.actionId}</span>
        <Badge
          value={request.risk === "high" ? "urgent" : request.risk === "medium" ? "high" : "low"}
          label={`${request.risk} risk`}
        />
        <Badge
          value={
            request.status === "executed"
              ? "success"
              : request.status === "pending_approval"
                ? "pending"
                : "denied"
          }
          label={request.status.replace("_", " ")}
        />
        <span className="text-xs text-slate-500">
          requested by {request.requestedBy.name} · {formatDateTime(request.createdAt)}
        </span>
      </div>
      {request.targetLabel ? (
        <p className="text-sm text-slate-800" data-testid="request-target">
          <span className="text-slate-500">Target: </span>
          {request.targetLabel}
        </p>
      ) : null}
      <ParamsList params={request.params} />
      <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
        <p>
          <span className="font-medium text-slate-700">Decision:</span>{" "}
          {request.decision.effect.replace("_", " ")} · mode {request.decision.mode.replaceAll("_", " ")} ·{" "}
          {request.decision.approvalsRequired} approval(s) required · rollout {request.decision.rolloutMode} ·
          policy {request.decision.policyVersion ?? "default"}
        </p>
        {request.decision.reasons.length ? (
          <p className="mt-1">
            {request.decision.reasons.map((r) => (/[.!?]$/.test(r) ? r : `${r}.`)).join(" ")}
          </p>
        ) : null}
        {request.decision.ruleIds.length ? (
          <p className="mt-1 font-mono text-[11px] text-slate-400">
            rules: {request.decision.ruleIds.join(", ")}
          </p>
        ) : null}
      </div>
      {request.approvals.length ? (
        <ul className="space-y-1 text-xs text-slate-600">
          {request.approvals.map((a) => (
            <li key={`${a.approverName}-${a.createdAt}`}>
              <span className="font-medium">{a.approverName}</span>{" "}
              {a.decision === "approve" ? "approved" : "rejected"}: {a.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {request.error ? <p className="text-sm text-rose-700">{request.error}</p> : null}
      {request.result ? (
        <p className="text-xs text-emerald-700">
          Result:{" "}
          {Object.entries(request.result)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
