import { z } from "zod";
import { DataUnavailableError } from "../data/errors.ts";
import type { Trend } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import { metricSchema, trendVelocity } from "./metrics.ts";
import { compactNumber, signedPct } from "./phrasing.ts";

/** Velocity on a handful of posts is noise: 3 -> 30 posts is +900% and means nothing. */
export const MIN_TREND_POSTS = 100;
/** The most hashtags (and sounds) a step may rank. */
export const MAX_TRENDS = 50;

const trendItemSchema = z.object({
  name: lineSchema,
  velocity: metricSchema,
  posts_current: z.number().int().nonnegative(),
  posts_previous: z.number().int().nonnegative(),
  views_current: z.number().int().nonnegative(),
  age_hours: z.number().nonnegative(),
});

export const trendWatcherOutput = z.object({
  category: lineSchema,
  region: lineSchema,
  freshness_hours: z.number().int(),
  /** Fastest-growing first. */
  hashtags: z.array(trendItemSchema).max(MAX_TRENDS),
  /** Fastest-growing first; only commercially licensed sounds may be used in Spark Ads. */
  sounds: z.array(trendItemSchema.extend({ commercially_licensed: z.boolean() })).max(MAX_TRENDS),
  /** The hashtags' names alone, in rank order, for steps that take a list of names. */
  hashtag_names: z.array(lineSchema).max(MAX_TRENDS),
  /** Why the source gave no trends (TikTok has no official trends API); absent when it did. */
  unavailable: textSchema.optional(),
  summary: textSchema,
});
export type TrendWatcherOutput = z.infer<typeof trendWatcherOutput>;
export type TrendWatcherFacts = Omit<TrendWatcherOutput, "summary">;

export const trendSummarySchema = z.object({ summary: textSchema.min(1) });

/** Finds the hashtags and sounds of a niche growing fastest in a region right now, ranked by velocity. */
export const trendWatcher = defineAgent({
  name: "trend_watcher",
  description: "Ranks a niche's fresh hashtags and sounds in a region by growth, not volume",
  sideEffects: "none",
  input: z.object({ category: lineSchema.min(1) }),
  options: z.object({
    region: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "region must be a 2-letter country code")
      .toUpperCase()
      .default("US"),
    freshness_hours: z.number().int().min(1).max(720).default(72),
    limit: z.number().int().min(1).max(MAX_TRENDS).default(8),
  }),
  output: trendWatcherOutput,
  mockReply: mockSummary,
  async execute({ category }, ctx) {
    ctx.signal.throwIfAborted();
    const { region, freshness_hours: freshnessHours, limit } = ctx.options;
    const query = { category, region, freshnessHours };
    let trends: Trend[];
    try {
      trends = await ctx.trace.tool("tiktok.getTrends", query, () => ctx.data.getTrends(query));
    } catch (error) {
      // No trends is still an answer the plan can work with; invented ones would not be.
      if (error instanceof DataUnavailableError)
        return trendsUnavailable(category, region, freshnessHours, error);
      throw error;
    }
    // A source may not filter itself; the scope we promise is ours to enforce.
    const inScope = trends.filter(
      (t) =>
        t.region.toUpperCase() === region &&
        t.age_hours <= freshnessHours &&
        t.posts_current >= MIN_TREND_POSTS,
    );
    ctx.trace.log("trends in scope", { received: trends.length, kept: inScope.length });
    const hashtags = rankByVelocity(
      inScope.filter((t) => t.kind === "hashtag"),
      limit,
    );
    const sounds = rankByVelocity(
      inScope.filter((t) => t.kind === "sound"),
      limit,
    ).map(({ trend, item }) => ({
      ...item,
      commercially_licensed: trend.commercially_licensed ?? false,
    }));
    const facts: TrendWatcherFacts = {
      category,
      region,
      freshness_hours: freshnessHours,
      hashtags: hashtags.map(({ item }) => item),
      sounds,
      hashtag_names: hashtags.map(({ item }) => item.name),
    };
    ctx.signal.throwIfAborted();
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok trend analyst briefing a content team.", UNTRUSTED_DATA_RULE].join("\n"),
      prompt: [
        `Fastest-growing ${category} trends in ${region}, first seen within ${freshnessHours} hours, ranked by velocity:`,
        untrustedBlock("hashtags", facts.hashtags.map(trendLine)),
        untrustedBlock(
          "sounds",
          facts.sounds.map(
            (s) => `${trendLine(s)}, ${s.commercially_licensed ? "licensed" : "NOT licensed"} for ads`,
          ),
        ),
        "Summarise in 2 to 4 sentences which to ride this week and why; only licensed sounds may be used in ads.",
      ].join("\n\n"),
      schema: trendSummarySchema,
      context: facts,
      signal: ctx.signal,
    });
    return { ...facts, summary: value.summary };
  },
});

