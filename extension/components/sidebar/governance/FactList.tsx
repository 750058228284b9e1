import type { TFact } from "~lib/request-view";

/**
 * Label/value pairs in two columns, compact enough for the 360 px sidebar; `stacked` puts each label
 * above its value, for long values such as quoted messages.
 */
export function FactList({
  facts,
  testId,
  stacked = false,
}: {
  facts: TFact[];
  testId?: string;
  stacked?: boolean;
}) {
  if (facts.length === 0) return null;
  if (stacked) {
    return (
      <dl
        data-testid={testId}
        className="divide-y divide-slate-100 rounded-lg bg-white text-xs ring-1 ring-inset ring-slate-200"
      >
        {facts.map((fact, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; the order is fixed for one list
          <div key={i} className="px-3 py-1.5">
            <dt className="text-[11px] text-slate-500">{fact.label}</dt>
            <dd className="mt-0.5 whitespace-pre-line break-words text-slate-800">{fact.value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <dl
      data-testid={testId}
      className="grid grid-cols-[minmax(0,6.5rem)_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-lg bg-white px-3 py-2 text-xs ring-1 ring-inset ring-slate-200"
    >
      {facts.map((fact, i) => (
        // Labels may repeat (several messages); the order is fixed for one list.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={i} className="contents">
          <dt className="truncate text-slate-500" title={fact.label}>
            {fact.label}
          </dt>
          <dd className="whitespace-pre-line break-words font-medium text-slate-800">{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
