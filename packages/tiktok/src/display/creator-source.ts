import {
  DataUnavailableError,
  type FollowerSnapshot,
  type TikTokProfile,
  type TikTokVideo,
} from "@tiktok-army/core";
import { AccountSourceError, assertSameAccount } from "../account-handle.ts";
import type { TikTokClient } from "../http-client.ts";
import {
  DISPLAY_USER_FIELDS,
  DISPLAY_VIDEO_FIELDS,
  DISPLAY_VIDEO_PAGE_MAX,
  type DisplayVideo,
  displayUserInfo,
  displayVideoList,
} from "./endpoints.ts";

/** Core's video fields the Display API has no source for: always null from it, never filled in. */
export const DISPLAY_VIDEO_UNAVAILABLE = [
  "save_count",
  "reach",
  "average_time_watched",
  "full_video_watched_rate",
  "impression_sources",
] as const satisfies readonly (keyof TikTokVideo)[];

/**
 * Reads one connected creator account over the Display API. The connection is for one account: a
 * handle other than its username is refused, never answered with the connected account's data.
 * @example
 * const source = createCreatorSource(displayClient);
 * const videos = await source.listVideos("glowwithmia", { limit: 90 }); // 5 pages, newest first
 */
export function createCreatorSource(client: TikTokClient) {
  const assertHandle = (handle: string, username: string) => assertSameAccount("creator", handle, username);
  const readUser = async () =>
    (await client.call(displayUserInfo, { query: { fields: DISPLAY_USER_FIELDS.join(",") } })).user;

  return {
    async getProfile(handle: string): Promise<TikTokProfile> {
      const user = await readUser();
      assertHandle(handle, user.username);
      return {
        handle: user.username,
        display_name: user.display_name,
        bio_description: user.bio_description,
        is_verified: user.is_verified,
        follower_count: user.follower_count,
        following_count: user.following_count,
        likes_count: user.likes_count,
        video_count: user.video_count,
        // The Display API classifies neither the niche nor the account's region.
        category: null,
        region: null,
      };
    },

    /** Newest first, at most `limit`, paging 20 at a time by cursor until TikTok has no more. */
    async listVideos(handle: string, { limit }: { limit: number }): Promise<TikTokVideo[]> {
      if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer, got ${limit}`);
      assertHandle(handle, (await readUser()).username);
      const videos: TikTokVideo[] = [];
      let cursor: number | undefined;
      while (videos.length < limit) {
        const page = await client.call(displayVideoList, {
          query: { fields: DISPLAY_VIDEO_FIELDS.join(",") },
          body: { max_count: Math.min(DISPLAY_VIDEO_PAGE_MAX, limit - videos.length), cursor },
        });
        videos.push(...page.videos.slice(0, limit - videos.length).map(toCreatorVideo));
        if (!page.has_more) break;
        if (page.videos.length === 0 || page.cursor === cursor)
          throw new AccountSourceError(
            "stalled_pagination",
            "TikTok said has_more but the cursor did not move",
          );
        cursor = page.cursor;
      }
      return videos;
    },

    async getFollowerHistory(_handle: string, _options: { days: number }): Promise<FollowerSnapshot[]> {
      throw new DataUnavailableError(
        "follower history",
        "the Display API",
        "TikTok gives creators' follower history only to business accounts",
      );
    },
  };
}

export type CreatorSource = ReturnType<typeof createCreatorSource>;

function toCreatorVideo(video: DisplayVideo): TikTokVideo {
  return {
    id: video.id,
    create_time: video.create_time,
    duration: video.duration,
    title: video.title,
    video_description: video.video_description,
    hashtags: hashtagsOf(video.video_description),
    view_count: video.view_count,
    like_count: video.like_count,
    comment_count: video.comment_count,
    share_count: video.share_count,
    save_count: null,
    reach: null,
    average_time_watched: null,
    full_video_watched_rate: null,
    impression_sources: null,
  };
}

/** `#tags` as written in the description, lower-cased, without `#`, each once, in order. */
export function hashtagsOf(description: string): string[] {
  const tags = [...description.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => (m[1] ?? "").toLowerCase());
  return [...new Set(tags)];
}
