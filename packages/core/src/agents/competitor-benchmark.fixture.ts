import type { FixtureRequest } from "../llm/fixtures.ts";
import {
  BENCHMARK_METRICS,
  type BenchmarkAccount,
  type BenchmarkMetric,
  type CompetitorBenchmarkFacts,
} from "./competitor-benchmark.ts";
import { compactNumber, joinAnd } from "./phrasing.ts";

const LABELS: Record<BenchmarkMetric, string> = {
  followers: "followers",
  posts_per_week: "posts per week",
  median_views: "median views",
  engagement_rate_by_views: "engagement rate by views",
  breakout_share: "breakout posts",
};

/** Mock takeaways about the figures competitor_benchmark actually computed (its `context`). */
export function competitorBenchmarkFixture(request: FixtureRequest): { takeaways: string[] } {
  const f = request.context as CompetitorBenchmarkFacts;
  const brand = f.accounts[0];
  if (!brand) return { takeaways: ["No account could be read.", "Check the step's trace."] };
  const leads = BENCHMARK_METRICS.filter((m) => f.brand_rank[m].rank === 1).map((m) => LABELS[m]);
  const trails = BENCHMARK_METRICS.filter((m) => f.brand_rank[m].rank === f.brand_rank[m].of);
  const standing =
    leads.length > 0
      ? `@${brand.handle} ranks first of ${f.accounts.length} accounts on ${joinAnd(leads)} over ${f.window}.`
      : `@${brand.handle} ranks first on no metric among ${f.accounts.length} accounts over ${f.window}.`;
  const gap =
    trails.length > 0
      ? ` It ranks last on ${joinAnd(trails.map((m) => LABELS[m]))}: start there.`
      : " It ranks last on nothing.";
  return {
    takeaways: [
      standing + gap,
      engagementTakeaway(f, brand),
      cadenceTakeaway(f, brand),
      reachTakeaway(f, brand),
    ],
  };
}

function leaderOf(f: CompetitorBenchmarkFacts, metric: BenchmarkMetric): BenchmarkAccount | undefined {
  return f.accounts.find((a) => a.handle === f.brand_rank[metric].leader);
}

function engagementTakeaway(f: CompetitorBenchmarkFacts, brand: BenchmarkAccount): string {
  const { rank, of } = f.brand_rank.engagement_rate_by_views;
  const own = brand.metrics.engagement_rate_by_views.value;
  const leader = leaderOf(f, "engagement_rate_by_views");
  if (rank === 1 || !leader)
    return `Engagement is the edge: the median post engages ${own}% of its views (likes + comments + shares), rank 1 of ${of}. Keep the formats that earn it.`;
  return (
    `The median post engages ${own}% of its views (likes + comments + shares), rank ${rank} of ${of}; ` +
    `@${leader.handle}'s median post engages ${leader.metrics.engagement_rate_by_views.value}%. Study how its videos ask for a reply or a share.`
  );
}

function cadenceTakeaway(f: CompetitorBenchmarkFacts, brand: BenchmarkAccount): string {
  const { rank, of } = f.brand_rank.posts_per_week;
  const own = brand.metrics.posts_per_week.value;
  const leader = leaderOf(f, "posts_per_week");
  if (rank === 1 || !leader)
    return `Cadence leads at ${own} posts per week (rank 1 of ${of}); hold it with a buffer of finished videos.`;
  return `@${leader.handle} posts ${leader.metrics.posts_per_week.value} times a week to your ${own} (rank ${rank} of ${of}): one more post a week narrows the gap.`;
}

function reachTakeaway(f: CompetitorBenchmarkFacts, brand: BenchmarkAccount): string {
  const { rank, of } = f.brand_rank.median_views;
  const views = compactNumber(brand.metrics.median_views.value);
  const breakout = brand.metrics.breakout_share.value;
  const leader = leaderOf(f, "breakout_share");
  const hits =
    leader && leader.handle !== brand.handle
      ? `@${leader.handle} has the most breakouts (${leader.metrics.breakout_share.value}% of posts over twice its median).`
      : "No competitor breaks out more often.";
  return `Median views ${views} (rank ${rank} of ${of}); ${breakout}% of your posts beat twice your median. ${hits}`;
}
