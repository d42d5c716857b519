import { z } from "zod";
import type { TikTokProfile, TikTokVideo } from "../data/provider.ts";
import { lineSchema } from "./bounds.ts";
import { type Metric, median, metricSchema, postEngagementRate, ratio, round2 } from "./metrics.ts";

/**
 * What a competitor scan compares. Only public figures: no TikTok API lets a brand read another
 * account's private insights (reach, watch time, traffic sources), so none of those appear here.
 */
export const BENCHMARK_METRICS = [
  "followers",
  "posts_per_week",
  "median_views",
  "engagement_rate_by_views",
  "breakout_share",
] as const;
export type BenchmarkMetric = (typeof BENCHMARK_METRICS)[number];

const metricsSchema = z.object({
  followers: metricSchema,
  posts_per_week: metricSchema,
  median_views: metricSchema,
  /** Median per post of (likes + comments + shares) / views × 100; saves excluded, as Rival IQ counts. */
  engagement_rate_by_views: metricSchema,
  /** % of the window's posts with more than twice the account's median views. */
  breakout_share: metricSchema,
});

export const benchmarkAccountSchema = z.object({
  handle: lineSchema,
  is_brand: z.boolean(),
  posts_in_window: z.number().int().nonnegative(),
  /** False when the listing hit `video_limit` inside the window: the counts are then lower bounds. */
  window_covered: z.boolean(),
  metrics: metricsSchema,
});
export type BenchmarkAccount = z.infer<typeof benchmarkAccountSchema>;

export const brandRankSchema = z.object({
  /** 1 is best (the highest value); accounts with equal values share a rank. */
  rank: z.number().int().positive(),
  of: z.number().int().positive(),
  leader: lineSchema,
  formula: lineSchema,
});
export type BrandRank = z.infer<typeof brandRankSchema>;

export function inWindow(videos: readonly TikTokVideo[], since: number): TikTokVideo[] {
  return videos.filter((v) => v.create_time >= since);
}

/** One account's comparable public figures over the window, each with its formula. */
export function publicFigures(
  profile: TikTokProfile,
  videos: readonly TikTokVideo[],
  window: { since: number; windowDays: number; limit: number; isBrand: boolean },
): BenchmarkAccount {
  const { since, windowDays: days, limit } = window;
  const posts = inWindow(videos, since);
  // Newest first: a full listing whose oldest video is still inside the window may have missed posts.
  const oldest = videos.at(-1);
  const covered = videos.length < limit || (oldest !== undefined && oldest.create_time < since);
  const bound = covered ? "" : ` (listing capped at ${limit} videos: a lower bound)`;
  const views = posts.map((v) => v.view_count);
  const medianViews = median(views);
  const withViews = posts.filter((v) => v.view_count > 0);
  const n = posts.length;
  const metrics: Record<BenchmarkMetric, Metric> = {
    followers: { value: profile.follower_count, formula: "follower_count of the public profile" },
    posts_per_week: {
      value: round2(n / (days / 7)),
      formula: `posts in the last ${days} days / (${days} / 7)${bound}`,
    },
    median_views: {
      value: Math.round(medianViews),
      formula: `median views of the ${n} posts in the last ${days} days`,
    },
    engagement_rate_by_views: {
      value: round2(median(withViews.map(postEngagementRate))),
      formula:
        `median per post of (likes + comments + shares) / views × 100 over the ${withViews.length} posts with views ` +
        `in the last ${days} days; saves excluded, as in Rival IQ's brand benchmark`,
    },
    breakout_share: {
      value: round2(ratio(views.filter((v) => v > 2 * medianViews).length, n) * 100),
      formula: `posts with views > 2 × the account's median views / ${n} posts in the last ${days} days × 100`,
    },
  };
  return {
    handle: profile.handle,
    is_brand: window.isBrand,
    posts_in_window: n,
    window_covered: covered,
    metrics,
  };
}

/** The brand's (the first account's) rank on each metric: 1 + the accounts with a higher value. */
export function brandRanks(accounts: readonly BenchmarkAccount[]): Record<BenchmarkMetric, BrandRank> {
  const [brand] = accounts;
  if (!brand) throw new Error("brandRanks needs the brand's figures");
  const entries = BENCHMARK_METRICS.map((metric) => {
    const valueIn = (a: BenchmarkAccount) => a.metrics[metric].value;
    const leader = accounts.reduce((best, a) => (valueIn(a) > valueIn(best) ? a : best), brand);
    const rank: BrandRank = {
      rank: 1 + accounts.filter((a) => valueIn(a) > valueIn(brand)).length,
      of: accounts.length,
      leader: leader.handle,
      formula: `1 + accounts with a higher ${metric.replaceAll("_", " ")}, among ${accounts.length}`,
    };
    return [metric, rank] as const;
  });
  return Object.fromEntries(entries) as Record<BenchmarkMetric, BrandRank>;
}