function trendsUnavailable(
  category: string,
  region: string,
  freshnessHours: number,
  error: DataUnavailableError,
): TrendWatcherOutput {
  return {
    category,
    region,
    freshness_hours: freshnessHours,
    hashtags: [],
    sounds: [],
    hashtag_names: [],
    unavailable: error.message,
    summary:
      `${error.message}. No trend is ranked or guessed; ` +
      "the content plan works from the account's own top hashtags instead.",
  };
}

function rankByVelocity(trends: Trend[], limit: number) {
  return trends
    .map((trend) => ({
      trend,
      item: {
        name: trend.name,
        velocity: trendVelocity(trend),
        posts_current: trend.posts_current,
        posts_previous: trend.posts_previous,
        views_current: trend.views_current,
        age_hours: trend.age_hours,
      },
    }))
    .sort(
      (a, b) =>
        b.item.velocity.value - a.item.velocity.value || b.trend.posts_current - a.trend.posts_current,
    )
    .slice(0, limit);
}

function trendLine(t: z.infer<typeof trendItemSchema>): string {
  return `${t.name}: velocity ${signedPct(t.velocity.value)}, ${compactNumber(t.posts_current)} posts, ${compactNumber(t.views_current)} views, ${t.age_hours}h old`;
}

/** Mock briefing on the trends trend_watcher actually ranked (its `context`). */
function mockSummary(request: FixtureRequest): { summary: string } {
  const f = request.context as TrendWatcherFacts;
  return { summary: [...hashtagSentences(f), ...soundSentences(f)].join(" ") };
}

function hashtagSentences(f: TrendWatcherFacts): string[] {
  const [first, second] = f.hashtags;
  if (!first)
    return [
      `No ${f.category} hashtag in ${f.region} crossed the volume threshold within ${f.freshness_hours} hours: lean on proven tags this week.`,
    ];
  const age = first.age_hours < 1 ? "under an hour" : `${Math.round(first.age_hours)}h`;
  const sentences = [
    `Ride #${first.name} this week: ${signedPct(first.velocity.value)} posts in ${f.region} (${compactNumber(first.posts_current)} now), first seen ${age} ago.`,
  ];
  if (second)
    sentences.push(
      `#${second.name} (${signedPct(second.velocity.value)}) is the backup; both are early enough that a post this week lands before the peak.`,
    );
  return sentences;
}

function soundSentences(f: TrendWatcherFacts): string[] {
  const licensed = f.sounds.find((s) => s.commercially_licensed);
  const unlicensed = f.sounds.find((s) => !s.commercially_licensed);
  const sentences: string[] = [];
  if (licensed)
    sentences.push(
      `For Spark Ads use "${licensed.name}" (${signedPct(licensed.velocity.value)}), the fastest commercially licensed sound.`,
    );
  if (unlicensed && (!licensed || unlicensed.velocity.value > licensed.velocity.value))
    sentences.push(`"${unlicensed.name}" grows faster but is not licensed: organic posts only.`);
  return sentences;
}
