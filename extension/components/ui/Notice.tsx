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
  size = "md",
}: {
  tone: TTone;
  title?: string;
  children: ReactNode;
  testId?: string;
  /** "sm" for notices inside the sidebar's compact forms. */
  size?: "sm" | "md";
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-lg ring-1 ring-inset ${size === "sm" ? "px-3 py-2 text-xs" : "px-3.5 py-3 text-sm"} ${TONES[tone]}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <div className={title ? "mt-1 leading-relaxed" : "leading-relaxed"}>{children}</div>
    </div>
  );
}
