import { z } from "zod";
import { ConnectionRequiredError, DataUnavailableError } from "../data/errors.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { NonRetriableError } from "../runner/errors.ts";
import { findingsSchema, lineSchema, textSchema } from "./bounds.ts";
import {
  BENCHMARK_METRICS,
  type BenchmarkAccount,
  type BenchmarkMetric,
  benchmarkAccountSchema,
  brandRankSchema,
  brandRanks,
  inWindow,
  publicFigures,
} from "./competitor-figures.ts";
import { defineAgent } from "./contract.ts";
import { compactNumber, joinAnd } from "./phrasing.ts";

const DAY_SECONDS = 86_400;
const MAX_COMPETITORS = 10;

/** Why a competitor's account is not read: what official sources give, and what they do not. */
export const COMPETITOR_DATA_REASON =
  "none of TikTok's APIs lets a brand read another account's insights (the Research API is for non-profit academic research only; Creator Marketplace profiles need a TikTok One partnership), and this product does not scrape";

export const competitorBenchmarkOutput = z.object({
  handle: lineSchema,
  window_days: z.number().int().positive(),
  /** "2026-08-03 to 2026-11-01 (UTC)": every account is measured over these same days. */
  window: lineSchema,
  /** The brand first, then the competitors in the order given. */
  accounts: z.array(benchmarkAccountSchema).max(1 + MAX_COMPETITORS),
  brand_rank: z.object(
    Object.fromEntries(BENCHMARK_METRICS.map((metric) => [metric, brandRankSchema])) as Record<
      BenchmarkMetric,
      typeof brandRankSchema
    >,
  ),
  takeaways: findingsSchema,
});
export type CompetitorBenchmarkOutput = z.infer<typeof competitorBenchmarkOutput>;
/** What the mock reply is given: every number, no user-written text. */
export type CompetitorBenchmarkFacts = Omit<CompetitorBenchmarkOutput, "takeaways">;

export const competitorTakeawaysSchema = z.object({ takeaways: z.array(textSchema.min(1)).min(2).max(5) });

/** Compares a brand with its competitors on public figures over one window, and ranks the brand on each. */
export const competitorBenchmark = defineAgent({
  name: "competitor_benchmark",
  description:
    "Benchmarks an account against competitors on public figures (followers, cadence, views, engagement) over one window",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    competitors: z.array(lineSchema.min(1)).min(1).max(MAX_COMPETITORS),
  }),
  options: z.object({
    /** Every account is measured over the same days, so the figures compare. */
    window_days: z.number().int().min(7).max(365).default(90),
    /** Videos listed per account, newest first; enough for a 90-day window at a daily cadence. */
    video_limit: z.number().int().min(10).max(500).default(200),
  }),
  output: competitorBenchmarkOutput,
  mockReply: mockTakeaways,
  async execute({ handle, competitors }, ctx) {
    ctx.signal.throwIfAborted();
    const { window_days: windowDays, video_limit: limit } = ctx.options;
    const rivals = distinctCompetitors(handle, competitors);
    if (rivals.length === 0)
      throw new NonRetriableError(`competitors must name at least one account other than @${handle}`);
    const readAccount = (account: string) =>
      Promise.all([
        ctx.trace.tool("tiktok.getProfile", { handle: account }, () => ctx.data.getProfile(account)),
        ctx.trace.tool("tiktok.listVideos", { handle: account, limit }, () =>
          ctx.data.listVideos(account, { limit }),
        ),
      ]);
    const readRival = (account: string) =>
      readAccount(account).catch((error: unknown) => {
        // A brand cannot connect a competitor's account: asking it to would mislead.
        if (error instanceof ConnectionRequiredError)
          throw new DataUnavailableError(
            `@${account}'s TikTok data`,
            "TikTok's APIs",
            COMPETITOR_DATA_REASON,
          );
        throw error;
      });
    const reads = await Promise.all([readAccount(handle), ...rivals.map(readRival)]);
    const now = ctx.now();
    const since = now.getTime() / 1000 - windowDays * DAY_SECONDS;
    const accounts = reads.map(([profile, videos], i) =>
      publicFigures(profile, videos, { since, windowDays, limit, isBrand: i === 0 }),
    );
    const facts: CompetitorBenchmarkFacts = {
      handle: accounts[0]?.handle ?? handle,
      window_days: windowDays,
      window: `${isoDay(since)} to ${isoDay(now.getTime() / 1000)} (UTC)`,
      accounts,
      brand_rank: brandRanks(accounts),
    };
    ctx.trace.log("competitors benchmarked", { accounts: accounts.length, window_days: windowDays });
    // Display names and titles are written by the accounts: they go in untrusted blocks, not the facts.
    const names = reads.map(([profile]) => `@${profile.handle}: ${profile.display_name}`);
    const topTitles = reads.flatMap(([profile, videos]) => {
      const top = inWindow(videos, since).sort((a, b) => b.view_count - a.view_count)[0];
      return top ? [`@${profile.handle}: ${top.title}`] : [];
    });
    ctx.signal.throwIfAborted();
    const { value } = await ctx.llm.structured({
      system: [
        "You are a TikTok strategist comparing a brand with its competitors.",
        "Every number you need is in the facts; quote them, never compute or invent new ones.",
        "The figures are public ones only; do not guess at any account's private insights.",
        UNTRUSTED_DATA_RULE,
      ].join("\n"),
      prompt: [
        `Public figures of @${facts.handle} and ${rivals.length} competitors over ${facts.window}:`,
        JSON.stringify(facts, null, 2),
        untrustedBlock("display_names", names),
        untrustedBlock("most_viewed_titles", topTitles),
        "Write 2 to 5 short takeaways for the brand: each quotes its rank or a competitor's figure and names one action.",
      ].join("\n\n"),
      schema: competitorTakeawaysSchema,
      context: facts,
      signal: ctx.signal,
    });
    return { ...facts, takeaways: value.takeaways };
  },
});

/** The competitors once each, in the order given, without the brand itself. */
function distinctCompetitors(brand: string, competitors: readonly string[]): string[] {
  const key = (h: string) => h.trim().replace(/^@/, "").toLowerCase();
  const seen = new Set([key(brand)]);
  return competitors.filter((h) => {
    if (seen.has(key(h))) return false;
    seen.add(key(h));
    return true;
  });
}

function isoDay(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

const LABELS: Record<BenchmarkMetric, string> = {
  followers: "followers",
  posts_per_week: "posts per week",
  median_views: "median views",
  engagement_rate_by_views: "engagement rate by views",
  breakout_share: "breakout posts",
};

/** Mock takeaways about the figures competitor_benchmark actually computed (its `context`). */
function mockTakeaways(request: FixtureRequest): { takeaways: string[] } {
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
