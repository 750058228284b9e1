import type { TTicketContext } from "@keel/shared";
import { useMemo, useRef, useState } from "react";
import { requestableActions, type TWriteActionId } from "~lib/action-catalog";
import { Badge, RiskBadge } from "../../ui/Badge";
import { ActionForm } from "./ActionForm";
import { SectionEmpty, SectionError, SectionHeading, SectionLoading } from "./SectionState";
import type { TGovernance } from "./useTicketGovernance";

const ROLLOUT: Record<TTicketContext["rolloutMode"], { label: string; note: string }> = {
  assistive: { label: "Assistive mode", note: "Nothing runs until you confirm it." },
  controlled: { label: "Controlled automation", note: "Some low-risk actions may run on their own." },
  scale: { label: "Scale mode", note: "Allowed actions run as soon as you confirm." },
};

export function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="currentColor"
      aria-hidden="true"
      className={`h-4 w-4 shrink-0 text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}
    >
      <path
        fillRule="evenodd"
        d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

/** The catalog's write actions the caller may request, by risk band; each opens its form in place. */
export function ActionsPanel({ governance }: { governance: TGovernance }) {
  const { context } = governance;
  const [open, setOpen] = useState<TWriteActionId | null>(null);
  const rowButtons = useRef(new Map<string, HTMLButtonElement>());
  const close = (id: TWriteActionId) => {
    setOpen(null);
    rowButtons.current.get(id)?.focus();
  };
  const groups = useMemo(() => (context.data ? requestableActions(context.data.modes) : []), [context.data]);
  const rollout = context.data ? ROLLOUT[context.data.rolloutMode] : null;

  return (
    <section data-testid="keel-actions" aria-labelledby="keel-actions-title" className="space-y-4">
      <div>
        <SectionHeading
          id="keel-actions-title"
          aside={
            rollout ? (
              <Badge tone="progress" testId="keel-rollout-mode">
                {rollout.label}
              </Badge>
            ) : null
          }
        >
          Actions
        </SectionHeading>
        {rollout ? (
          <p className="mt-1 text-xs text-slate-500">{rollout.note} The server decides every request.</p>
        ) : null}
      </div>

      {!context.data && context.error ? (
        <SectionError error={context.error} onRetry={() => void governance.refreshAll()} />
      ) : null}
      {!context.data && !context.error ? <SectionLoading label="Loading what you can do here…" /> : null}
      {context.data && groups.length === 0 ? (
        <SectionEmpty testId="keel-actions-empty">Your role can't request actions on tickets.</SectionEmpty>
      ) : null}

      {context.data
        ? groups.map((group) => (
            <div key={group.risk} data-testid="keel-action-group" data-risk={group.risk}>
              <div className="mb-1.5 flex items-center gap-2">
                <RiskBadge risk={group.risk} suffix=" risk" />
                <span className="text-[11px] text-slate-400">
                  {group.actions.length} {group.actions.length === 1 ? "action" : "actions"}
                </span>
              </div>
              <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
                {group.actions.map((action) => {
                  const isOpen = open === action.id;
                  return (
                    <li key={action.id}>
                      <button
                        ref={(el) => {
                          if (el) rowButtons.current.set(action.id, el);
                          else rowButtons.current.delete(action.id);
                        }}
                        type="button"
                        data-testid={`keel-action-${action.id}`}
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? `keel-action-form-${action.id}` : undefined}
                        onClick={() => setOpen(isOpen ? null : action.id)}
                        className={`flex w-full items-center gap-2 px-3 py-2 text-left transition-colors hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${isOpen ? "bg-slate-50" : ""}`}
                      >
                        <span className="min-w-0 flex-1">
                          <span className="flex items-center gap-2">
                            <span className="truncate text-[13px] font-medium text-slate-900">
                              {action.title}
                            </span>
                            {action.needsApproval ? (
                              <Badge tone="warning" testId="keel-needs-approval">
                                needs approval
                              </Badge>
                            ) : null}
                          </span>
                          <span className="block truncate text-xs text-slate-500" title={action.description}>
                            {action.description}
                          </span>
                        </span>
                        <Chevron open={isOpen} />
                      </button>
                      {isOpen ? (
                        <ActionForm
                          entry={action}
                          context={context.data as TTicketContext}
                          governance={governance}
                          onClose={() => close(action.id)}
                        />
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))
        : null}
    </section>
  );
}
