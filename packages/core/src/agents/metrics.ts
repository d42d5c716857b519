import { z } from "zod";
import type { FollowerSnapshot, TikTokVideo } from "../data/provider.ts";
import { lineSchema } from "./bounds.ts";

/** A computed number with the formula that produced it, so a reader can check it. */
export const metricSchema = z.object({ value: z.number(), formula: lineSchema });
export type Metric = z.infer<typeof metricSchema>;

/** What a figure says when its source does not give the data behind it. */
export const NOT_AVAILABLE = "not available from this API";

/**
 * A metric some sources cannot give (watch time, traffic sources, follower history): `value` is null
 * with a `note` saying why, never 0 and never an estimate.
 */
export const optionalMetricSchema = metricSchema.extend({
  value: z.number().nullable(),
  note: lineSchema.optional(),
});
export type OptionalMetric = z.infer<typeof optionalMetricSchema>;

/** The metric a source cannot give: null, its formula kept, and why. */
export function unavailable(formula: string, reason?: string): OptionalMetric {
  const note = reason ? `${NOT_AVAILABLE}: ${reason}` : NOT_AVAILABLE;
  return { value: null, formula, note: note.slice(0, 500) };
}

const DAY_SECONDS = 86_400;
/** Cadence is judged on recent behaviour, not on the account's whole history. */
export const CADENCE_LOOKBACK_DAYS = 90;

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** a / b, or 0 when there is nothing to divide by (an account without views has no rate). */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

/**
 * Saves count only when every video has them, so one definition holds across the set; without them
 * engagement is likes + comments + shares (Rival IQ's own definition), and the formula says so.
 */
export function savesKnown(videos: readonly TikTokVideo[]): boolean {
  return videos.every((v) => v.save_count !== null);
}

export function engagementOf(video: TikTokVideo, withSaves = video.save_count !== null): number {
  const saves = withSaves ? (video.save_count ?? 0) : 0;
  return video.like_count + video.comment_count + video.share_count + saves;
}

function engagementTerms(videos: readonly TikTokVideo[]): string {
  return savesKnown(videos)
    ? "likes + comments + shares + saves"
    : `likes + comments + shares; saves ${NOT_AVAILABLE}`;
}

/** One window for the whole audit, so every figure describes the same posts. */
export const AUDIT_WINDOW_DAYS = 90;

/** The videos posted in the last `days` days. */
export function inWindow(videos: readonly TikTokVideo[], now: Date, days = AUDIT_WINDOW_DAYS): TikTokVideo[] {
  const since = now.getTime() / 1000 - days * DAY_SECONDS;
  return videos.filter((v) => v.create_time >= since);
}

/** Rival IQ's engagement, the definition its brand benchmark uses: saves are their own metric (save rate). */
export const ENGAGEMENT_TERMS = "likes + comments + shares";

export function interactionsOf(video: TikTokVideo): number {
  return video.like_count + video.comment_count + video.share_count;
}

/** (likes + comments + shares) / views × 100 of one post, unrounded. */
export function postEngagementRate(video: TikTokVideo): number {
  return ratio(interactionsOf(video), video.view_count) * 100;
}

function withViews(videos: readonly TikTokVideo[]): TikTokVideo[] {
  return videos.filter((v) => v.view_count > 0);
}

/** The median post, as Rival IQ measures: one viral post does not move it the way it moves a mean. */
export function medianEngagementRateByViews(
  videos: readonly TikTokVideo[],
  days = AUDIT_WINDOW_DAYS,
): Metric {
  const posts = withViews(videos);
  return {
    value: round2(median(posts.map(postEngagementRate))),
    formula:
      `median per post of (${ENGAGEMENT_TERMS}) / views × 100 over the ${posts.length} posts with views ` +
      `in the last ${days} days; saves excluded (see save rate)`,
  };
}

export function medianEngagementRateByFollowers(
  videos: readonly TikTokVideo[],
  followers: number,
  days = AUDIT_WINDOW_DAYS,
): Metric {
  return {
    value: round2(median(videos.map((v) => ratio(interactionsOf(v), followers) * 100))),
    formula:
      `median per post of (${ENGAGEMENT_TERMS}) / followers × 100 over the ${videos.length} posts ` +
      `in the last ${days} days; saves excluded (see save rate)`,
  };
}

