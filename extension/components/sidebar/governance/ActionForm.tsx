import { QUEUES, type TActionRequestView, TICKET_STATUSES, type TTicketContext } from "@keel/shared";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { type TCatalogEntry, whatHappensText } from "~lib/action-catalog";
import {
  checkActionForm,
  FIELD_LABEL,
  FORM_FIELDS,
  formWarnings,
  initialValues,
  parseTags,
  refundableAmount,
  selectableOrders,
  type TFieldErrors,
  type TFieldName,
  type TFormValues,
  withField,
} from "~lib/action-form";
import { titleCase } from "~lib/format";
import { fingerprint, isRetryableError, keyForSubmission, type TPendingKey } from "~lib/idempotency";
import { formatMoney } from "~lib/money";
import { describeRequest, paramFacts } from "~lib/request-view";
import type { TExtError } from "~lib/result";
import { Button } from "../../ui/Button";
import { FormField, INPUT_CLASS, type TControlProps } from "../../ui/FormField";
import { Notice } from "../../ui/Notice";
import { FactList } from "./FactList";
import { RequestOutcome } from "./RequestOutcome";
import type { TGovernance } from "./useTicketGovernance";

type TStep = "edit" | "review" | "done";

type TActionFormProps = {
  entry: TCatalogEntry;
  context: TTicketContext;
  governance: Pick<TGovernance, "requestAction" | "requests">;
  onClose: () => void;
};

/**
 * One action's inline form: inputs checked with the action's own schema, then Review → Confirm (the
 * confirmation is what the server needs in assistive mode), then the server's answer, kept current
 * by the ticket's request polling.
 */
