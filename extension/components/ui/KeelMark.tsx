/** The Keel "K" mark (the same drawing as assets/icon.png). */
export function KeelMark({ className = "h-6 w-6" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 512 512" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="keel-mark-bg" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#6366f1" />
          <stop offset="1" stopColor="#4338ca" />
        </linearGradient>
      </defs>
      <rect x="16" y="16" width="480" height="480" rx="116" fill="url(#keel-mark-bg)" />
      <g stroke="#fff" strokeWidth="68" strokeLinecap="round" fill="none">
        <path d="M184 136V376" />
        <path d="M200 282L334 136" />
        <path d="M258 234L340 376" />
      </g>
    </svg>
  );
}
