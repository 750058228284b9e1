type TFormatOptions = { locale?: string; timeZone?: string };

/** "Mar 3, 2026, 2:05 PM": a date and time in the user's locale (options make tests deterministic). */
export function formatDateTime(iso: string, options: TFormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** "Mar 4, 11:30 AM" (the year only when it is not the current one): compact, for lists. */
export function formatShortDateTime(iso: string, now: Date, options: TFormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  const yearOf = (d: Date) => new Intl.DateTimeFormat("en", { year: "numeric", ...zone }).format(d);
  return new Intl.DateTimeFormat(options.locale, {
    month: "short",
    day: "numeric",
    ...(yearOf(date) === yearOf(now) ? {} : { year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
    ...zone,
  }).format(date);
}

/** "in 29 days", "in 3 hours", "expired": how long until a token expires. */
export function formatExpiresIn(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return "unknown";
  if (ms <= 0) return "expired";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? "in an hour" : `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days`;
}

/** Capitalises a role or status for display: "supervisor" → "Supervisor". */
export function titleCase(word: string): string {
  return word ? `${word.charAt(0).toUpperCase()}${word.slice(1).replaceAll("_", " ")}` : word;
}
