// How numbers and lists read in marketer-facing text.

/** 1234 -> "1.2K", 2_500_000 -> "2.5M": how marketers read counts. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000_000) return `${trim(value / 1_000_000_000)}B`;
  if (abs >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (abs >= 1_000) return `${trim(value / 1_000)}K`;
  return String(Math.round(value));
}

export function usd(value: number): string {
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** +12.5% / −3% / n/a, for changes between windows. */
export function signedPct(value: number | null): string {
  if (value === null) return "n/a";
  return `${signed(value)}%`;
}

/** +6 / −6 / 0, with a true minus sign as the rest of the report prints it. */
export function signed(value: number): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value)}`;
}

function trim(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** ["#a", "#b", "#c"] -> "#a, #b and #c". */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
