import { z } from "zod";
import { DataUnavailableError } from "../data/errors.ts";
import type { FollowerSnapshot } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { TARGET_TYPES, type TargetType } from "../workflow/brief.ts";
import { accountCategory, CATEGORY_FROM_PROFILE } from "./account-category.ts";
import { findingsSchema, hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import {
  ACCOUNT_TYPES,
  type AccountType,
  engagementBenchmarks,
  engagementBenchmarksSchema,
  followerTier,
} from "./engagement-benchmark.ts";
import { healthScore, healthScoreSchema } from "./health-score.ts";
import * as m from "./metrics.ts";
import { compactNumber, joinAnd, signed } from "./phrasing.ts";
import { RANKING_FORMULA, rankVideos, VIDEOS_SHOWN, videoSummarySchema } from "./video-ranking.ts";

/** Enough history to judge follower growth per month without one day's noise dominating. */
const HISTORY_DAYS = 90;

/** Without a stated type, an account whose source gives follower history is a brand: only the API for Business, which serves business accounts, gives it. */
const TYPE_STATED = "as the brief states";
const TYPE_FROM_SOURCE = "business account: its source (TikTok API for Business) gives follower history";
const TYPE_FROM_DISPLAY = "creator account: its source gives no follower history (no API for Business)";

const metricsSchema = z.object({
  engagement_rate_by_views: m.metricSchema,
  engagement_rate_by_followers: m.metricSchema,
  save_rate: m.optionalMetricSchema,
  mean_views: m.metricSchema,
  median_views: m.metricSchema,
  views_per_follower: m.metricSchema,
  // Only the API for Business gives these: null with a note from any other source.
  for_you_share: m.optionalMetricSchema,
  posts_per_week: m.metricSchema,
  gaps_over_7_days: m.metricSchema,
  follower_growth_pct_month: m.optionalMetricSchema,
  full_watch_rate: m.optionalMetricSchema,
});

export const accountHealthOutput = z.object({
  handle: lineSchema,
  display_name: lineSchema,
  /** The profile's, else inferred from the account's hashtags, else "general": `category_basis` says which. */
  category: lineSchema,
  category_basis: lineSchema.default(CATEGORY_FROM_PROFILE),
  /** Null when the source does not give it: no regional claim is made then. */
  region: lineSchema.nullable(),
  follower_count: z.number().int().nonnegative(),
  follower_tier: lineSchema,
  /** Decides which published benchmark the account is judged by; `account_type_basis` says how it was known. */
  account_type: z.enum(ACCOUNT_TYPES),
  account_type_basis: lineSchema,
  /** Every figure below covers the posts of this window (cadence included), so they describe the same posts. */
  window_days: z.number().int().positive(),
  posts_in_window: z.number().int().nonnegative(),
  metrics: metricsSchema,
  benchmarks: engagementBenchmarksSchema,
  health_score: healthScoreSchema,
  ranking_formula: lineSchema,
  top_videos: z.array(videoSummarySchema).max(VIDEOS_SHOWN),
  bottom_videos: z.array(videoSummarySchema).max(VIDEOS_SHOWN),
  top_hashtags: hashtagsSchema,
  insights: findingsSchema,
});
export type AccountHealthOutput = z.infer<typeof accountHealthOutput>;

/** What the mock reply is given: every number; no titles (the prompt shows those in an untrusted block). */
export type AccountHealthFacts = Omit<AccountHealthOutput, "insights" | "top_videos" | "bottom_videos"> & {
  top_videos: Omit<AccountHealthOutput["top_videos"][number], "title">[];
  bottom_videos: Omit<AccountHealthOutput["bottom_videos"][number], "title">[];
};

export const accountHealthInsightsSchema = z.object({ insights: z.array(textSchema.min(1)).min(2).max(6) });

/**
 * Audits an account: engagement, reach, cadence, growth and retention with their formulas, a health
 * score with its drivers, best and worst videos, and the model's insights on those numbers.
 */
export const accountHealth = defineAgent({
  name: "account_health",
  description: "Audits a TikTok account: engagement, reach, cadence, growth, retention and a health score",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    /** The brief's: a brand or a creator is judged as stated; a competitor or no statement, by its source. */
    target_type: z.enum(TARGET_TYPES).optional(),
  }),
  options: z.object({ video_limit: z.number().int().min(10).max(500).default(120) }),
  output: accountHealthOutput,
  mockReply: mockInsights,
  async execute({ handle, target_type: targetType }, ctx) {
    ctx.signal.throwIfAborted();
    const limit = ctx.options.video_limit;
    const [profile, videos, history] = await Promise.all([
      ctx.trace.tool("tiktok.getProfile", { handle }, () => ctx.data.getProfile(handle)),
      ctx.trace.tool("tiktok.listVideos", { handle, limit }, () => ctx.data.listVideos(handle, { limit })),
      ctx.trace
        .tool("tiktok.getFollowerHistory", { handle, days: HISTORY_DAYS }, () =>
          ctx.data.getFollowerHistory(handle, { days: HISTORY_DAYS }),
        )
        .then(
          (snapshots): { snapshots: FollowerSnapshot[] | null; reason?: string } => ({ snapshots }),
          // A creator account has no history: growth is then "not available", the rest of the audit stands.
          (error) => {
            if (error instanceof DataUnavailableError) return { snapshots: null, reason: error.message };
            throw error;
          },
        ),
    ]);
    const now = ctx.now();
    const followers = profile.follower_count;
    const days = m.AUDIT_WINDOW_DAYS;
    const posts = m.inWindow(videos, now, days);
    const inDays = <T extends m.OptionalMetric>(metric: T): T => ({
      ...metric,
      formula: `${metric.formula}, posts of the last ${days} days`,
    });
    const metrics = {
      engagement_rate_by_views: m.medianEngagementRateByViews(posts, days),
      engagement_rate_by_followers: m.medianEngagementRateByFollowers(posts, followers, days),
      save_rate: m.medianSaveRate(posts, days),
      mean_views: inDays(m.meanViews(posts)),
      median_views: inDays(m.medianViews(posts)),
      views_per_follower: inDays(m.viewsPerFollower(posts, followers)),
      for_you_share: inDays(m.forYouShare(posts)),
      posts_per_week: m.postsPerWeek(videos, now),
      gaps_over_7_days: m.gapsOver7Days(videos, now),
      follower_growth_pct_month: m.followerGrowthPctMonth(history.snapshots, history.reason),
      full_watch_rate: inDays(m.fullWatchRate(posts)),
    };
    const type = accountType(targetType, history.snapshots !== null);
    const tier = followerTier(followers).tier;
    const category = accountCategory(profile, videos);
    const benchmarks = engagementBenchmarks(type.type, followers, category.category);
    const score = healthScore({
      followers,
      engagementRateByFollowers: metrics.engagement_rate_by_followers.value,
      engagementBenchmark: {
        value: benchmarks.by_followers.value,
        label: `${benchmarks.by_followers.formula} (${benchmarks.by_followers.source})`,
      },
      postsPerWeek: metrics.posts_per_week.value,
      gapsOver7Days: metrics.gaps_over_7_days.value,
      followerGrowthPctMonth: metrics.follower_growth_pct_month.value,
      viewsPerFollower: metrics.views_per_follower.value,
      fullWatchRate: metrics.full_watch_rate.value,
      meanViews: metrics.mean_views.value,
      medianViews: metrics.median_views.value,
    });
    const ranking = rankVideos(posts, now);
    const withoutTitle = ({ title: _title, ...rest }: AccountHealthOutput["top_videos"][number]) => rest;
    const facts: AccountHealthFacts = {
      handle: profile.handle,
      display_name: profile.display_name,
      category: category.category,
      category_basis: category.basis,
      region: profile.region,
      follower_count: followers,
      follower_tier: tier,
      account_type: type.type,
      account_type_basis: type.basis,
      window_days: days,
      posts_in_window: posts.length,
      metrics,
      benchmarks,
      health_score: score,
      ranking_formula: RANKING_FORMULA,
      top_videos: ranking.top.map(withoutTitle),
      bottom_videos: ranking.bottom.map(withoutTitle),
      top_hashtags: ranking.topHashtags,
    };
    ctx.trace.log("account health computed", { score: score.score, videos: videos.length });
    ctx.signal.throwIfAborted();
    // The display name and hashtags are user-written like the bio: they go in untrusted blocks, not the facts.
    const { display_name: displayName, top_hashtags: topHashtags, ...numbers } = facts;
    const { value } = await ctx.llm.structured({
      system: [
        "You are a TikTok growth strategist writing for a marketing team.",
        "Every number you need is in the facts; quote them, never compute or invent new ones.",
        `A null figure is ${m.NOT_AVAILABLE}: say so where it matters, never estimate it or treat it as 0.`,
        UNTRUSTED_DATA_RULE,
      ].join("\n"),
      prompt: [
        `Facts about @${profile.handle} (computed from TikTok data):`,
        JSON.stringify(numbers, null, 2),
        untrustedBlock("profile", [`display name: ${displayName}`, `bio: ${profile.bio_description}`]),
        untrustedBlock(
          "video_titles",
          [...ranking.top, ...ranking.bottom].map((v) => `${v.id}: ${v.title}`),
        ),
        untrustedBlock("top_hashtags", topHashtags),
        "Write 3 to 5 insights: each names the number behind it and the action it calls for.",
      ].join("\n\n"),
      schema: accountHealthInsightsSchema,
      context: facts,
      signal: ctx.signal,
    });
    return { ...facts, top_videos: ranking.top, bottom_videos: ranking.bottom, insights: value.insights };
  },
});

