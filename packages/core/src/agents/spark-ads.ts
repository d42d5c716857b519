import { z } from "zod";
import type { AdPayload } from "../data/campaign-payload.ts";
import type { TikTokVideo } from "../data/provider.ts";
import { lineSchema, textSchema } from "./bounds.ts";
import { median } from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";
import type { VideoSummary } from "./video-ranking.ts";

/** Spark Ads per draft: enough to let the auction pick a winner, few enough to fund each. */
export const CREATIVES_MAX = 3;
/** TikTok takes 1–5 ads per ad group. */
const ADS_PER_GROUP_MAX = 5;

export const creativeSchema = z.object({
  video_id: lineSchema,
  title: textSchema,
  /** Why this video: its hold (or, without watch time, its reach × engagement), with the figures. */
  reason: lineSchema,
});
export type Creative = z.infer<typeof creativeSchema>;

/**
 * Up to three videos that keep people watching, among those with at least the median views (retention
 * on a video nobody saw proves nothing): ranked by hold = average time watched ÷ duration, then by
 * full-watch rate. Sources without watch time (the Display API) fall back to the reach × engagement
 * ranking, and each reason says so.
 */
export function chooseCreatives(
  videos: readonly TikTokVideo[],
  best: readonly TikTokVideo[],
  ranked: readonly VideoSummary[],
): { video: TikTokVideo; reason: string }[] {
  const medianViews = median(videos.map((v) => v.view_count));
  const seen = videos.filter((v) => v.view_count >= medianViews);
  const withRetention = seen.every(
    (v) => v.average_time_watched !== null && v.full_video_watched_rate !== null,
  );
  if (withRetention)
    return seen
      .map((video) => ({
        video,
        hold: (video.average_time_watched ?? 0) / video.duration,
        full: video.full_video_watched_rate ?? 0,
      }))
      .sort((a, b) => b.hold - a.hold || b.full - a.full)
      .slice(0, CREATIVES_MAX)
      .map(({ video, hold, full }) => ({
        video,
        reason:
          `hold ${pct(hold)} (average ${video.average_time_watched}s watched of ${video.duration}s), ` +
          `${pct(full)} watched to the end; ${compactNumber(video.view_count)} views (your median ${compactNumber(medianViews)})`,
      }));
  const fallback = "watch time not available from this API, so ranked by reach × engagement";
  if (best.length === 0) {
    const top = [...videos].sort((a, b) => b.view_count - a.view_count)[0] as TikTokVideo;
    return [{ video: top, reason: `${fallback}: too few videos to rank, the most-viewed is promoted` }];
  }
  return best.slice(0, CREATIVES_MAX).map((video, i) => {
    const summary = ranked[i];
    return {
      video,
      reason: `${fallback}: score ${summary?.score} (1 = a median post), ${compactNumber(video.view_count)} views, ${summary?.engagement_rate}% engagement`,
    };
  });
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * One ad per video and per copy, paired in turn (video k with copy k), so every chosen video runs and
 * every copy is tried, within TikTok's 5 ads per ad group.
 */
export function sparkAds(
  videos: readonly TikTokVideo[],
  copies: readonly string[],
  callToAction: AdPayload["call_to_action"],
): AdPayload[] {
  const count = Math.min(ADS_PER_GROUP_MAX, Math.max(videos.length, copies.length));
  return Array.from({ length: count }, (_, k): AdPayload => {
    const video = videos[k % videos.length] as TikTokVideo;
    const n = k % copies.length;
    return {
      ad_name: `${video.id} · copy ${n + 1}`,
      ad_text: copies[n] as string,
      ad_format: "SINGLE_VIDEO",
      identity_type: "TT_USER",
      tiktok_item_id: video.id,
      call_to_action: callToAction,
    };
  });
}
