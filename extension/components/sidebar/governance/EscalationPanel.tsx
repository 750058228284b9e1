import { can, type TEscalationView, type TRole } from "@keel/shared";
import { useState } from "react";
import type { TEscalationAssessment } from "~lib/background/service";
import { confidencePercent, currentEscalation, ESCALATION_STATUS, triggerLabel } from "~lib/escalation-view";
import { formatDateTime, formatShortDateTime, titleCase } from "~lib/format";
import { actionTitle, STATUS_META, type TRequestStatus } from "~lib/request-view";
import type { TExtError } from "~lib/result";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { FormField, INPUT_CLASS } from "../../ui/FormField";
import { Notice } from "../../ui/Notice";
import { Chevron } from "./ActionsPanel";
import { FactList } from "./FactList";
import { SectionError, SectionHeading, SectionLoading } from "./SectionState";
import type { TGovernance } from "./useTicketGovernance";

/** Whether the rules say to hand off, the hand-off itself, and the bundle a human takes over with. */
type TEscalationPanelProps = {
  governance: TGovernance;
  role: TRole;
  /** Highlights a cited message in the page's conversation. */
  onShowMessage: (messageId: string) => void;
};

export function EscalationPanel({ governance, role, onShowMessage }: TEscalationPanelProps) {
  const { assessment, escalations } = governance;
  const escalation = escalations.data ? currentEscalation(escalations.data) : null;
  const active = escalation && escalation.status !== "resolved" ? escalation : null;

  return (
    <section data-testid="keel-escalation" aria-labelledby="keel-escalation-title" className="space-y-4">
      <SectionHeading id="keel-escalation-title">Escalation</SectionHeading>

      {!assessment.data && assessment.error ? (
        <SectionError error={assessment.error} onRetry={() => void governance.refreshEscalation()} />
      ) : null}
      {!assessment.data && !assessment.error ? (
        <SectionLoading label="Checking the escalation rules…" />
      ) : null}
      {assessment.data ? <Assessment assessment={assessment.data} /> : null}

      {escalations.error && !escalations.data ? (
        <SectionError error={escalations.error} onRetry={() => void governance.refreshEscalation()} />
      ) : null}
      {escalation ? (
        <Bundle escalation={escalation} role={role} take={governance.take} onShowMessage={onShowMessage} />
      ) : null}
      {escalations.data && !active ? (
        <HandOff escalate={governance.escalate} recommended={assessment.data?.escalate ?? false} />
      ) : null}
    </section>
  );
}

