import type { ReactNode } from "react";

type TTone = "info" | "warning" | "error" | "success";

const TONES: Record<TTone, string> = {
  info: "bg-indigo-50 text-indigo-900 ring-indigo-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  error: "bg-red-50 text-red-900 ring-red-200",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
};

/** A coloured message box; errors are announced to screen readers at once, the rest politely. */
export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  tone: TTone;
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-lg px-3.5 py-3 text-sm ring-1 ring-inset ${TONES[tone]}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <div className={title ? "mt-1 leading-relaxed" : "leading-relaxed"}>{children}</div>
    </div>
  );
}
