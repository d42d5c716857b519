/**
 * Where a run's TikTok data comes from. Decided by the engine's provider when the run starts and
 * recorded on the run, so a report, the dashboard and a reader of old runs can always tell a real
 * account from the invented one.
 */
export const DATA_SOURCE = {
  /** The deterministic offline provider: invented accounts, the default with no TikTok app configured. */
  offline: "offline",
  /** TikTok's own APIs, through a connected account. */
  tiktok: "tiktok",
} as const;
export type DataSource = (typeof DATA_SOURCE)[keyof typeof DATA_SOURCE];

/** Runs recorded before runs carried a source all read the offline provider. */
export const LEGACY_DATA_SOURCE: DataSource = DATA_SOURCE.offline;
