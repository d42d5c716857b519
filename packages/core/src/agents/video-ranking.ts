import { z } from "zod";
import type { TikTokVideo } from "../data/provider.ts";
import { lineSchema, textSchema } from "./bounds.ts";
import { isGenericHashtag, normalizeHashtag } from "./hashtag.ts";
import { ENGAGEMENT_TERMS, median, postEngagementRate, round2 } from "./metrics.ts";

export const videoSummarySchema = z.object({
  id: lineSchema,
  title: textSchema,
  views: z.number().int().nonnegative(),
  /** (likes + comments + shares) / views × 100 of this video. */
  engagement_rate: z.number(),
  /** √(views ÷ median views × engagement rate ÷ median engagement rate): 1 is a median post. */
  score: z.number().nonnegative(),
});
export type VideoSummary = z.infer<typeof videoSummarySchema>;

/** Views keep arriving for about two days; ranking fresher videos would punish them for being new. */
export const SETTLED_SECONDS = 48 * 3600;
/** The best and the worst videos shown, each. */
export const VIDEOS_SHOWN = 5;

/** How the videos are ranked, printed beside the ranking. */
export const RANKING_FORMULA =
  `score = √((views / median views) × (engagement rate / median engagement rate)), engagement rate = (${ENGAGEMENT_TERMS}) / views; ` +
  "reach and engagement weigh equally, 1 = a median post; videos under 48 hours old are not ranked";

export interface VideoRanking {
  top: VideoSummary[];
  /** Worst first. */
  bottom: VideoSummary[];
  /** Hashtags used most by the best-scoring quarter of videos (at least 5 of them), generic ones left out. */
  topHashtags: string[];
}

/**
 * Ranks settled videos on reach and engagement together, each relative to the pool's median, so a
 * video far above the median views is never "worst" for a slightly lower rate; falls back to all
 * videos when few have settled.
 */
export function rankVideos(videos: readonly TikTokVideo[], now: Date): VideoRanking {
  const settledBefore = now.getTime() / 1000 - SETTLED_SECONDS;
  const settled = videos.filter((v) => v.create_time <= settledBefore);
  const pool = settled.length >= 4 ? settled : [...videos];
  const ranked = scoreVideos(pool).sort(
    (a, b) => b.score - a.score || b.video.view_count - a.video.view_count,
  );
  const shown = Math.min(VIDEOS_SHOWN, Math.floor(ranked.length / 2));
  const summary = ({ video, rate, score }: (typeof ranked)[number]): VideoSummary => ({
    id: video.id,
    title: video.title,
    views: video.view_count,
    engagement_rate: round2(rate),
    score: round2(score),
  });
  const best = ranked.slice(0, Math.max(VIDEOS_SHOWN, Math.ceil(ranked.length / 4))).map((r) => r.video);
  return {
    top: ranked.slice(0, shown).map(summary),
    bottom: ranked
      .slice(ranked.length - shown)
      .reverse()
      .map(summary),
    topHashtags: mostUsedHashtags(best, VIDEOS_SHOWN),
  };
}

/**
 * Each video's reach-and-engagement score within `pool` (RANKING_FORMULA): 1 is the pool's median post.
 * @example
 * scoreVideos(settled).map((s) => s.score); // [1.8, 0.6, ...], in the pool's order
 */
export function scoreVideos(
  pool: readonly TikTokVideo[],
): { video: TikTokVideo; rate: number; score: number }[] {
  const rates = pool.map(postEngagementRate);
  const medianViews = median(pool.map((v) => v.view_count));
  const medianRate = median(rates);
  return pool.map((video, i) => {
    const rate = rates[i] ?? 0;
    const reach = medianViews === 0 ? 1 : video.view_count / medianViews;
    const engagement = medianRate === 0 ? 1 : rate / medianRate;
    return { video, rate, score: Math.sqrt(reach * engagement) };
  });
}

function mostUsedHashtags(videos: readonly TikTokVideo[], count: number): string[] {
  const uses = new Map<string, number>();
  for (const video of videos)
    for (const raw of video.hashtags) {
      const tag = normalizeHashtag(raw);
      if (!isGenericHashtag(tag)) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    }
  return [...uses.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([tag]) => tag);
}
