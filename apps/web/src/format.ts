/** How the dashboard writes durations, money, token counts and times. Pure, so tests pin them. */

/** `850 ms`, `12.3 s`, `4m 05s`, `2h 03m`. Negative or non-finite input reads as `0 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "0 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return `${minutes}m ${pad(totalSeconds % 60)}s`;
  }
  const hours = Math.floor(totalSeconds / 3600);
  return `${hours}h ${pad(Math.floor((totalSeconds % 3600) / 60))}m`;
}

/** Milliseconds from `start` to `end` (ISO strings), or to `now` while there is no end yet. */
export function elapsedMs(start: string | null, end: string | null, now: number): number | null {
  if (!start) return null;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.max(0, to - from);
}

/**
 * US dollars: four decimals under a dollar (model calls cost fractions of a cent), else two. An estimate
 * (mock mode: fixture replies priced as real ones) says so, so nobody takes it for spend.
 */
export function formatCost(usd: number, options: { estimate?: boolean } = {}): string {
  const amount =
    !Number.isFinite(usd) || usd === 0 ? "$0.00" : usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
  return options.estimate ? `≈ ${amount} (estimate, mock mode)` : amount;
}

/** `12,345`. */
export function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString("en-US");
}

/** A short local date and time, e.g. `Mar 4, 14:05:09`. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
}

/** `waiting_approval` -> `waiting approval`. */
export function formatStatus(status: string): string {
  return status.replaceAll("_", " ");
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
