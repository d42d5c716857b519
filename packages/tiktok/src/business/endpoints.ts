import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";

/*
 * API for Business, TikTok Accounts (`/open_api/v1.3`), as TikTok documents `business/get` and
 * `business/video/list`. Both return only the fields named in `fields` (a JSON array in the query);
 * without it TikTok sends its defaults (`display_name`, `profile_image`; `item_id`).
 */

const count = z.number().int().nonnegative();

/** Fields we ask `business/get` for: the profile, and the daily series in `metrics` for a date range. */
export const BUSINESS_PROFILE_FIELDS = [
  "username",
  "display_name",
  "profile_image",
  "bio_description",
  "is_verified",
  "followers_count",
  "following_count",
  "total_likes",
  "videos_count",
] as const;

/** Daily fields of `business/get`, returned per day in `metrics` when `start_date`/`end_date` are given. */
export const BUSINESS_DAILY_FIELDS = [
  "daily_total_followers",
  "daily_new_followers",
  "daily_lost_followers",
] as const;

/**
 * One UTC day of account insights. TikTok leaves a daily figure out (or null) where it has none,
 * e.g. follower counts of accounts under 100 followers.
 */
export const businessDailyMetricSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a YYYY-MM-DD date"),
  daily_total_followers: count.nullish(),
  daily_new_followers: count.nullish(),
  daily_lost_followers: count.nullish(),
});
export type BusinessDailyMetric = z.infer<typeof businessDailyMetricSchema>;

export const businessProfileSchema = z.object({
  username: z.string(),
  display_name: z.string(),
  profile_image: z.string().optional(),
  /** Absent for an account that never wrote a bio. */
  bio_description: z.string().optional(),
  is_verified: z.boolean(),
  followers_count: count,
  following_count: count,
  total_likes: count,
  videos_count: count,
  metrics: z.array(businessDailyMetricSchema).optional(),
});
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

/** `GET /open_api/v1.3/business/get/?business_id=&fields=[...]&start_date=&end_date=`. */
export const businessGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/business/get/",
  data: businessProfileSchema,
  itemsRead: (data) => Math.max(1, data.metrics?.length ?? 0),
});

/** How far back `business/get` keeps daily metrics. */
export const BUSINESS_METRICS_MAX_DAYS = 60;

/** Fields we ask `business/video/list` for. Insights (reach, watch time, sources) need `video.insights`. */
export const BUSINESS_VIDEO_FIELDS = [
  "item_id",
  "create_time",
  "caption",
  "share_url",
  "video_duration",
  "video_views",
  "likes",
  "comments",
  "shares",
  "favorites",
  "reach",
  "total_time_watched",
  "average_time_watched",
  "full_video_watched_rate",
  "impression_sources",
] as const;

/** Insights TikTok omits for a video it has none for (or when the token lacks `video.insights`). */
export const businessVideoSchema = z.object({
  item_id: z.string(),
  /** Unix seconds; some replies carry it as a numeric string. */
  create_time: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  caption: z.string(),
  share_url: z.string().optional(),
  video_duration: z.number().nonnegative(),
  video_views: count,
  likes: count,
  comments: count,
  shares: count,
  /** Saves ("favorites" in the TikTok app). */
  favorites: count.nullish(),
  reach: count.nullish(),
  total_time_watched: z.number().nonnegative().nullish(),
  average_time_watched: z.number().nonnegative().nullish(),
  /** A ratio from 0 to 1. */
  full_video_watched_rate: z.number().min(0).max(1).nullish(),
  /** Share of views per source, each a ratio from 0 to 1 (`For You`, `Follow`, `Search`, ...). */
  impression_sources: z
    .array(z.object({ impression_source: z.string(), percentage: z.number().min(0).max(1) }))
    .nullish(),
});
export type BusinessVideo = z.input<typeof businessVideoSchema>;
export type BusinessVideoRead = z.output<typeof businessVideoSchema>;

/** The Accounts API's page size limit. */
export const BUSINESS_VIDEO_PAGE_MAX = 20;

/** `GET /open_api/v1.3/business/video/list/?business_id=&fields=[...]&cursor=&max_count=`, newest first. */
export const businessVideoList = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/business/video/list/",
  data: z.object({
    videos: z.array(businessVideoSchema),
    cursor: z.number().int().optional(),
    has_more: z.boolean(),
  }),
  itemsRead: (data) => data.videos.length,
});