export function ActionForm({ entry, context, governance, onClose }: TActionFormProps) {
  const [values, setValues] = useState<TFormValues>(() => initialValues(entry.id, context));
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [step, setStep] = useState<TStep>("edit");
  const [params, setParams] = useState<Record<string, unknown> | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<TExtError | null>(null);
  const [answer, setAnswer] = useState<TActionRequestView | null>(null);
  const pendingKey = useRef<TPendingKey | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  const fields = FORM_FIELDS[entry.id];
  const warnings = formWarnings(entry.id, context);

  // Each step starts at its heading, so keyboard and screen-reader users know where they are.
  useEffect(() => {
    if (step !== "edit") stepRef.current?.focus();
  }, [step]);

  const set = (field: TFieldName, value: string) => {
    setValues((v) => withField(entry.id, v, field, value, context));
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const check = checkActionForm(entry.id, values, context);
    if (!check.ok) {
      setErrors(check.errors);
      const first = fields.find((f) => check.errors[f]);
      formRef.current
        ?.querySelector<HTMLElement>(`[data-field="${first}"] :is(input,select,textarea)`)
        ?.focus();
      return;
    }
    setErrors({});
    setParams(check.params);
    setSendError(null);
    setStep("review");
  };

  const confirm = async () => {
    if (!params) return;
    // The same submission retried after a network error keeps its key; anything else gets a new one.
    const key = keyForSubmission(pendingKey.current, fingerprint(entry.id, params));
    pendingKey.current = key;
    setSending(true);
    setSendError(null);
    const result = await governance.requestAction({
      actionId: entry.id,
      params,
      confirmed: true,
      idempotencyKey: key.key,
    });
    setSending(false);
    if (!result.ok) return setSendError(result.error);
    pendingKey.current = null;
    setAnswer(result.data);
    setStep("done");
  };

  const startOver = () => {
    setValues(initialValues(entry.id, context));
    setErrors({});
    setParams(null);
    setAnswer(null);
    setSendError(null);
    setStep("edit");
  };

  // The answer as the polling last saw it: pending → executed shows here too, without a reload.
  const live = useMemo(
    () => (answer ? (governance.requests.data?.find((r) => r.id === answer.id) ?? answer) : null),
    [answer, governance.requests.data],
  );

  return (
    <div
      id={`keel-action-form-${entry.id}`}
      data-testid="keel-action-form"
      data-action-id={entry.id}
      data-step={step}
      className="border-t border-slate-100 bg-slate-50/70 px-3 pb-3 pt-2.5"
    >
      {step === "edit" ? (
        <form ref={formRef} noValidate onSubmit={review} className="space-y-3">
          {warnings.map((w) => (
            <Notice key={w} tone="warning" size="sm" testId="keel-action-warning">
              {w}
            </Notice>
          ))}
          {entry.id === "customer.requestVerification" ? <CustomerCard context={context} /> : null}
          <Fields entry={entry} context={context} values={values} errors={errors} onChange={set} />
          <div className="flex items-center justify-end gap-2 pt-0.5">
            <Button size="sm" variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button size="sm" type="submit" data-testid="keel-action-review">
              Review
            </Button>
          </div>
        </form>
      ) : null}

      {step === "review" && params ? (
        <div className="space-y-3" data-testid="keel-action-review-step">
          <div>
            <h5
              ref={stepRef}
              tabIndex={-1}
              className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 focus:outline-none"
            >
              Review before you confirm
            </h5>
            <p className="mt-1 text-[13px] font-medium leading-snug text-slate-900">
              {describeRequest(entry.id, params, context)}
            </p>
          </div>
          <FactList facts={paramFacts(params, context)} />
          <Notice tone={entry.needsApproval ? "warning" : "info"} size="sm" testId="keel-action-what-happens">
            {whatHappensText(entry, context.rolloutMode)}
            {entry.needsApproval && context.rolloutMode === "assistive" ? (
              <span className="mt-0.5 block opacity-80">
                Assistive mode: nothing is sent until you confirm.
              </span>
            ) : null}
          </Notice>
          {sendError ? (
            <Notice tone="error" size="sm" testId="keel-action-error">
              <span className="block">{sendError.message}</span>
              <span className="mt-1 block text-[11px] opacity-80">
                <code className="font-mono">{sendError.code}</code>
                {isRetryableError(sendError.code) ? " · Confirm again to retry: it will not run twice." : ""}
              </span>
            </Notice>
          ) : null}
          <div className="flex items-center justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={() => setStep("edit")} disabled={sending}>
              Back
            </Button>
            <Button size="sm" onClick={() => void confirm()} busy={sending} data-testid="keel-action-confirm">
              {entry.needsApproval ? "Confirm & request approval" : "Confirm & run"}
            </Button>
          </div>
        </div>
      ) : null}

      {step === "done" && live ? (
        <div className="space-y-3">
          <h5
            ref={stepRef}
            tabIndex={-1}
            className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 focus:outline-none"
          >
            Keel's answer
          </h5>
          <RequestOutcome view={live} context={context} />
          <div className="flex items-center justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={onClose}>
              Close
            </Button>
            <Button size="sm" variant="secondary" onClick={startOver} data-testid="keel-action-again">
              New request
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function CustomerCard({ context }: { context: TTicketContext }) {
  const { customer } = context;
  return (
    <div className="rounded-lg bg-white px-3 py-2 text-[13px] ring-1 ring-inset ring-slate-200">
      <p className="font-medium text-slate-900">{customer.name}</p>
      <p className="mt-0.5 text-xs text-slate-500">
        {titleCase(customer.tier)} customer ·{" "}
        {customer.identityVerified ? "identity verified" : "identity not verified"}
      </p>
    </div>
  );
}

type TFieldsProps = {
  entry: TCatalogEntry;
  context: TTicketContext;
  values: TFormValues;
  errors: TFieldErrors;
  onChange: (field: TFieldName, value: string) => void;
};

function Fields({ entry, context, values, errors, onChange }: TFieldsProps) {
  const fields = FORM_FIELDS[entry.id];
  const orders = selectableOrders(entry.id, context.orders);
  const chosenOrder = context.orders.find((o) => o.id === values.orderId);
  const tags = parseTags(values.tags ?? "");

  const select = (
    field: TFieldName,
    control: TControlProps,
    options: { value: string; label: string; disabled?: boolean }[],
    placeholder: string,
  ) => (
    <select
      {...control}
      value={values[field] ?? ""}
      onChange={(e) => onChange(field, e.target.value)}
      className={INPUT_CLASS}
    >
      {options.length !== 1 || !values[field] ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );

  const field = (name: TFieldName) => {
    const common = { label: FIELD_LABEL[name], error: errors[name], name };
    switch (name) {
      case "status":
        return (
          <FormField {...common} hint={`Now: ${titleCase(context.ticket.status)}`}>
            {(c) =>
              select(
                name,
                c,
                TICKET_STATUSES.map((s) => ({
                  value: s,
                  label: titleCase(s),
                  disabled: s === context.ticket.status,
                })),
                "Choose a status…",
              )
            }
          </FormField>
        );
      case "queue":
        return (
          <FormField {...common} hint={`Now: ${titleCase(context.ticket.queue)}`}>
            {(c) =>
              select(
                name,
                c,
                QUEUES.map((q) => ({ value: q, label: titleCase(q), disabled: q === context.ticket.queue })),
                "Choose a queue…",
              )
            }
          </FormField>
        );
      case "tags":
        return (
          <FormField
            {...common}
            hint={
              context.ticket.tags.length > 0
                ? `Separate with commas. Already on the ticket: ${context.ticket.tags.join(", ")}`
                : "Separate with commas."
            }
          >
            {(c) => (
              <>
                <input
                  {...c}
                  type="text"
                  autoComplete="off"
                  placeholder="e.g. refund-requested, vip"
                  value={values.tags ?? ""}
                  onChange={(e) => onChange("tags", e.target.value)}
                  className={INPUT_CLASS}
                />
                {tags.length > 0 ? (
                  <ul className="mt-1.5 flex flex-wrap gap-1" aria-label="Preview">
                    {tags.map((t) => (
                      <li
                        key={t}
                        className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200"
                      >
                        {t}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </FormField>
        );
      case "body":
        return (
          <FormField {...common} hint="Visible to agents only, never to the customer.">
            {(c) => (
              <textarea
                {...c}
                rows={4}
                value={values.body ?? ""}
                onChange={(e) => onChange("body", e.target.value)}
                className={`${INPUT_CLASS} resize-y`}
              />
            )}
          </FormField>
        );
      case "orderId":
        return (
          <FormField
            {...common}
            hint={
              entry.id === "order.refund" && context.orders.length > orders.length
                ? "Fully refunded orders are not listed."
                : undefined
            }
          >
            {(c) =>
              select(
                name,
                c,
                orders.map((o) => ({
                  value: o.id,
                  label:
                    entry.id === "order.refund"
                      ? `${o.number} · ${formatMoney(refundableAmount(o), o.currency)} refundable`
                      : `${o.number} · ${titleCase(o.status)} · ${formatMoney(o.total, o.currency)}`,
                })),
                orders.length === 0 ? "No orders to choose" : "Choose an order…",
              )
            }
          </FormField>
        );
      case "amount":
        return (
          <FormField
            {...common}
            hint={
              chosenOrder
                ? `Up to ${formatMoney(refundableAmount(chosenOrder), chosenOrder.currency)} (paid ${formatMoney(chosenOrder.total, chosenOrder.currency)})`
                : undefined
            }
          >
            {(c) => (
              <input
                {...c}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                placeholder="0.00"
                value={values.amount ?? ""}
                onChange={(e) => onChange("amount", e.target.value)}
                className={`${INPUT_CLASS} tabular-nums`}
              />
            )}
          </FormField>
        );
      case "currency":
        return (
          <FormField {...common}>
            {(c) => (
              <input
                {...c}
                type="text"
                autoComplete="off"
                maxLength={3}
                value={values.currency ?? ""}
                onChange={(e) => onChange("currency", e.target.value.toUpperCase())}
                className={`${INPUT_CLASS} uppercase`}
              />
            )}
          </FormField>
        );
      case "reason":
        return (
          <FormField {...common} hint="Recorded with the request and in the audit log.">
            {(c) => (
              <textarea
                {...c}
                rows={2}
                value={values.reason ?? ""}
                onChange={(e) => onChange("reason", e.target.value)}
                className={`${INPUT_CLASS} resize-y`}
              />
            )}
          </FormField>
        );
      case "accountId":
        return (
          <FormField {...common}>
            {(c) =>
              select(
                name,
                c,
                context.accounts.map((a) => ({ value: a.id, label: `${a.name} · ${titleCase(a.status)}` })),
                context.accounts.length === 0 ? "No accounts to choose" : "Choose an account…",
              )
            }
          </FormField>
        );
      case "newOwnerEmail":
        return (
          <FormField {...common}>
            {(c) => (
              <input
                {...c}
                type="email"
                autoComplete="off"
                placeholder="new.owner@example.com"
                value={values.newOwnerEmail ?? ""}
                onChange={(e) => onChange("newOwnerEmail", e.target.value)}
                className={INPUT_CLASS}
              />
            )}
          </FormField>
        );
    }
  };

  // Amount and currency share a row; every other field has its own.
  const rows: TFieldName[][] = [];
  for (const name of fields) {
    if (name === "currency" && rows.at(-1)?.[0] === "amount") rows.at(-1)?.push(name);
    else rows.push([name]);
  }
  return (
    <>
      {rows.map((row) =>
        row.length === 2 ? (
          <div key={row.join()} className="grid grid-cols-[1fr_5.5rem] items-start gap-2">
            {row.map((name) => (
              <div key={name}>{field(name)}</div>
            ))}
          </div>
        ) : (
          <div key={row.join()}>{row[0] ? field(row[0]) : null}</div>
        ),
      )}
    </>
  );
}
