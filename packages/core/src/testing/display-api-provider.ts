import { DataUnavailableError } from "../data/errors.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import type { TikTokDataProvider } from "../data/provider.ts";

const DISPLAY_API = "TikTok's Display API";

/**
 * A provider shaped like a creator account read through the Display API: profile and public video
 * counts only. Insights (saves, reach, watch time, traffic sources), category and region are null;
 * follower history and trends throw DataUnavailableError, as a real TikTok source does.
 */
export function createDisplayApiProvider(options: { now?: () => Date } = {}): TikTokDataProvider {
  const offline = createOfflineProvider(options);
  return {
    source: "tiktok",
    async getProfile(handle) {
      return { ...(await offline.getProfile(handle)), category: null, region: null };
    },
    async listVideos(handle, query) {
      return (await offline.listVideos(handle, query)).map((video) => ({
        ...video,
        save_count: null,
        reach: null,
        average_time_watched: null,
        full_video_watched_rate: null,
        impression_sources: null,
      }));
    },
    async getFollowerHistory() {
      throw new DataUnavailableError(
        "Follower history",
        DISPLAY_API,
        "a creator account has no follower history",
      );
    },
    async getTrends() {
      throw new DataUnavailableError(
        "Trends",
        "TikTok's APIs",
        "Creative Center trends have no official API",
      );
    },
    getCampaignReport: (campaignId, query) => offline.getCampaignReport(campaignId, query),
    getCampaignBudget: (campaignId) => offline.getCampaignBudget(campaignId),
    getAdReport: (campaignId, range) => offline.getAdReport(campaignId, range),
  };
}
