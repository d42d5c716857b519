import type { DataSource } from "@tiktok-army/core/model";

const LABEL = { offline: "demo data", tiktok: "TikTok data" } as const satisfies Record<DataSource, string>;

const TITLE = {
  offline: "Offline demo data: invented accounts and numbers, not a real TikTok account",
  tiktok: "Read from TikTok's APIs through a connected account",
} as const satisfies Record<DataSource, string>;

/**
 * Where a run's (or the server's) TikTok data comes from, as a badge; the colour comes from
 * `.source-badge[data-source]`. Offline data must never pass for a real account's.
 * @example
 * <DataSourceBadge source={run.dataSource} />
 */
export function DataSourceBadge({ source, testId = "data-source" }: { source: DataSource; testId?: string }) {
  return (
    <span className="source-badge" data-source={source} data-testid={testId} title={TITLE[source]}>
      {LABEL[source]}
    </span>
  );
}
