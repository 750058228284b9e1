import type { ReactNode } from "react";
import type { TExtError } from "~lib/result";
import { Button } from "../../ui/Button";
import { Spinner } from "../../ui/Spinner";

/** A section's loading line. */
export function SectionLoading({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 py-3 text-[13px] text-slate-500">
      <Spinner className="h-4 w-4 text-indigo-600" />
      {label}
    </p>
  );
}

/** A section's error, with the server's own message and code. */
export function SectionError({
  error,
  onRetry,
  testId,
}: {
  error: TExtError;
  onRetry?: () => void;
  testId?: string;
}) {
  return (
    <div
      role="alert"
      data-testid={testId ?? "keel-section-error"}
      className="rounded-lg bg-red-50 px-3 py-2.5 text-[13px] text-red-800 ring-1 ring-inset ring-red-200"
    >
      <p className="break-words">{error.message}</p>
      <div className="mt-2 flex items-center justify-between gap-2">
        <code className="font-mono text-[11px] text-red-700">{error.code}</code>
        {onRetry ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Retry
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** Nothing to show yet: a quiet dashed box. */
export function SectionEmpty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p
      data-testid={testId}
      className="rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-[13px] leading-relaxed text-slate-500"
    >
      {children}
    </p>
  );
}

/** A section heading with an optional count and a right-aligned slot. */
export function SectionHeading({
  id,
  children,
  aside,
}: {
  id: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="flex items-center justify-between gap-2">
      <h3 id={id} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {children}
      </h3>
      {aside}
    </div>
  );
}
