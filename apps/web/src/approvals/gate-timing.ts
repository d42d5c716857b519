import { formatDateTime } from "../format.ts";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * `in 3 days`, `in 5 hours`, `in 12 minutes`, `2 hours ago`: the largest unit that still counts at
 * least two of it (so 36 hours read as hours, not "in 2 days"), minutes below that.
 */
export function relativeTime(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return "at an unknown time";
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= 2 * size || unit === "minute") return relative.format(Math.round(ms / size), unit);
  }
  return relative.format(0, "minute");
}

/** When a pending approval expires, relative to now; null expiresAt: it waits until someone decides. */
export function expiryText(expiresAt: string | null, now: number): string {
  if (expiresAt === null) return "Does not expire: the run waits until someone decides.";
  const when = `${relativeTime(expiresAt, now)} (${formatDateTime(expiresAt)})`;
  return Date.parse(expiresAt) <= now
    ? `Expired ${when}: the run ends as rejected.`
    : `Expires ${when}; unanswered, the run then ends as rejected.`;
}
