import { useEffect, useId, useRef, useState } from "react";
import type { TReplyDraftView } from "~lib/background/service";
import { callBackground } from "~lib/messages";
import type { TExtError } from "~lib/result";
import { Badge } from "../ui/Badge";
import { Button } from "../ui/Button";
import { Spinner } from "../ui/Spinner";

type TState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "error"; error: TExtError }
  | { kind: "ready"; draft: TReplyDraftView; text: string; done: null | "inserted" | "discarded" | "no-box" };

type Props = {
  ticketId: string;
  tokenId: string;
  /** Puts text into the helpdesk's reply box; false when the page has none. */
  onInsert: (text: string) => boolean;
  /** Opens the hand-off (Escalation tab), offered when the draft's confidence is low. */
  onHandOff?: () => void;
};

/**
 * "Reply draft" in the Summary tab: on the agent's click, a draft in their own style (greeting,
 * sign-off, contractions learned from their past replies), grounded in public help articles and citing
 * them as [1], [2]. The agent edits it here, inserts it into the helpdesk's reply box, regenerates or
 * discards it; inserting as is, inserting an edit and discarding are recorded as feedback on the draft.
 * Low confidence says so and points to a hand-off.
 */
export function DraftReply({ ticketId, tokenId, onInsert, onHandOff }: Props) {
  const [state, setState] = useState<TState>({ kind: "idle" });
  const key = `${tokenId}:${ticketId}`;
  const current = useRef(key);
  current.current = key;
  const textId = useId();

  // Another ticket or sign-in: start over.
  useEffect(() => {
    if (key) setState({ kind: "idle" });
  }, [key]);

  const generate = async () => {
    const asked = key;
    setState({ kind: "loading" });
    const result = await callBackground("reply-draft", { ticketId });
    if (current.current !== asked) return;
    setState(
      result.ok
        ? { kind: "ready", draft: result.data, text: result.data.text, done: null }
        : { kind: "error", error: result.error },
    );
  };

  const feedback = (verdict: "accept" | "edit" | "reject", text?: string) => {
    if (state.kind !== "ready") return;
    void callBackground("reply-feedback", {
      traceId: state.draft.traceId,
      verdict,
      ...(text !== undefined ? { text } : {}),
    });
  };

  const insert = () => {
    if (state.kind !== "ready") return;
    if (!onInsert(state.text)) {
      setState({ ...state, done: "no-box" });
      return;
    }
    const edited = state.text !== state.draft.text;
    feedback(edited ? "edit" : "accept", edited ? state.text : undefined);
    setState({ ...state, done: "inserted" });
  };

  const discard = () => {
    feedback("reject");
    setState({ kind: "idle" });
  };

  return (
    <section
      data-testid="reply-draft"
      data-state={state.kind}
      aria-labelledby="keel-draft-title"
      aria-busy={state.kind === "loading"}
      className="mt-5 border-t border-slate-200 pt-4"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id="keel-draft-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Reply draft
        </h3>
        {state.kind === "ready" ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => void generate()}
            data-testid="reply-draft-regenerate"
          >
            Regenerate
          </Button>
        ) : null}
      </div>

      {state.kind === "idle" ? (
        <div className="mt-2">
          <p className="text-sm text-slate-600">
            A reply in your own style, from the help articles, for you to edit.
          </p>
          <Button
            size="sm"
            variant="secondary"
            className="mt-2"
            onClick={() => void generate()}
            data-testid="reply-draft-generate"
          >
            Draft a reply
          </Button>
        </div>
      ) : state.kind === "loading" ? (
        <p role="status" className="mt-2 flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="h-4 w-4 text-indigo-600" />
          Drafting…
        </p>
      ) : state.kind === "error" ? (
        <div
          role="alert"
          data-testid="reply-draft-error"
          className="mt-2 rounded-lg bg-red-50 p-3 ring-1 ring-inset ring-red-200"
        >
          <p className="break-words text-sm text-red-800">Could not draft a reply: {state.error.message}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => void generate()}>
            Retry
          </Button>
        </div>
      ) : (
        <div className="mt-2 space-y-2">
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge tone={state.draft.belowThreshold ? "warning" : "success"} testId="reply-draft-confidence">
              {Math.round(state.draft.confidence * 100)}% confidence
            </Badge>
            <span className="text-[11px] text-slate-500" data-testid="reply-draft-style">
              {state.draft.style.samples > 0
                ? `Your style, from ${state.draft.style.samples} of your replies`
                : "Default style (no past replies yet)"}
            </span>
          </div>
          {state.draft.belowThreshold ? (
            <p className="text-xs text-amber-800" data-testid="reply-draft-low">
              {state.draft.grounded
                ? "Low confidence: check the facts before sending, or hand the ticket off."
                : "No help article answers this; consider handing the ticket off."}
              {onHandOff ? (
                <button
                  type="button"
                  onClick={onHandOff}
                  data-testid="reply-draft-handoff"
                  className="ml-1 font-semibold underline underline-offset-2 hover:text-amber-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-600"
                >
                  Hand off…
                </button>
              ) : null}
            </p>
          ) : null}
          <label htmlFor={textId} className="sr-only">
            Reply draft (editable)
          </label>
          <textarea
            id={textId}
            data-testid="reply-draft-text"
            value={state.text}
            rows={9}
            onChange={(e) => setState({ ...state, text: e.target.value, done: null })}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                insert();
              }
            }}
            className="block w-full rounded-lg border border-slate-300 px-2.5 py-2 text-[13px] leading-relaxed text-slate-800 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
          />
          {state.draft.citations.length > 0 ? (
            <ol className="space-y-0.5 text-[11px] text-slate-500" data-testid="reply-draft-citations">
              {state.draft.citations.map((c) => (
                <li key={c.articleId} data-article-id={c.articleId}>
                  [{c.n}] {c.title} <span className="text-slate-400">v{c.version}</span>
                </li>
              ))}
            </ol>
          ) : null}
          <div className="flex items-center gap-2">
            <Button size="sm" onClick={insert} data-testid="reply-draft-insert" title="Ctrl+Enter">
              Insert into reply
            </Button>
            <Button size="sm" variant="ghost" onClick={discard} data-testid="reply-draft-discard">
              Discard
            </Button>
          </div>
          {state.done === "inserted" ? (
            <p role="status" className="text-xs text-emerald-700" data-testid="reply-draft-inserted">
              Inserted into the reply box. Review it there before sending.
            </p>
          ) : state.done === "no-box" ? (
            <p role="alert" className="text-xs text-red-700">
              This page has no reply box to insert into. Copy the text instead.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
