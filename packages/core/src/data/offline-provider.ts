import { displayNameOf, offlineAccount } from "./offline-account.ts";
import { offlineAdReport, offlineCampaignBudget, offlineCampaignReport } from "./offline-ads.ts";
import { categoryCatalog } from "./offline-catalog.ts";
import { offlineFollowerHistory } from "./offline-followers.ts";
import { offlineTrends } from "./offline-trends.ts";
import { offlineVideos } from "./offline-videos.ts";
import type { TikTokDataProvider, TikTokProfile } from "./provider.ts";

/** The Display API pages 20 at a time; we let agents ask for up to 25 pages in one call. */
export const MAX_VIDEO_LIMIT = 500;
/** The Marketing API's report endpoint accepts a day range of at most 30 days. */
export const MAX_REPORT_DAYS = 30;
const MAX_HISTORY_DAYS = 365;

/**
 * A TikTok data provider that needs no network or credentials: every account, trend and campaign is
 * drawn from a PRNG seeded by its handle (or category and region, or campaign id), with dates
 * relative to `now()`. Same handle and clock, same data.
 * @example
 * const data = createOfflineProvider({ now: () => new Date("2026-11-01T12:00:00Z") });
 * const videos = await data.listVideos("glowwithmia", { limit: 120 }); // newest first
 */
export function createOfflineProvider(options: { now?: () => Date } = {}): TikTokDataProvider {
  const now = options.now ?? (() => new Date());
  return {
    source: "offline",
    async getProfile(handle) {
      const account = offlineAccount(handle);
      const videos = offlineVideos(account, now());
      return {
        handle: account.handle,
        display_name: displayNameOf(account.handle),
        bio_description: categoryCatalog(account.category).bio,
        is_verified: account.isVerified,
        follower_count: account.followerCount,
        following_count: account.followingCount,
        likes_count: videos.reduce((sum, video) => sum + video.like_count, 0),
        video_count: videos.length,
        category: account.category,
        region: account.region,
      } satisfies TikTokProfile;
    },
    async listVideos(handle, { limit }) {
      assertRange("limit", limit, 1, MAX_VIDEO_LIMIT);
      return offlineVideos(offlineAccount(handle), now()).slice(0, limit);
    },
    async getFollowerHistory(handle, { days }) {
      assertRange("days", days, 1, MAX_HISTORY_DAYS);
      return offlineFollowerHistory(offlineAccount(handle), days, now());
    },
    async getTrends(query) {
      return offlineTrends(query, now());
    },
    async getCampaignReport(campaignId, { days }) {
      assertRange("days", days, 1, MAX_REPORT_DAYS);
      return offlineCampaignReport(campaignId, days, now());
    },
    async getCampaignBudget(campaignId) {
      return offlineCampaignBudget(campaignId);
    },
    async getAdReport(campaignId, range) {
      assertDayRange(range);
      return offlineAdReport(campaignId, range, now());
    },
  };
}

/** Out-of-range paging fails loudly here, as the real APIs would, so mock runs catch it too. */
function assertRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function assertDayRange({ start_date, end_date }: { start_date: string; end_date: string }): void {
  if (!DAY_RE.test(start_date) || !DAY_RE.test(end_date) || start_date > end_date)
    throw new RangeError(`expected start_date ≤ end_date as YYYY-MM-DD, got ${start_date} to ${end_date}`);
}
