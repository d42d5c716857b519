import type { FollowerSnapshot } from "@tiktok-army/core";
import { DataUnavailableError, type TikTokProfile, type TikTokVideo } from "@tiktok-army/core";
import { AccountSourceError, assertSameAccount } from "../account-handle.ts";
import { hashtagsOf } from "../display/creator-source.ts";
import type { TikTokClient } from "../http-client.ts";
import { addUtcDays, utcDay } from "../utc-day.ts";
import {
  BUSINESS_DAILY_FIELDS,
  BUSINESS_METRICS_MAX_DAYS,
  BUSINESS_PROFILE_FIELDS,
  BUSINESS_VIDEO_FIELDS,
  BUSINESS_VIDEO_PAGE_MAX,
  type BusinessVideoRead,
  businessGet,
  businessVideoList,
} from "./endpoints.ts";

const SOURCE = "the Business API";

export interface BusinessSourceOptions {
  /** The business account's id at TikTok (its `open_id`), sent as `business_id`. */
  businessId: string;
  now?: () => Date;
}

/**
 * Reads one connected business account over TikTok's Accounts API: the profile, videos with reach,
 * watch time, full-watch rate and impression sources, and the daily follower counts TikTok keeps
 * (the last 60 days). A handle other than the account's username is refused.
 * @example
 * const source = createBusinessSource(businessClient, { businessId: connection.externalId });
 * const videos = await source.listVideos("glowwithmia", { limit: 90 }); // 5 pages, newest first
 */
export function createBusinessSource(client: TikTokClient, options: BusinessSourceOptions) {
  const now = options.now ?? (() => new Date());
  const businessId = options.businessId;
  const readProfile = (range?: { start_date: string; end_date: string }) =>
    client.call(businessGet, {
      query: {
        business_id: businessId,
        fields: JSON.stringify(
          range ? [...BUSINESS_PROFILE_FIELDS, ...BUSINESS_DAILY_FIELDS] : BUSINESS_PROFILE_FIELDS,
        ),
        ...range,
      },
    });
  const assertHandle = (handle: string, username: string) => assertSameAccount("business", handle, username);

  return {
    async getProfile(handle: string): Promise<TikTokProfile> {
      const profile = await readProfile();
      assertHandle(handle, profile.username);
      return {
        handle: profile.username,
        display_name: profile.display_name,
        bio_description: profile.bio_description ?? "",
        is_verified: profile.is_verified,
        follower_count: profile.followers_count,
        following_count: profile.following_count,
        likes_count: profile.total_likes,
        video_count: profile.videos_count,
        // TikTok classifies neither the niche nor the account's region: the agents derive or omit them.
        category: null,
        region: null,
      };
    },

    /** Newest first, at most `limit`, paging 20 at a time by cursor until TikTok has no more. */
    async listVideos(handle: string, { limit }: { limit: number }): Promise<TikTokVideo[]> {
      if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer, got ${limit}`);
      assertHandle(handle, (await readProfile()).username);
      const videos: TikTokVideo[] = [];
      let cursor: number | undefined;
      while (videos.length < limit) {
        const page = await client.call(businessVideoList, {
          query: {
            business_id: businessId,
            fields: JSON.stringify(BUSINESS_VIDEO_FIELDS),
            max_count: Math.min(BUSINESS_VIDEO_PAGE_MAX, limit - videos.length),
            cursor,
          },
        });
        videos.push(...page.videos.slice(0, limit - videos.length).map(toProviderVideo));
        if (!page.has_more) break;
        if (page.videos.length === 0 || page.cursor === undefined || page.cursor === cursor)
          throw new AccountSourceError(
            "stalled_pagination",
            "TikTok said has_more but the cursor did not move",
          );
        cursor = page.cursor;
      }
      return videos;
    },

    /**
     * Daily follower totals, oldest first, for the days TikTok has: it keeps 60 days and its insights
     * lag a day or two, so a longer window or the last day or two come back shorter, never padded.
     */
    async getFollowerHistory(handle: string, { days }: { days: number }): Promise<FollowerSnapshot[]> {
      if (!Number.isInteger(days) || days < 1)
        throw new RangeError(`days must be a positive integer, got ${days}`);
      const today = utcDay(now());
      const span = Math.min(days, BUSINESS_METRICS_MAX_DAYS);
      const profile = await readProfile({ start_date: addUtcDays(today, 1 - span), end_date: today });
      assertHandle(handle, profile.username);
      const history = (profile.metrics ?? [])
        .flatMap((day) =>
          day.daily_total_followers == null
            ? []
            : [{ date: day.date, follower_count: day.daily_total_followers }],
        )
        .sort((a, b) => a.date.localeCompare(b.date));
      if (history.length === 0)
        throw new DataUnavailableError(
          "follower history",
          SOURCE,
          `TikTok returned no daily follower totals for @${profile.username} over the last ${span} days (its insights lag a day or two, and accounts under 100 followers get none)`,
        );
      return history;
    },
  };
}

export type BusinessSource = ReturnType<typeof createBusinessSource>;

function toProviderVideo(video: BusinessVideoRead): TikTokVideo {
  return {
    id: video.item_id,
    create_time: video.create_time,
    duration: video.video_duration,
    // The Accounts API has one text, the caption; its first line stands in for a title.
    title: titleOf(video.caption),
    video_description: video.caption,
    hashtags: hashtagsOf(video.caption),
    view_count: video.video_views,
    like_count: video.likes,
    comment_count: video.comments,
    share_count: video.shares,
    save_count: video.favorites ?? null,
    reach: video.reach ?? null,
    average_time_watched: averageTimeWatched(video),
    full_video_watched_rate: video.full_video_watched_rate ?? null,
    impression_sources: video.impression_sources ? sharesBySource(video.impression_sources) : null,
  };
}

/** TikTok's average, else total watch time over views (the same quantity); null when neither is given. */
function averageTimeWatched(video: BusinessVideoRead): number | null {
  if (video.average_time_watched != null) return video.average_time_watched;
  if (video.total_time_watched == null || video.video_views === 0) return null;
  return Math.round((video.total_time_watched / video.video_views) * 100) / 100;
}

/**
 * `[{ impression_source: "For You", percentage: 0.72 }]` -> `{ For_You: 0.72 }`: the keys core's
 * metrics read (`impression_sources.For_You`), spaces as underscores.
 */
export function sharesBySource(
  sources: readonly { impression_source: string; percentage: number }[],
): Record<string, number> {
  return Object.fromEntries(
    sources.map((s) => [s.impression_source.trim().replace(/\s+/g, "_"), s.percentage]),
  );
}

function titleOf(caption: string): string {
  const line = caption.split("\n", 1)[0]?.trim() ?? "";
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
