import type { TTicketSummary } from "@keel/shared";
import { useMemo } from "react";
import { buildSummaryView } from "~lib/citations";
import { formatDateTime, titleCase } from "~lib/format";
import { CitationItem } from "./CitationItem";

type TSummaryProps = {
  summary: TTicketSummary;
  activeMessageId: string | null;
  missingMessage: number | null;
  onShowMessage: (messageId: string) => void;
};

export function SummaryView({ summary, activeMessageId, missingMessage, onShowMessage }: TSummaryProps) {
  const view = useMemo(() => buildSummaryView(summary), [summary]);
  const { ticket } = summary;

  return (
    <section data-testid="keel-summary" aria-labelledby="keel-summary-title" className="space-y-5">
      <div>
        <p className="text-sm font-semibold leading-snug text-slate-900">{ticket.subject}</p>
        <p className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
            {titleCase(ticket.status)}
          </span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
            {titleCase(ticket.priority)} priority
          </span>
          <span className="truncate">
            {ticket.customerName} · {ticket.messageCount} {ticket.messageCount === 1 ? "message" : "messages"}
          </span>
        </p>
      </div>

      <div>
        <h3 id="keel-summary-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Summary
        </h3>
        {view.sentences.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing to summarize yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {view.sentences.map((sentence, i) => (
              <li
                // Sentences have no id; their order is fixed for one summary.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={i}
                data-testid="keel-summary-sentence"
                className="text-sm leading-relaxed text-slate-800"
              >
                {sentence.text}
                {sentence.markers.map((marker) => (
                  <button
                    key={marker.messageId}
                    type="button"
                    data-testid="keel-citation-marker"
                    data-message-id={marker.messageId}
                    onClick={() => onShowMessage(marker.messageId)}
                    aria-label={`Source ${marker.position}`}
                    className="ml-0.5 rounded px-0.5 align-baseline text-xs font-semibold text-indigo-600 hover:bg-indigo-50 hover:text-indigo-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    [{marker.position}]
                  </button>
                ))}
              </li>
            ))}
          </ul>
        )}
        {view.unknownMessageIds.length > 0 ? (
          <p className="mt-2 text-xs text-amber-700">
            Some sentences cite messages the server did not describe ({view.unknownMessageIds.length}).
          </p>
        ) : null}
      </div>

      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sources</h3>
        <p role="status" className="sr-only">
          {missingMessage !== null ? `Message ${missingMessage} is not shown on this page.` : ""}
        </p>
        {missingMessage !== null ? (
          <p className="mt-2 text-xs text-amber-700" data-testid="keel-citation-missing">
            Message {missingMessage} is not shown on this page.
          </p>
        ) : null}
        <ol className="mt-2 space-y-2">
          {view.sources.map((citation) => (
            <CitationItem
              key={citation.messageId}
              citation={citation}
              active={citation.messageId === activeMessageId}
              onShow={onShowMessage}
            />
          ))}
        </ol>
      </div>

      <p data-testid="keel-engine" className="text-[11px] text-slate-400">
        {summary.engine.id} {summary.engine.version} · generated {formatDateTime(summary.generatedAt)}
      </p>
    </section>
  );
}
