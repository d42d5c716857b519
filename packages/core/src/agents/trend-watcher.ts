import { z } from "zod";
import { DataUnavailableError } from "../data/errors.ts";
import type { Trend } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { TARGET_TYPES } from "../workflow/brief.ts";
import { hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import { type Metric, metricSchema, round2, trendVelocity } from "./metrics.ts";
import { compactNumber, signedPct } from "./phrasing.ts";
import { relevanceSchema, trendRelevance } from "./trend-relevance.ts";

/** Velocity on a handful of posts is noise: 3 -> 30 posts is +900% and means nothing. */
export const MIN_TREND_POSTS = 100;
/** The most hashtags (and sounds) a step may rank. */
export const MAX_TRENDS = 50;
/**
 * Posts at which a trend's velocity counts half in its momentum: a tag few people post to reaches few
 * viewers however fast it grows (100 posts count 4%, 1K 29%, 10K 80%, 50K 95%). It is velocity shrunk
 * toward 0% as if every tag had this many more posts that did not grow.
 */
export const MOMENTUM_HALF_WEIGHT_POSTS = 2_500;
const MOMENTUM_FORMULA = `velocity × posts this window / (posts this window + ${compactNumber(MOMENTUM_HALF_WEIGHT_POSTS)})`;

/** Velocity weighted by volume, so +300% on 145 posts ranks below +80% on 12.4K posts. */
export function trendMomentum(trend: { posts_current: number; posts_previous: number }): Metric {
  const weight = trend.posts_current / (trend.posts_current + MOMENTUM_HALF_WEIGHT_POSTS);
  return {
    value: round2(trendVelocity(trend).value * weight),
    formula: MOMENTUM_FORMULA,
  };
}

const trendItemSchema = z.object({
  name: lineSchema,
  /** The ranking score: velocity weighted by volume. */
  momentum: metricSchema,
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
  /** Highest momentum first; only tags that fit the account's topics. */
  hashtags: z.array(trendItemSchema.extend({ relevance: relevanceSchema })).max(MAX_TRENDS),
  /** Highest momentum first; for a brand only commercially licensed sounds (Commercial Music Library). */
  sounds: z.array(trendItemSchema.extend({ commercially_licensed: z.boolean() })).max(MAX_TRENDS),
  /** The hashtags' names alone, in rank order, for steps that take a list of names. */
  hashtag_names: z.array(lineSchema).max(MAX_TRENDS),
  /** Trending tags left out as off-topic for this account, highest momentum first. */
  dropped: z.array(z.object({ name: lineSchema, reason: lineSchema })).max(MAX_TRENDS),
  /** Which sounds this account may use, and where. */
  music_rule: textSchema,
  /** Why the source gave no trends (TikTok has no official trends API); absent when it did. */
  unavailable: textSchema.optional(),
  summary: textSchema,
});
export type TrendWatcherOutput = z.infer<typeof trendWatcherOutput>;
export type TrendWatcherFacts = Omit<TrendWatcherOutput, "summary">;

export const trendSummarySchema = z.object({ summary: textSchema.min(1) });

/**
 * Finds the hashtags and sounds of a niche growing fastest in a region right now, ranked by momentum,
 * keeping only hashtags that fit the account's topics and, for a brand, only sounds it may use.
 */
export const trendWatcher = defineAgent({
  name: "trend_watcher",
  description:
    "Ranks a niche's fresh hashtags and sounds in a region by volume-weighted growth, keeping those that fit the account",
  sideEffects: "none",
  input: z.object({
    category: lineSchema.min(1),
    /** The account's own top hashtags: its topics. Without them the niche's topics judge relevance. */
    account_hashtags: hashtagsSchema.default([]),
    /** Business accounts may use only Commercial Music Library sounds; a competitor is judged as a brand. */
    target_type: z.enum(TARGET_TYPES).default("brand"),
  }),
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
  async execute({ category, account_hashtags: accountHashtags, target_type: targetType }, ctx) {
    ctx.signal.throwIfAborted();
    const { region, freshness_hours: freshnessHours, limit } = ctx.options;
    const brand = targetType !== "creator";
    const query = { category, region, freshnessHours };
    let trends: Trend[];
    try {
      trends = await ctx.trace.tool("tiktok.getTrends", query, () => ctx.data.getTrends(query));
    } catch (error) {
      // No trends is still an answer the plan can work with; invented ones would not be.
      if (error instanceof DataUnavailableError)
        return trendsUnavailable(category, region, freshnessHours, brand, error);
      throw error;
    }
    // A source may not filter itself; the scope we promise is ours to enforce.
    const inScope = trends.filter(
      (t) =>
        t.region.toUpperCase() === region &&
        t.age_hours <= freshnessHours &&
        t.posts_current >= MIN_TREND_POSTS,
    );
    const relevance = trendRelevance(category, accountHashtags);
    const ranked = inScope
      .filter((t) => t.kind === "hashtag")
      .map(trendItem)
      .sort(byMomentum);
    const hashtags = [];
    const dropped = [];
    for (const item of ranked) {
      const verdict = relevance(item.name);
      if (verdict.fits) hashtags.push({ ...item, relevance: verdict.relevance });
      else dropped.push({ name: item.name, reason: verdict.reason });
    }
    const allSounds = inScope
      .filter((t) => t.kind === "sound")
      .map((t) => ({ ...trendItem(t), commercially_licensed: t.commercially_licensed ?? false }))
      .sort(byMomentum);
    const sounds = brand ? allSounds.filter((s) => s.commercially_licensed) : allSounds;
    ctx.trace.log("trends in scope", {
      received: trends.length,
      kept: inScope.length,
      off_topic: dropped.length,
      unlicensed_left_out: allSounds.length - sounds.length,
    });
    const kept = hashtags.slice(0, limit);
    const listedSounds = sounds.slice(0, limit);
    const facts: TrendWatcherFacts = {
      category,
      region,
      freshness_hours: freshnessHours,
      hashtags: kept,
      sounds: listedSounds,
      hashtag_names: kept.map((item) => item.name),
      dropped: dropped.slice(0, MAX_TRENDS),
      music_rule: musicRule(brand, listedSounds, allSounds.length - sounds.length),
    };
    ctx.signal.throwIfAborted();
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok trend analyst briefing a content team.", UNTRUSTED_DATA_RULE].join("\n"),
      prompt: [
        `Fastest-growing ${category} trends in ${region} that fit this account, first seen within ${freshnessHours} hours, ranked by momentum (${MOMENTUM_FORMULA}):`,
        untrustedBlock(
          "hashtags",
          facts.hashtags.map((h) => `${trendLine(h)}; fits because: ${h.relevance.reason}`),
        ),
        untrustedBlock(
          "sounds",
          facts.sounds.map(
            (s) =>
              `${trendLine(s)}, ${s.commercially_licensed ? "licensed" : "NOT licensed"} for commercial use`,
          ),
        ),
        `Music rule: ${facts.music_rule}`,
        brand
          ? "Summarise in 2 to 4 sentences which to ride this week and why. This is a business account: recommend only the sounds listed, all from the Commercial Music Library, and no other sound."
          : "Summarise in 2 to 4 sentences which to ride this week and why; only licensed sounds may be used in ads.",
      ].join("\n\n"),
      schema: trendSummarySchema,
      context: { ...facts, brand } satisfies SummaryContext,
      signal: ctx.signal,
    });
    return { ...facts, summary: value.summary };
  },
});

