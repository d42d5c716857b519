import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";

/**
 * API for Business, TikTok Accounts (`/open_api/v1.3`). Field names as TikTok documents them for
 * `business/get` and `business/video/list`; verify against the current docs before relying on one.
 */
export const businessProfileSchema = z.object({
  username: z.string(),
  display_name: z.string(),
  profile_image: z.string().optional(),
  followers_count: z.number().int().nonnegative(),
  following_count: z.number().int().nonnegative().optional(),
  videos_count: z.number().int().nonnegative().optional(),
  likes_count: z.number().int().nonnegative().optional(),
  is_verified: z.boolean().optional(),
});
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

/** `GET /open_api/v1.3/business/get/?business_id=...&fields=[...]`. */
export const businessGet = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/business/get/",
  data: businessProfileSchema,
  itemsRead: () => 1,
});

export const businessVideoSchema = z.object({
  item_id: z.string(),
  create_time: z.number().int(),
  caption: z.string(),
  share_url: z.string(),
  video_duration: z.number().nonnegative(),
  video_views: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  comments: z.number().int().nonnegative(),
  shares: z.number().int().nonnegative(),
  reach: z.number().int().nonnegative(),
  total_time_watched: z.number().nonnegative(),
  average_time_watched: z.number().nonnegative(),
  /** As TikTok returns it, a percentage-like ratio from 0 to 1. */
  full_video_watched_rate: z.number().min(0).max(1),
  impression_sources: z.array(z.object({ impression_source: z.string(), percentage: z.number() })),
});
export type BusinessVideo = z.infer<typeof businessVideoSchema>;

/** `GET /open_api/v1.3/business/video/list/?business_id=...&fields=[...]&cursor=&max_count=`. */
export const businessVideoList = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/business/video/list/",
  data: z.object({ videos: z.array(businessVideoSchema), cursor: z.number().int(), has_more: z.boolean() }),
  itemsRead: (data) => data.videos.length,
});
