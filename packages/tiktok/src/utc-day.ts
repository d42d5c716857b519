const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of `date` in UTC: the day TikTok's insights and reports are keyed by. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The UTC day `days` after `day` (negative for before). */
export function addUtcDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function utcDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The earlier of two `YYYY-MM-DD` days (they sort as strings). */
export function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}
