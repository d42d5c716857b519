import type { BusinessProfile, BusinessVideo } from "../business/endpoints.ts";
import type { DisplayUser, DisplayVideo } from "../display/endpoints.ts";

/** The creator and business account the stub serves: fixed numbers, so tests can assert on them. */
export interface StubAccount {
  /** The stub's "now", unix seconds: videos, daily insights and ad reports are dated back from it. */
  now: number;
  user: DisplayUser;
  videos: DisplayVideo[];
  /** What `business/get` knows of the account, without the daily `metrics` (made per requested day). */
  business: Omit<BusinessProfile, "metrics">;
  businessVideos: BusinessVideo[];
}

const DAY = 86_400;

/** `count` videos, newest first, one every two days back from `now` (unix seconds). */
export function stubAccount(
  options: { openId?: string; videoCount?: number; now?: number } = {},
): StubAccount {
  const openId = options.openId ?? "stub-open-id-1";
  const now = options.now ?? 1_790_000_000;
  const count = options.videoCount ?? 45;
  const videos = Array.from({ length: count }, (_, i): DisplayVideo => {
    const views = 10_000 + ((i * 7919) % 50_000);
    return {
      id: `7${String(100000 + i).padStart(18, "0")}`,
      create_time: now - i * 2 * DAY,
      duration: 15 + (i % 4) * 15,
      title: `Stub video ${i + 1}`,
      video_description: `Stub video ${i + 1} #stub #tiktok`,
      share_url: `https://www.tiktok.com/@stubcreator/video/${i + 1}`,
      view_count: views,
      like_count: Math.round(views * 0.06),
      comment_count: Math.round(views * 0.004),
      share_count: Math.round(views * 0.002),
    };
  });
  const user: DisplayUser = {
    open_id: openId,
    username: "stubcreator",
    display_name: "Stub Creator",
    bio_description: "A made-up creator served by the local TikTok stub.",
    is_verified: false,
    follower_count: 48_200,
    following_count: 310,
    likes_count: videos.reduce((sum, v) => sum + v.like_count, 0),
    video_count: count,
  };
  const businessVideos = videos.map(
    (v, i): BusinessVideo => ({
      item_id: v.id,
      create_time: v.create_time,
      caption: v.video_description,
      share_url: v.share_url,
      video_duration: v.duration,
      video_views: v.view_count,
      likes: v.like_count,
      comments: v.comment_count,
      shares: v.share_count,
      favorites: Math.round(v.view_count * 0.011),
      reach: Math.round(v.view_count * 0.8),
      total_time_watched: Math.round(v.view_count * v.duration * 0.4),
      average_time_watched: Math.round(v.duration * 0.4 * 10) / 10,
      full_video_watched_rate: Math.round((0.12 + (i % 5) * 0.03) * 1000) / 1000,
      impression_sources: [
        { impression_source: "For You", percentage: 0.72 },
        { impression_source: "Follow", percentage: 0.14 },
        { impression_source: "Personal Profile", percentage: 0.09 },
        { impression_source: "Search", percentage: 0.05 },
      ],
    }),
  );
  const business: StubAccount["business"] = {
    username: user.username,
    display_name: user.display_name,
    profile_image: "https://p16-sign.tiktokcdn.com/stub/avatar.jpeg",
    bio_description: user.bio_description,
    is_verified: user.is_verified,
    followers_count: user.follower_count,
    following_count: user.following_count,
    total_likes: user.likes_count,
    videos_count: count,
  };
  return { now, user, videos, business, businessVideos };
}

/** A number in [0, 1) fixed by `key`: the stub's daily figures vary by day, never by run. */
export function stubNoise(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  // FNV-1a alone barely moves the high bits when only the last characters (the day) differ: mix them.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}