/**
 * Business accounts may use only Commercial Music Library sounds, in organic posts as well as ads;
 * creators may post any sound organically but need licensed music in Spark Ads.
 */
function musicRule(
  brand: boolean,
  listed: readonly { commercially_licensed: boolean }[],
  unlicensedLeftOut: number,
): string {
  if (brand) {
    const leftOut =
      unlicensedLeftOut > 0
        ? ` (${unlicensedLeftOut} trending ${unlicensedLeftOut === 1 ? "sound is" : "sounds are"} not licensed and left out)`
        : "";
    return `Business accounts may use only Commercial Music Library sounds, in organic posts too: only commercially licensed sounds are listed${leftOut}.`;
  }
  const licensed = listed.filter((s) => s.commercially_licensed).length;
  const count = listed.length > 0 ? ` (${licensed} of the ${listed.length} listed)` : "";
  return `Creator accounts may use any sound in organic posts; only commercially licensed sounds may be used in Spark Ads${count}.`;
}

function trendsUnavailable(
  category: string,
  region: string,
  freshnessHours: number,
  brand: boolean,
  error: DataUnavailableError,
): TrendWatcherOutput {
  return {
    category,
    region,
    freshness_hours: freshnessHours,
    hashtags: [],
    sounds: [],
    hashtag_names: [],
    dropped: [],
    music_rule: musicRule(brand, [], 0),
    unavailable: error.message,
    summary:
      `${error.message}. No trend is ranked or guessed; ` +
      "the content plan works from the account's own top hashtags instead.",
  };
}