function Assessment({ assessment }: { assessment: TEscalationAssessment }) {
  const [showRules, setShowRules] = useState(false);
  const first = assessment.rules.find((r) => r.fired);
  const percent = confidencePercent(assessment.confidence);
  return (
    <div
      data-testid="keel-escalation-assessment"
      data-escalate={assessment.escalate ? "true" : "false"}
      data-trigger={assessment.trigger ?? ""}
      className={`rounded-xl p-3 ring-1 ring-inset ${assessment.escalate ? "bg-amber-50 ring-amber-200" : "bg-emerald-50 ring-emerald-200"}`}
    >
      <p
        className={`text-[13px] font-semibold ${assessment.escalate ? "text-amber-900" : "text-emerald-900"}`}
      >
        {assessment.escalate ? "A human should take this ticket" : "No hand-off needed"}
      </p>
      <p
        className={`mt-0.5 text-xs leading-relaxed ${assessment.escalate ? "text-amber-800" : "text-emerald-800"}`}
      >
        {first ? (
          <>
            First rule that fired:{" "}
            <span data-testid="keel-escalation-trigger" className="font-semibold">
              {triggerLabel(first.trigger)}
            </span>{" "}
            ({first.detail})
          </>
        ) : (
          "None of the escalation rules fired."
        )}
      </p>
      <div className="mt-2.5 flex items-center gap-2 text-[11px] text-slate-600">
        <span className="shrink-0">Confidence</span>
        <div
          aria-hidden="true"
          className="h-1.5 flex-1 overflow-hidden rounded-full bg-white/80 ring-1 ring-inset ring-slate-200"
        >
          <div className="h-full rounded-full bg-indigo-500" style={{ width: percent }} />
        </div>
        <span className="w-8 shrink-0 text-right font-semibold tabular-nums">{percent}</span>
      </div>
      <button
        type="button"
        onClick={() => setShowRules((v) => !v)}
        aria-expanded={showRules}
        aria-controls="keel-escalation-rules"
        data-testid="keel-escalation-rules-toggle"
        className="mt-2 flex items-center gap-1 rounded text-xs font-medium text-slate-700 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <Chevron open={showRules} />
        {showRules ? "Hide" : "Show"} all {assessment.rules.length} rules
      </button>
      {showRules ? (
        <ol id="keel-escalation-rules" className="mt-2 space-y-1.5" data-testid="keel-escalation-rules">
          {assessment.rules.map((rule) => (
            <li
              key={rule.trigger}
              data-testid="keel-escalation-rule"
              data-fired={rule.fired ? "true" : "false"}
              className="flex items-start gap-2 rounded-lg bg-white/80 px-2.5 py-1.5 text-xs ring-1 ring-inset ring-slate-200"
            >
              <span
                aria-hidden="true"
                className={`mt-1 h-2 w-2 shrink-0 rounded-full ${rule.fired ? "bg-amber-500" : "bg-slate-300"}`}
              />
              <span className="min-w-0">
                <span className="font-medium text-slate-800">{triggerLabel(rule.trigger)}</span>
                <span className="sr-only">{rule.fired ? " (fired)" : " (did not fire)"}</span>
                {rule === first ? (
                  <span className="ml-1 rounded bg-amber-100 px-1 text-[10px] font-semibold uppercase text-amber-800">
                    trigger
                  </span>
                ) : null}
                <span className="block text-slate-500">{rule.detail}</span>
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function HandOff({ escalate, recommended }: { escalate: TGovernance["escalate"]; recommended: boolean }) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TExtError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await escalate(note);
    setBusy(false);
    if (result && !result.ok) setError(result.error);
    else setNote("");
  };
  return (
    <div className="space-y-2.5 rounded-xl border border-slate-200 bg-white p-3">
      <p className="text-xs leading-relaxed text-slate-600">
        Hand the ticket to a supervisor with everything Keel knows: the customer's request, the facts, what
        was done and why.
      </p>
      <FormField label="Message for the human (optional)" name="escalationNote">
        {(c) => (
          <textarea
            {...c}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className={`${INPUT_CLASS} resize-y`}
          />
        )}
      </FormField>
      {error ? (
        <Notice tone="error" size="sm" testId="keel-escalate-error">
          {error.message}
        </Notice>
      ) : null}
      <div className="flex justify-end">
        <Button
          size="sm"
          variant={recommended ? "primary" : "secondary"}
          busy={busy}
          onClick={() => void submit()}
          data-testid="keel-escalate"
        >
          Hand off to a human
        </Button>
      </div>
    </div>
  );
}

type TSource = TEscalationView["bundle"]["citedSources"][number];
const uniqueSources = (sources: readonly TSource[]) =>
  sources.filter((s, i) => sources.findIndex((o) => o.kind === s.kind && o.id === s.id) === i);

type TBundleProps = {
  escalation: TEscalationView;
  role: TRole;
  take: TGovernance["take"];
  onShowMessage: (messageId: string) => void;
};

function Bundle({ escalation, role, take, onShowMessage }: TBundleProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TExtError | null>(null);
  const { bundle } = escalation;
  const status = ESCALATION_STATUS[escalation.status];
  const canTake = can(role, "escalation.take").allowed && escalation.status === "open";

  const takeOver = async () => {
    setBusy(true);
    setError(null);
    const result = await take(escalation.id);
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <article
      data-testid="keel-escalation-bundle"
      data-status={escalation.status}
      data-escalation-id={escalation.id}
      aria-labelledby="keel-bundle-title"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-3"
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h4 id="keel-bundle-title" className="text-[13px] font-semibold text-slate-900">
            Hand-off bundle
          </h4>
          <p className="text-[11px] text-slate-500">
            By {escalation.createdBy ?? "Keel"} ·{" "}
            <time dateTime={escalation.createdAt} title={formatDateTime(escalation.createdAt)}>
              {formatShortDateTime(escalation.createdAt, new Date())}
            </time>
            {escalation.takenBy ? ` · taken by ${escalation.takenBy}` : ""}
          </p>
        </div>
        <Badge tone={status.tone} dot testId="keel-escalation-status">
          {status.label}
        </Badge>
      </div>

      <div className="rounded-lg bg-amber-50 px-3 py-2 text-xs ring-1 ring-inset ring-amber-200">
        <p className="font-semibold text-amber-900" data-testid="keel-bundle-trigger">
          {triggerLabel(bundle.trigger)}
        </p>
        <p className="mt-0.5 text-amber-800">{bundle.triggerDetail}</p>
      </div>

      <div>
        <h5 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          Customer's request
        </h5>
        <blockquote className="mt-1 border-l-2 border-indigo-200 pl-2.5 text-xs leading-relaxed text-slate-700">
          {bundle.customerRequest}
        </blockquote>
      </div>

      <div>
        <h5 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Facts</h5>
        <div className="mt-1">
          <FactList
            facts={[...bundle.facts, { label: "Confidence", value: confidencePercent(bundle.confidence) }]}
            testId="keel-bundle-facts"
            stacked
          />
        </div>
      </div>

      <div>
        <h5 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Actions taken</h5>
        {bundle.actionsTaken.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">None yet.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {bundle.actionsTaken.map((a) => {
              const meta = STATUS_META[a.status as TRequestStatus];
              return (
                <li key={`${a.actionId}-${a.at}`} className="flex items-center gap-2 text-xs">
                  <span className="min-w-0 flex-1 truncate text-slate-800">{actionTitle(a.actionId)}</span>
                  {meta ? (
                    <Badge tone={meta.tone}>{meta.label}</Badge>
                  ) : (
                    <Badge tone="neutral">{a.status}</Badge>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>

      <div>
        <h5 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Sources</h5>
        {bundle.citedSources.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">No sources cited.</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-1">
            {uniqueSources(bundle.citedSources).map((s) => (
              <li key={`${s.kind}-${s.id}`} data-testid="keel-bundle-source" data-kind={s.kind}>
                {s.kind === "message" ? (
                  <button
                    type="button"
                    onClick={() => onShowMessage(s.id)}
                    title="Show this message in the conversation"
                    className="rounded bg-sky-50 px-1.5 py-0.5 text-[11px] font-medium text-sky-700 ring-1 ring-inset ring-sky-200 hover:bg-sky-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
                  >
                    {titleCase(s.label)}
                  </button>
                ) : (
                  <span className="inline-block rounded bg-violet-50 px-1.5 py-0.5 text-[11px] font-medium text-violet-700 ring-1 ring-inset ring-violet-200">
                    Article: {s.label}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      {error ? (
        <Notice tone="error" size="sm" testId="keel-escalation-take-error">
          {error.message}
        </Notice>
      ) : null}
      {canTake ? (
        <div className="flex justify-end">
          <Button size="sm" busy={busy} onClick={() => void takeOver()} data-testid="keel-escalation-take">
            Take over
          </Button>
        </div>
      ) : null}
    </article>
  );
}
