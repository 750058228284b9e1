import type { TRiskBand } from "@keel/shared";
import type { ReactNode } from "react";
import { RISK_LABEL } from "~lib/action-catalog";
import type { TTone } from "~lib/request-view";

export const TONE_CLASSES: Record<TTone, string> = {
  neutral: "bg-slate-100 text-slate-600 ring-slate-200",
  info: "bg-sky-50 text-sky-700 ring-sky-200",
  progress: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  danger: "bg-red-50 text-red-700 ring-red-200",
};

const DOT_CLASSES: Record<TTone, string> = {
  neutral: "bg-slate-400",
  info: "bg-sky-500",
  progress: "bg-indigo-500",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
};

type TBadgeProps = {
  tone: TTone;
  children: ReactNode;
  dot?: boolean;
  pulse?: boolean;
  className?: string;
  testId?: string;
};

/** A small coloured label: statuses, risk bands, "needs approval". */
export function Badge({ tone, children, dot = false, pulse = false, className = "", testId }: TBadgeProps) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-[11px] font-medium leading-4 ring-1 ring-inset ${TONE_CLASSES[tone]} ${className}`}
    >
      {dot ? (
        <span
          aria-hidden="true"
          className={`h-1.5 w-1.5 rounded-full ${DOT_CLASSES[tone]} ${pulse ? "animate-keel-pulse" : ""}`}
        />
      ) : null}
      {children}
    </span>
  );
}

const RISK_TONE: Record<TRiskBand, TTone> = { low: "success", medium: "warning", high: "danger" };

export function RiskBadge({ risk, suffix = "" }: { risk: TRiskBand; suffix?: string }) {
  return (
    <Badge tone={RISK_TONE[risk]} testId="keel-risk">
      {RISK_LABEL[risk]}
      {suffix}
    </Badge>
  );
}