/** Saves per view, its own metric so engagement stays comparable with benchmarks that leave saves out. */
export function medianSaveRate(videos: readonly TikTokVideo[], days = AUDIT_WINDOW_DAYS): OptionalMetric {
  const posts = withViews(videos);
  const formula = `median per post of saves / views × 100 over the ${posts.length} posts with views in the last ${days} days`;
  if (posts.some((v) => v.save_count === null)) return unavailable(formula, "save_count is missing");
  return { value: round2(median(posts.map((v) => ratio(v.save_count ?? 0, v.view_count) * 100))), formula };
}

/**
 * Summed over the videos, so a video with 1M views weighs more than one with 1K: the post-launch window
 * comparison's rate. The audit uses the per-post median, as its benchmarks do.
 */
export function engagementRateByViews(videos: readonly TikTokVideo[]): Metric {
  const withSaves = savesKnown(videos);
  return {
    value: round2(
      ratio(
        sum(videos, (v) => engagementOf(v, withSaves)),
        sum(videos, (v) => v.view_count),
      ) * 100,
    ),
    formula: `Σ(${engagementTerms(videos)}) / Σ views × 100 over ${videos.length} videos`,
  };
}

export function meanViews(videos: readonly TikTokVideo[]): Metric {
  return {
    value: Math.round(
      ratio(
        sum(videos, (v) => v.view_count),
        videos.length,
      ),
    ),
    formula: `Σ views / ${videos.length} videos`,
  };
}

/** Unlike the mean, one viral hit does not move it. */
export function medianViews(videos: readonly TikTokVideo[]): Metric {
  return {
    value: Math.round(median(videos.map((v) => v.view_count))),
    formula: `median views of ${videos.length} videos`,
  };
}

export function viewsPerFollower(videos: readonly TikTokVideo[], followers: number): Metric {
  return {
    value: round2(ratio(median(videos.map((v) => v.view_count)), followers)),
    formula: "median views / followers",
  };
}

/**
 * View-weighted share of views that came from the For You feed (`impression_sources.For_You`), in %;
 * null when a video lacks traffic sources (the Display API gives none).
 */
export function forYouShare(videos: readonly TikTokVideo[]): OptionalMetric {
  const formula = "Σ(impression_sources.For_You × views) / Σ views × 100";
  if (videos.some((v) => v.impression_sources === null))
    return unavailable(formula, "traffic sources (impression_sources) are missing");
  const forYouViews = sum(videos, (v) => (v.impression_sources?.For_You ?? 0) * v.view_count);
  return {
    value: round2(
      ratio(
        forYouViews,
        sum(videos, (v) => v.view_count),
      ) * 100,
    ),
    formula,
  };
}

/** View-weighted `full_video_watched_rate`, in %; null when a video lacks it. */
export function fullWatchRate(videos: readonly TikTokVideo[]): OptionalMetric {
  const formula = "Σ(full_video_watched_rate × views) / Σ views × 100";
  if (videos.some((v) => v.full_video_watched_rate === null))
    return unavailable(formula, "full_video_watched_rate is missing");
  const fullViews = sum(videos, (v) => (v.full_video_watched_rate ?? 0) * v.view_count);
  return {
    value: round2(
      ratio(
        fullViews,
        sum(videos, (v) => v.view_count),
      ) * 100,
    ),
    formula,
  };
}

/**
 * Posts per week over the last 90 days, or over the span the videos cover when that is shorter (a
 * young account, or a list cut by its limit) so a short list does not read as a slow cadence.
 */
export function postsPerWeek(videos: readonly TikTokVideo[], now: Date): Metric {
  const { posts, days } = cadenceWindow(videos, now);
  return {
    value: round2(ratio(posts.length, days / 7)),
    formula: `posts in the last ${days} days / (${days} / 7)`,
  };
}

/** Breaks longer than a week between posts in the cadence window, counting the one running now. */
export function gapsOver7Days(videos: readonly TikTokVideo[], now: Date): Metric {
  const { posts, days } = cadenceWindow(videos, now);
  const times = [...posts.map((v) => v.create_time), now.getTime() / 1000].sort((a, b) => a - b);
  let gaps = 0;
  for (let i = 1; i < times.length; i++)
    if ((times[i] as number) - (times[i - 1] as number) > 7 * DAY_SECONDS) gaps++;
  return {
    value: gaps,
    formula: `count of intervals > 7 days between consecutive posts (and since the last) in the last ${days} days`,
  };
}

