import {
  type AdReportRow,
  type DataSource,
  type FollowerSnapshot,
  NonRetriableError,
  type TikTokProfile,
  type TikTokVideo,
  type Trend,
  type TrendQuery,
} from "@tiktok-army/core";

/*
 * The data port as core declares it once profiles and videos may lack what a source does not give
 * (`null` = "not available from this API"). Until core exports these, they live here, field for field
 * the same; this file then becomes re-exports from `@tiktok-army/core`.
 */

export type ProviderProfile = Omit<TikTokProfile, "category" | "region"> & {
  category: string | null;
  region: string | null;
};

/** Video fields a source may lack; the rest are required of every source. */
export type NullableVideoField =
  | "save_count"
  | "reach"
  | "average_time_watched"
  | "full_video_watched_rate"
  | "impression_sources";

export type ProviderVideo = Omit<TikTokVideo, NullableVideoField> & {
  save_count: number | null;
  reach: number | null;
  average_time_watched: number | null;
  full_video_watched_rate: number | null;
  impression_sources: Record<string, number> | null;
};

export interface ProviderPort {
  readonly source: DataSource;
  getProfile(handle: string): Promise<ProviderProfile>;
  /** Newest first. */
  listVideos(handle: string, options: { limit: number }): Promise<ProviderVideo[]>;
  /** One snapshot per day, oldest first. */
  getFollowerHistory(handle: string, options: { days: number }): Promise<FollowerSnapshot[]>;
  getTrends(query: TrendQuery): Promise<Trend[]>;
  /** Daily ad metrics for a campaign, oldest first. */
  getCampaignReport(campaignId: string, options: { days: number }): Promise<AdReportRow[]>;
}

/** A provider method the source cannot serve; agents catch it where a degraded answer still helps. */
export class DataUnavailableError extends NonRetriableError {
  override readonly name: string = "DataUnavailableError";
  readonly code = "data_unavailable";
  constructor(
    readonly what: string,
    readonly source: string,
    reason: string,
  ) {
    super(`${what} is not available from ${source}: ${reason}`);
  }
}

/** The workspace has no connection that could answer for this handle (or no advertiser at all). */
export class ConnectionRequiredError extends NonRetriableError {
  override readonly name: string = "ConnectionRequiredError";
  readonly code = "connection_required";
  constructor(
    readonly handle: string,
    readonly needs: "account" | "advertiser",
  ) {
    super(
      `No TikTok ${needs === "advertiser" ? "advertiser" : "account"} is connected for @${handle} in this workspace: connect it on the Connections page (/connections), then start the run again.`,
    );
  }
}
