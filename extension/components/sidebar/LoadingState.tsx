import { Spinner } from "../ui/Spinner";

const LINE_WIDTHS = ["w-11/12", "w-full", "w-4/5", "w-3/5"];

export function LoadingState({ label }: { label: string }) {
  return (
    <section data-testid="keel-state-loading" aria-busy="true" className="space-y-5">
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner className="h-4 w-4 text-indigo-600" />
        {label}
      </p>
      <div className="space-y-2.5" aria-hidden="true">
        {LINE_WIDTHS.map((width) => (
          <div key={width} className={`h-3 animate-keel-pulse rounded bg-slate-200 ${width}`} />
        ))}
      </div>
      <div className="space-y-2" aria-hidden="true">
        {[0, 1].map((i) => (
          <div key={i} className="h-16 animate-keel-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
    </section>
  );
}
