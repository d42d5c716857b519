import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";

/** Fields we request from `GET /v2/user/info/` (scopes user.info.basic, .profile, .stats). */
export const DISPLAY_USER_FIELDS = [
  "open_id",
  "username",
  "display_name",
  "bio_description",
  "is_verified",
  "follower_count",
  "following_count",
  "likes_count",
  "video_count",
] as const;

export const displayUserSchema = z.object({
  open_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  bio_description: z.string(),
  is_verified: z.boolean(),
  follower_count: z.number().int().nonnegative(),
  following_count: z.number().int().nonnegative(),
  likes_count: z.number().int().nonnegative(),
  video_count: z.number().int().nonnegative(),
});
export type DisplayUser = z.infer<typeof displayUserSchema>;

/** `GET /v2/user/info/?fields=...`: the connected creator's profile. */
export const displayUserInfo = defineEndpoint({
  style: "display",
  method: "GET",
  path: "/v2/user/info/",
  data: z.object({ user: displayUserSchema }),
  itemsRead: () => 1,
});

/** Fields we request from `POST /v2/video/list/` (scope video.list). No watch time, no traffic sources. */
export const DISPLAY_VIDEO_FIELDS = [
  "id",
  "create_time",
  "duration",
  "title",
  "video_description",
  "share_url",
  "like_count",
  "comment_count",
  "share_count",
  "view_count",
] as const;

export const displayVideoSchema = z.object({
  id: z.string(),
  create_time: z.number().int(),
  duration: z.number().nonnegative(),
  title: z.string(),
  video_description: z.string(),
  share_url: z.string(),
  like_count: z.number().int().nonnegative(),
  comment_count: z.number().int().nonnegative(),
  share_count: z.number().int().nonnegative(),
  view_count: z.number().int().nonnegative(),
});
export type DisplayVideo = z.infer<typeof displayVideoSchema>;

/** The Display API's page size limit. */
export const DISPLAY_VIDEO_PAGE_MAX = 20;

/** `POST /v2/video/list/?fields=...` with body `{ max_count, cursor }`: newest first, cursor paged. */
export const displayVideoList = defineEndpoint({
  style: "display",
  method: "POST",
  path: "/v2/video/list/",
  data: z.object({ videos: z.array(displayVideoSchema), cursor: z.number().int(), has_more: z.boolean() }),
  itemsRead: (data) => data.videos.length,
});
