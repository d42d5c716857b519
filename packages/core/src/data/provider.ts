import { z } from "zod";
import type { DataSource } from "./data-source.ts";

/**
 * TikTok data as the agents see it. Field names follow TikTok's Display API and API for Business
 * (`follower_count`, `view_count`, `full_video_watched_rate`, ...) so the offline provider and a real
 * adapter exercise the same code paths.
 */
export const tiktokProfileSchema = z.object({
  handle: z.string(),
  display_name: z.string(),
  bio_description: z.string(),
  is_verified: z.boolean(),
  follower_count: z.number().int().nonnegative(),
  following_count: z.number().int().nonnegative(),
  likes_count: z.number().int().nonnegative(),
  video_count: z.number().int().nonnegative(),
  /**
   * Our own classification of the account's niche, e.g. "beauty"; null when the source gives none (no
   * TikTok API does): agents then infer it from the account's content and say so.
   */
  category: z.string().nullable(),
  /** Country code; null when the source gives none (the Display API does not). */
  region: z.string().nullable(),
});
export type TikTokProfile = z.infer<typeof tiktokProfileSchema>;

export const tiktokVideoSchema = z.object({
  id: z.string(),
  /** Unix seconds, as TikTok returns it. */
  create_time: z.number().int(),
  duration: z.number().positive(),
  title: z.string(),
  video_description: z.string(),
  hashtags: z.array(z.string()),
  view_count: z.number().int().nonnegative(),
  like_count: z.number().int().nonnegative(),
  comment_count: z.number().int().nonnegative(),
  share_count: z.number().int().nonnegative(),
  // The fields below are insights only some sources give (the API for Business does, the Display API
  // does not): null means "not available from this API", never 0 and never to be invented.
  save_count: z.number().int().nonnegative().nullable(),
  reach: z.number().int().nonnegative().nullable(),
  average_time_watched: z.number().nonnegative().nullable(),
  full_video_watched_rate: z.number().min(0).max(1).nullable(),
  /** Share of views by source, e.g. { For_You: 0.72, Follow: 0.14, ... }. */
  impression_sources: z.record(z.string(), z.number()).nullable(),
});
export type TikTokVideo = z.infer<typeof tiktokVideoSchema>;

export const followerSnapshotSchema = z.object({ date: z.string(), follower_count: z.number().int() });
export type FollowerSnapshot = z.infer<typeof followerSnapshotSchema>;

export const trendSchema = z.object({
  kind: z.enum(["hashtag", "sound"]),
  name: z.string(),
  region: z.string(),
  category: z.string(),
  /** Posts using it in the last window and the window before, for velocity. */
  posts_current: z.number().int().nonnegative(),
  posts_previous: z.number().int().nonnegative(),
  views_current: z.number().int().nonnegative(),
  /** Hours since the trend first crossed our detection threshold. */
  age_hours: z.number().nonnegative(),
  commercially_licensed: z.boolean().optional(),
});
export type Trend = z.infer<typeof trendSchema>;

/** One day of Marketing API `report/integrated/get` metrics for a campaign. */
export const adReportRowSchema = z.object({
  stat_date: z.string(),
  spend: z.number().nonnegative(),
  impressions: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  conversion: z.number().int().nonnegative(),
  video_watched_2s: z.number().int().nonnegative(),
  video_watched_6s: z.number().int().nonnegative(),
});
export type AdReportRow = z.infer<typeof adReportRowSchema>;

/**
 * A campaign's budget as the Marketing API's `campaign/get` gives it. `budget` is a daily amount only
 * with `BUDGET_MODE_DAY` (or `BUDGET_MODE_DYNAMIC_DAILY_BUDGET`, a daily average over the week); a
 * lifetime budget (`BUDGET_MODE_TOTAL`) and `BUDGET_MODE_INFINITE` (budgets set per ad group) are not.
 */
export const campaignBudgetSchema = z.object({
  budget_mode: z.string(),
  budget: z.number().nonnegative(),
});
export type CampaignBudget = z.infer<typeof campaignBudgetSchema>;

/**
 * One ad's metrics summed over a date range (Marketing API `report/integrated/get`, `AUCTION_AD`
 * by `ad_id`, no day dimension): reach counts each person once over the whole range, which a sum
 * of daily rows could not.
 */
export const adCreativeRowSchema = z.object({
  ad_id: z.string(),
  ad_name: z.string(),
  spend: z.number().nonnegative(),
  impressions: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  /** People who saw the ad at least once in the range; null where the source gives no reach. */
  reach: z.number().int().nonnegative().nullable(),
});
export type AdCreativeRow = z.infer<typeof adCreativeRowSchema>;

/** Inclusive days, `YYYY-MM-DD`. */
export interface DayRange {
  start_date: string;
  end_date: string;
}

export interface TrendQuery {
  category: string;
  region: string;
  /** Only trends first seen within this many hours. */
  freshnessHours: number;
}

/**
 * The port agents read TikTok through. The offline provider is the default; real clients plug in here.
 * A method the source cannot serve throws DataUnavailableError; a handle with no connected account,
 * ConnectionRequiredError. Both fail the step at once; agents catch the first where a degraded answer helps.
 */
export interface TikTokDataProvider {
  /** What this provider reads: recorded on every run it serves, and said in offline reports. */
  readonly source: DataSource;
  getProfile(handle: string): Promise<TikTokProfile>;
  /** Newest first. */
  listVideos(handle: string, options: { limit: number }): Promise<TikTokVideo[]>;
  /** One snapshot per day, oldest first, ending today. Creator (Display API) accounts have no history. */
  getFollowerHistory(handle: string, options: { days: number }): Promise<FollowerSnapshot[]>;
  /** Creative Center trends have no official API: a TikTok source throws DataUnavailableError. */
  getTrends(query: TrendQuery): Promise<Trend[]>;
  /** Daily ad metrics for a campaign, oldest first. */
  getCampaignReport(campaignId: string, options: { days: number }): Promise<AdReportRow[]>;
  /** The campaign's budget; null when the advertiser has no such campaign. */
  getCampaignBudget(campaignId: string): Promise<CampaignBudget | null>;
  /** Each ad of the campaign over the range, one row per ad that delivered. */
  getAdReport(campaignId: string, range: DayRange): Promise<AdCreativeRow[]>;
}