function accountType(
  stated: TargetType | undefined,
  hasHistory: boolean,
): { type: AccountType; basis: string } {
  if (stated === "brand" || stated === "creator") return { type: stated, basis: TYPE_STATED };
  return hasHistory
    ? { type: "brand", basis: TYPE_FROM_SOURCE }
    : { type: "creator", basis: TYPE_FROM_DISPLAY };
}

/** Mock insights about the numbers account_health actually computed (its `context`). */
function mockInsights(request: FixtureRequest): { insights: string[] } {
  const facts = request.context as AccountHealthFacts;
  const insights = [
    scoreInsight(facts),
    engagementInsight(facts),
    cadenceInsight(facts),
    reachInsight(facts),
  ];
  const tags = facts.top_hashtags.slice(0, 3).map((t) => `#${t}`);
  if (tags.length > 0)
    insights.push(
      `${joinAnd(tags)} recur in your best-engaging videos: keep them in rotation and test one trending tag per post beside them.`,
    );
  return { insights };
}

function scoreInsight({ health_score: h }: AccountHealthFacts): string {
  const lift = [...h.drivers].sort((a, b) => b.impact - a.impact)[0];
  const drag = [...h.drivers].sort((a, b) => a.impact - b.impact)[0];
  const without = h.left_out.map((d) => d.factor.toLowerCase());
  const parts = [
    without.length > 0
      ? `Health score ${h.score}/100 from the drivers with data (${joinAnd(without)} left out: ${m.NOT_AVAILABLE}).`
      : `Health score ${h.score}/100.`,
  ];
  if (lift && lift.impact > 0)
    parts.push(`Biggest lift: ${lift.factor.toLowerCase()} (${signed(lift.impact)}).`);
  if (drag && drag.impact < 0)
    parts.push(`Biggest drag: ${drag.factor.toLowerCase()} (${signed(drag.impact)}); fix that first.`);
  return parts.join(" ");
}

