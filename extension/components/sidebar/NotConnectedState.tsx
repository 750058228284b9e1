import { Button } from "../ui/Button";
import { Notice } from "../ui/Notice";

export function NotConnectedState({ notice, onConnect }: { notice: string | null; onConnect: () => void }) {
  return (
    <section data-testid="keel-state-not-connected" aria-labelledby="keel-nc-title" className="space-y-4">
      {notice ? (
        <Notice tone="warning" testId="keel-notice">
          {notice}
        </Notice>
      ) : null}
      <div className="rounded-xl border border-dashed border-slate-300 bg-slate-50/60 px-4 py-6 text-center">
        <h3 id="keel-nc-title" className="text-sm font-semibold text-slate-900">
          Keel is not connected
        </h3>
        <p className="mx-auto mt-1.5 max-w-[16rem] text-sm leading-relaxed text-slate-600">
          Sign in to your Keel workspace to see a cited summary of this ticket.
        </p>
        <Button className="mt-4" onClick={onConnect} data-testid="keel-open-options">
          Connect
        </Button>
      </div>
    </section>
  );
}