type TrendItem = z.infer<typeof trendItemSchema>;

function trendItem(trend: Trend): TrendItem {
  return {
    name: trend.name,
    momentum: trendMomentum(trend),
    velocity: trendVelocity(trend),
    posts_current: trend.posts_current,
    posts_previous: trend.posts_previous,
    views_current: trend.views_current,
    age_hours: trend.age_hours,
  };
}

function byMomentum(a: TrendItem, b: TrendItem): number {
  return b.momentum.value - a.momentum.value || b.posts_current - a.posts_current;
}

function trendLine(t: TrendItem): string {
  return `${t.name}: momentum ${t.momentum.value}, velocity ${signedPct(t.velocity.value)}, ${compactNumber(t.posts_current)} posts, ${compactNumber(t.views_current)} views, ${t.age_hours}h old`;
}

/** What the briefing is written from: the facts, and whose account they are for. */
type SummaryContext = TrendWatcherFacts & { brand: boolean };

/** Mock briefing on the trends trend_watcher actually ranked (its `context`). */
function mockSummary(request: FixtureRequest): { summary: string } {
  const f = request.context as SummaryContext;
  return { summary: [...hashtagSentences(f), ...droppedSentences(f), ...soundSentences(f)].join(" ") };
}

function hashtagSentences(f: TrendWatcherFacts): string[] {
  const [first, second] = f.hashtags;
  if (!first)
    return [
      f.dropped.length > 0
        ? `No ${f.category} hashtag trending in ${f.region} within ${f.freshness_hours} hours fits this account's topics: lean on proven tags this week.`
        : `No ${f.category} hashtag in ${f.region} crossed the volume threshold within ${f.freshness_hours} hours: lean on proven tags this week.`,
    ];
  const age = first.age_hours < 1 ? "under an hour" : `${Math.round(first.age_hours)}h`;
  const sentences = [
    `Ride #${first.name} this week: ${signedPct(first.velocity.value)} posts in ${f.region} (${compactNumber(first.posts_current)} now, momentum ${first.momentum.value}), first seen ${age} ago; ${first.relevance.reason}.`,
  ];
  if (second)
    sentences.push(
      `#${second.name} (${signedPct(second.velocity.value)} on ${compactNumber(second.posts_current)} posts) is the backup.`,
    );
  return sentences;
}

function droppedSentences(f: TrendWatcherFacts): string[] {
  if (f.dropped.length === 0) return [];
  const names = f.dropped.slice(0, 3).map((d) => `#${d.name}`);
  const more = f.dropped.length > 3 ? ` and ${f.dropped.length - 3} more` : "";
  return [`Left out as off-topic for this account: ${names.join(", ")}${more}.`];
}

function soundSentences(f: SummaryContext): string[] {
  const licensed = f.sounds.find((s) => s.commercially_licensed);
  if (f.brand)
    return [
      licensed
        ? `Use "${licensed.name}" (${signedPct(licensed.velocity.value)}), the fastest-growing sound from the Commercial Music Library: a business account may use only those, organic posts included.`
        : `No trending sound in ${f.region} is in the Commercial Music Library: pick one from the library, as a business account may use no other sound, organic posts included.`,
    ];
  const unlicensed = f.sounds.find((s) => !s.commercially_licensed);
  const sentences: string[] = [];
  if (licensed)
    sentences.push(
      `For Spark Ads use "${licensed.name}" (${signedPct(licensed.velocity.value)}), the fastest commercially licensed sound.`,
    );
  if (unlicensed && (!licensed || unlicensed.momentum.value > licensed.momentum.value))
    sentences.push(`"${unlicensed.name}" grows faster but is not licensed: organic posts only.`);
  return sentences;
}