function engagementInsight(f: AccountHealthFacts): string {
  const byFollowers = f.metrics.engagement_rate_by_followers.value;
  const byViews = f.metrics.engagement_rate_by_views.value;
  const { value: benchmark, source } = f.benchmarks.by_followers;
  const peers = f.account_type === "brand" ? "brands" : `${f.follower_tier} creators`;
  if (byFollowers >= benchmark)
    return (
      `Engagement is a strength: the median post engages ${byFollowers}% of followers (${byViews}% of views), above the ` +
      `${benchmark}% median for ${peers} (${source}). Scale the formats that already land before inventing new ones.`
    );
  return (
    `Engagement trails ${peers}: ${byFollowers}% by followers for the median post vs ${benchmark}% (${source}; ` +
    `${byViews}% by views). Put the payoff in the first 2 seconds and end on a question to pull comments.`
  );
}

function cadenceInsight(f: AccountHealthFacts): string {
  const perWeek = f.metrics.posts_per_week.value;
  const gaps = f.metrics.gaps_over_7_days.value;
  const breaks = gaps === 0 ? "no break over a week" : `${gaps} break${gaps === 1 ? "" : "s"} over a week`;
  if (perWeek < 2)
    return `Cadence is the cheapest lever: ${perWeek} posts/week with ${breaks}, under the brand median of 2. Batch-film 4 videos per session to hold 3–4 a week.`;
  if (perWeek >= 4)
    return `Cadence is top-quartile at ${perWeek} posts/week (${breaks}); protect it with a two-week buffer of finished videos.`;
  return `${perWeek} posts/week with ${breaks} sits between the brand median (2) and the top quartile (4+); one extra post a week closes the gap.`;
}

function reachInsight(f: AccountHealthFacts): string {
  const mean = f.metrics.mean_views.value;
  const median = f.metrics.median_views.value;
  const forYou = f.metrics.for_you_share.value;
  const fullWatch = f.metrics.full_watch_rate.value;
  if (median > 0 && mean > 2.5 * median)
    return (
      `Reach rests on a few hits: mean views ${compactNumber(mean)} vs a median of ${compactNumber(median)}. ` +
      `Turn the top videos' opening into a repeatable series; ${
        fullWatch === null
          ? `the full-watch rate is ${m.NOT_AVAILABLE}, so check retention in TikTok's own analytics.`
          : `${fullWatch}% full-watch rate says the middle holds.`
      }`
    );
  const sources = [
    forYou === null ? `traffic sources ${m.NOT_AVAILABLE}` : `${forYou}% from For You`,
    fullWatch === null ? `full-watch rate ${m.NOT_AVAILABLE}` : `${fullWatch}% watched to the end`,
  ];
  return (
    `Reach is steady: median ${compactNumber(median)} views (${f.metrics.views_per_follower.value}× followers), ` +
    `${sources.join(", ")}.`
  );
}
