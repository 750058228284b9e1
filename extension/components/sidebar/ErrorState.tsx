import { errorTitle, isFixedInOptions } from "~lib/error-text";
import type { TExtError } from "~lib/result";
import { Button } from "../ui/Button";

type TErrorProps = { error: TExtError; onRetry: () => void; onOpenOptions: () => void };

export function ErrorState({ error, onRetry, onOpenOptions }: TErrorProps) {
  return (
    <section
      data-testid="keel-state-error"
      role="alert"
      className="rounded-xl bg-red-50 p-4 ring-1 ring-inset ring-red-200"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-sm font-semibold text-red-900">{errorTitle(error.code)}</h3>
        <code
          data-testid="keel-error-code"
          className="shrink-0 rounded bg-white/80 px-1.5 py-0.5 font-mono text-[11px] font-medium text-red-700 ring-1 ring-inset ring-red-200"
        >
          {error.code}
        </code>
      </div>
      <p data-testid="keel-error-message" className="mt-2 break-words text-sm leading-relaxed text-red-800">
        {error.message}
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={onRetry} data-testid="keel-retry">
          Retry
        </Button>
        {isFixedInOptions(error.code) ? (
          <Button size="sm" variant="ghost" onClick={onOpenOptions} data-testid="keel-open-options">
            Open Keel settings
          </Button>
        ) : null}
      </div>
    </section>
  );
}
