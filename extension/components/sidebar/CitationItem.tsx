import type { TCitedMessage } from "@keel/shared";
import { AUTHOR_TYPE_LABEL } from "~lib/citations";
import { formatDateTime, formatShortDateTime } from "~lib/format";

const TYPE_STYLE: Record<TCitedMessage["authorType"], string> = {
  customer: "bg-sky-50 text-sky-700 ring-sky-200",
  agent: "bg-violet-50 text-violet-700 ring-violet-200",
  system: "bg-slate-100 text-slate-600 ring-slate-200",
};

type TCitationProps = { citation: TCitedMessage; active: boolean; onShow: (messageId: string) => void };

export function CitationItem({ citation, active, onShow }: TCitationProps) {
  return (
    <li data-testid="keel-citation" data-message-id={citation.messageId} data-position={citation.position}>
      <button
        type="button"
        onClick={() => onShow(citation.messageId)}
        aria-label={`Show message ${citation.position} from ${citation.authorName} in the conversation`}
        className={`w-full rounded-lg border p-3 text-left transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
          active
            ? "border-indigo-300 bg-indigo-50/70"
            : "border-slate-200 bg-white hover:border-indigo-200 hover:bg-slate-50"
        }`}
      >
        <div className="flex items-center gap-2 text-xs">
          <span className="rounded bg-indigo-600 px-1.5 py-0.5 font-semibold tabular-nums text-white">
            {citation.position}
          </span>
          <span className="min-w-0 truncate font-semibold text-slate-800" title={citation.authorName}>
            {citation.authorName}
          </span>
          <span
            className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${TYPE_STYLE[citation.authorType]}`}
          >
            {AUTHOR_TYPE_LABEL[citation.authorType]}
          </span>
          <time
            dateTime={citation.createdAt}
            title={formatDateTime(citation.createdAt)}
            className="ml-auto shrink-0 whitespace-nowrap text-slate-500"
          >
            {formatShortDateTime(citation.createdAt, new Date())}
          </time>
        </div>
        <p className="mt-1.5 line-clamp-3 break-words text-[13px] leading-snug text-slate-600">
          {citation.excerpt}
        </p>
      </button>
    </li>
  );
}
