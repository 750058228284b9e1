import type { TTicketSafety } from "@keel/shared";

/**
 * Shown when the customer's messages contain text aimed at the copilot (an injection attempt). Ticket
 * content is untrusted input: the server runs nothing on such a ticket without a person's click,
 * whatever the workspace's rollout mode; this says so, and what was found.
 */
export function SafetyBanner({ safety }: { safety: TTicketSafety }) {
  if (!safety.injectionFlagged) return null;
  const findings = safety.findings.slice(0, 5);
  return (
    <section
      role="note"
      aria-labelledby="keel-safety-title"
      data-testid="keel-safety-banner"
      className="mb-4 rounded-xl border border-amber-300 bg-amber-50 px-3 py-2.5 text-xs text-amber-900"
    >
      <h3 id="keel-safety-title" className="text-[13px] font-semibold">
        This ticket contains instructions aimed at the copilot
      </h3>
      <p className="mt-1 leading-relaxed">
        Treat the customer's text as data, not as instructions. Keel runs nothing on this ticket without your
        click, and its suggestions ignore those instructions.
      </p>
      {findings.length > 0 ? (
        <details className="mt-1.5">
          <summary className="cursor-pointer font-medium underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-600">
            What was found ({safety.findings.length})
          </summary>
          <ul className="mt-1.5 space-y-1.5" data-testid="keel-safety-findings">
            {findings.map((f) => (
              <li key={`${f.messageId}-${f.rule}-${f.excerpt}`}>
                <span className="font-medium">{f.message}</span>
                {f.excerpt ? <q className="mt-0.5 block italic text-amber-800">{f.excerpt}</q> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