function cadenceWindow(videos: readonly TikTokVideo[], now: Date): { posts: TikTokVideo[]; days: number } {
  const nowSeconds = now.getTime() / 1000;
  if (videos.length === 0) return { posts: [], days: CADENCE_LOOKBACK_DAYS };
  const oldest = Math.min(...videos.map((v) => v.create_time));
  const covered = Math.ceil((nowSeconds - oldest) / DAY_SECONDS);
  const days = Math.max(7, Math.min(CADENCE_LOOKBACK_DAYS, covered));
  return { posts: videos.filter((v) => v.create_time >= nowSeconds - days * DAY_SECONDS), days };
}

/**
 * Compound monthly growth from the first to the last snapshot, in %. `history` is null when the source
 * has none (a creator account); `reason` then says why.
 */
export function followerGrowthPctMonth(
  history: readonly FollowerSnapshot[] | null,
  reason?: string,
): OptionalMetric {
  if (history === null)
    return unavailable("((followers today / followers N days ago) ^ (30 / N) − 1) × 100", reason);
  const first = history[0]?.follower_count ?? 0;
  const last = history.at(-1)?.follower_count ?? 0;
  // Days between the dates, not snapshots minus one: a source may skip a day.
  const span = Date.parse(history.at(-1)?.date ?? "") - Date.parse(history[0]?.date ?? "");
  const days = Number.isFinite(span) ? Math.round(span / (DAY_SECONDS * 1000)) : 0;
  const value = days <= 0 || first === 0 ? 0 : ((last / first) ** (30 / days) - 1) * 100;
  return {
    value: round2(value),
    formula: `((followers today / followers ${days} days ago) ^ (30 / ${days}) − 1) × 100`,
  };
}

/** Daily Marketing API rows summed over a window. */
export interface AdTotals {
  spend: number;
  impressions: number;
  clicks: number;
  conversion: number;
  video_watched_2s: number;
  video_watched_6s: number;
}

export function sumAdRows(rows: readonly AdTotals[]): AdTotals {
  return {
    spend: round2(sum(rows, (r) => r.spend)),
    impressions: sum(rows, (r) => r.impressions),
    clicks: sum(rows, (r) => r.clicks),
    conversion: sum(rows, (r) => r.conversion),
    video_watched_2s: sum(rows, (r) => r.video_watched_2s),
    video_watched_6s: sum(rows, (r) => r.video_watched_6s),
  };
}

export function ctr(totals: AdTotals): Metric {
  return {
    value: round2(ratio(totals.clicks, totals.impressions) * 100),
    formula: "clicks / impressions × 100",
  };
}

export function cpc(totals: AdTotals): Metric {
  return { value: round2(ratio(totals.spend, totals.clicks)), formula: "spend / clicks" };
}

export function cpm(totals: AdTotals): Metric {
  return {
    value: round2(ratio(totals.spend, totals.impressions) * 1000),
    formula: "spend / impressions × 1000",
  };
}

/** Share of impressions that watched 2 seconds: did the opening stop the scroll. */
export function hookRate(totals: AdTotals): Metric {
  return {
    value: round2(ratio(totals.video_watched_2s, totals.impressions) * 100),
    formula: "video_watched_2s / impressions × 100",
  };
}

/** Share of impressions that watched 6 seconds: did the video keep them past the hook. */
export function holdRate(totals: AdTotals): Metric {
  return {
    value: round2(ratio(totals.video_watched_6s, totals.impressions) * 100),
    formula: "video_watched_6s / impressions × 100",
  };
}

/**
 * Growth of a trend's posts between two windows, in %. A trend with no previous posts is measured
 * against 1, so brand-new trends rank high instead of dividing by zero.
 */
export function trendVelocity(trend: { posts_current: number; posts_previous: number }): Metric {
  return {
    value: round2(((trend.posts_current - trend.posts_previous) / Math.max(trend.posts_previous, 1)) * 100),
    formula: "(posts this window − posts previous window) / max(posts previous window, 1) × 100",
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Percentage change, or null when there is no previous value to compare with. */
export function changePct(current: number, previous: number): number | null {
  return previous === 0 ? null : round2(((current - previous) / Math.abs(previous)) * 100);
}
