import { type ReactNode, useId } from "react";

export const INPUT_CLASS =
  "block w-full rounded-lg border-0 bg-white px-2.5 py-1.5 text-[13px] text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:ring-red-400 aria-[invalid=true]:focus:ring-red-600";

export type TControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
};

type TFormFieldProps = {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Names the field for tests and the first-error focus: data-field on the wrapper. */
  name?: string;
  children: (control: TControlProps) => ReactNode;
};

/** A labelled control with its hint and error wired to aria-describedby. */
export function FormField({ label, error, hint, name, children }: TFormFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div data-field={name}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">
        {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      </div>
      {error ? (
        <p id={errorId} data-testid="keel-field-error" className="mt-1 text-xs leading-snug text-red-700">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1 text-[11px] leading-snug text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
