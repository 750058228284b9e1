import type { TKnowledgeTier } from "@keel/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TKbSuggestions } from "~lib/background/service";
import { callBackground } from "~lib/messages";
import type { TTone } from "~lib/request-view";
import type { TExtError } from "~lib/result";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { Spinner } from "../ui/Spinner";

const TIER_TONE: Record<TKnowledgeTier, TTone> = {
  public: "success",
  internal: "info",
  privileged: "warning",
  customer: "progress",
};

type TState =
  | { kind: "loading" }
  | { kind: "error"; error: TExtError }
  | { kind: "ready"; data: TKbSuggestions };

/**
 * "Suggested articles" in the Summary tab: knowledge articles matching the ticket (knowledge.suggest),
 * each with its tier, a short snippet and the words it matched. Answers for another ticket or
 * sign-in are dropped.
 */
export function KbSuggestions({ ticketId, tokenId }: { ticketId: string; tokenId: string }) {
  const [state, setState] = useState<TState>({ kind: "loading" });
  const key = `${tokenId}:${ticketId}`;
  const current = useRef(key);
  current.current = key;

  const load = useCallback(async () => {
    const asked = `${tokenId}:${ticketId}`;
    setState({ kind: "loading" });
    const result = await callBackground("kb-suggest", { ticketId });
    if (current.current !== asked) return;
    setState(result.ok ? { kind: "ready", data: result.data } : { kind: "error", error: result.error });
  }, [ticketId, tokenId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section
      data-testid="kb-suggestions"
      data-state={state.kind}
      aria-labelledby="keel-kb-title"
      aria-busy={state.kind === "loading"}
      className="mt-5 border-t border-slate-200 pt-4"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id="keel-kb-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Suggested articles
        </h3>
        {state.kind !== "loading" ? (
          <Button size="sm" variant="ghost" onClick={() => void load()} data-testid="kb-suggestions-refresh">
            Refresh
          </Button>
        ) : null}
      </div>
      {state.kind === "loading" ? (
        <p role="status" className="mt-2 flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="h-4 w-4 text-indigo-600" />
          Finding articles…
        </p>
      ) : state.kind === "error" ? (
        <div
          role="alert"
          data-testid="kb-suggestions-error"
          className="mt-2 rounded-lg bg-red-50 p-3 ring-1 ring-inset ring-red-200"
        >
          <p className="break-words text-sm text-red-800">
            Could not load suggested articles: {state.error.message}
          </p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void load()}>
            Retry
          </Button>
        </div>
      ) : state.data.passages.length === 0 ? (
        <p data-testid="kb-suggestions-empty" className="mt-2 text-sm text-slate-600">
          No matching articles
        </p>
      ) : (
        <ul className="mt-2 space-y-2">
          {state.data.passages.map((p) => (
            <li
              key={`${p.articleId}@${p.version}`}
              data-testid="kb-suggestion"
              data-article-id={p.articleId}
              data-version={p.version}
              className="rounded-lg border border-slate-200 p-3"
            >
              <div className="flex items-start justify-between gap-2">
                <p
                  className="text-sm font-medium leading-snug text-slate-900"
                  data-testid="kb-suggestion-title"
                >
                  {p.title}
                </p>
                <Badge tone={TIER_TONE[p.tier]} testId="kb-suggestion-tier">
                  {p.tier}
                </Badge>
              </div>
              <p className="mt-1 text-xs leading-relaxed text-slate-600" data-testid="kb-suggestion-snippet">
                {p.snippet}
              </p>
              {p.matched.length > 0 ? (
                <p className="mt-1 text-[11px] text-slate-500" data-testid="kb-suggestion-matched">
                  matched: {p.matched.join(", ")}
                </p>
              ) : null}
              <p className="mt-1 text-[11px] text-slate-400">v{p.version}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
