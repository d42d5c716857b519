import { z } from "zod";
import { MIN_ADGROUP_DAILY_BUDGET, MIN_DAILY_BUDGET } from "../data/campaign-payload.ts";
import type { TikTokVideo } from "../data/provider.ts";
import { HASHTAGS_MAX, LINE_MAX_LENGTH, lineSchema } from "./bounds.ts";
import { isGenericHashtag, normalizeHashtag, uniqueHashtags } from "./hashtag.ts";
import { round2 } from "./metrics.ts";
import { compactNumber, signedPct } from "./phrasing.ts";

/**
 * TikTok location ids (GeoNames ids) of the regions our accounts report. A region missing here
 * is not guessed: the drafting step asks for its `location_ids` option instead.
 */
export const LOCATION_IDS: Readonly<Record<string, string>> = {
  US: "6252001",
  GB: "2635167",
  CA: "6251999",
  AU: "2077456",
  DE: "2921044",
  FR: "3017382",
  ES: "2510769",
  IT: "3175395",
};

/** Countries a campaign may target by name (ISO 3166-1 alpha-2). */
export const TARGET_COUNTRIES = Object.keys(LOCATION_IDS) as [string, ...string[]];

export function locationIdsOf(region: string | null): string[] | undefined {
  const id = region ? LOCATION_IDS[region.toUpperCase()] : undefined;
  return id ? [id] : undefined;
}

/**
 * Start at midnight `startInDays` days after `now`, end `days` days later, in the Marketing API's
 * `YYYY-MM-DD HH:MM:SS` (read in the advertiser's time zone).
 */
export function campaignSchedule(
  now: Date,
  startInDays: number,
  days: number,
): { start: string; end: string } {
  const day = 24 * 3600 * 1000;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)} 00:00:00`;
  const start = midnight + startInDays * day;
  return { start: at(start), end: at(start + days * day) };
}

/** The fields of trend_watcher's ranked hashtags the builder reads; the others are ignored. */
export const trendingHashtagSchema = z.object({
  name: lineSchema,
  velocity: z.object({ value: z.number() }),
  posts_current: z.number().int().nonnegative(),
  /** Why the tag fits the account's topics; no `matched` topic means it does not fit. */
  relevance: z.object({ matched: z.array(lineSchema).max(HASHTAGS_MAX), reason: lineSchema }).optional(),
});
export type TrendingHashtag = z.infer<typeof trendingHashtagSchema>;

export const hashtagEvidenceSchema = z.object({
  hashtag: lineSchema,
  /** trending: rising in the niche now; proven: on the account's best videos; given: set by the run. */
  source: z.enum(["trending", "proven", "given"]),
  evidence: lineSchema,
});
export type HashtagEvidence = z.infer<typeof hashtagEvidenceSchema>;

/** Each side of the balance: proven tags hold the account's audience, trending ones reach a new one. */
const PROVEN_MAX = 3;
const TRENDING_MAX = 3;

export interface HashtagChoiceInput {
  /** Hashtags the run set; when present they are the targeting, as given. */
  given?: readonly string[];
  proven: readonly string[];
  trending: readonly TrendingHashtag[];
}

/**
 * The hashtags a campaign targets, each with the evidence a reviewer reads beside it: the run's own
 * list when it set one, else up to 3 of the account's proven tags (generic ones such as #fyp say
 * nothing) and up to 3 rising trending tags that fit its topics. When the trends carry relevance, a
 * trend without a matched topic is off-topic and is not targeted.
 */
export function chooseHashtags(
  input: HashtagChoiceInput,
  best: readonly TikTokVideo[],
  recent: readonly TikTokVideo[],
): HashtagEvidence[] {
  const usage = (tag: string) => usageEvidence(tag, best, recent);
  if (input.given)
    return uniqueHashtags(input.given).map((hashtag) => ({
      hashtag,
      source: "given",
      evidence: `set by the run; ${usage(hashtag)}`,
    }));
  const proven = uniqueHashtags(input.proven)
    .filter((tag) => !isGenericHashtag(tag))
    .slice(0, PROVEN_MAX)
    .map((hashtag): HashtagEvidence => ({ hashtag, source: "proven", evidence: usage(hashtag) }));
  const taken = new Set(proven.map((e) => e.hashtag));
  const relevanceKnown = input.trending.some((t) => t.relevance !== undefined);
  const trending: HashtagEvidence[] = [];
  for (const trend of input.trending) {
    const hashtag = normalizeHashtag(trend.name);
    const fits = !relevanceKnown || (trend.relevance?.matched.length ?? 0) > 0;
    // A tag with fewer posts than the window before is not a trend to buy reach on.
    const rising = trend.velocity.value > 0;
    if (!hashtag || !fits || !rising || taken.has(hashtag) || isGenericHashtag(hashtag)) continue;
    if (trending.length === TRENDING_MAX) break;
    taken.add(hashtag);
    trending.push({ hashtag, source: "trending", evidence: trendEvidence(trend) });
  }
  return [...proven, ...trending];
}

function usageEvidence(tag: string, best: readonly TikTokVideo[], recent: readonly TikTokVideo[]): string {
  const carries = (videos: readonly TikTokVideo[]) =>
    videos.filter((v) => v.hashtags.some((raw) => normalizeHashtag(raw) === tag)).length;
  const onBest = carries(best);
  const onRecent = carries(recent);
  if (onBest > 0) return `on ${onBest} of your ${best.length} best videos (reach × engagement)`;
  if (onRecent === 0) return `not on your last ${recent.length} posts`;
  const none = best.length > 0 ? `on none of your ${best.length} best videos; ` : "";
  return `${none}on ${onRecent} of your last ${recent.length} posts`;
}

function trendEvidence(trend: TrendingHashtag): string {
  const growth = `${signedPct(trend.velocity.value)} posts vs the window before (${compactNumber(trend.posts_current)} posts)`;
  const fit = trend.relevance ? trend.relevance.reason : "fit with your topics not checked";
  const text = `${growth}; ${fit}`;
  return text.length <= LINE_MAX_LENGTH ? text : `${text.slice(0, LINE_MAX_LENGTH - 1)}…`;
}

/** Small clusters, so an ad group's results say which interest works. */
const HASHTAGS_PER_AD_GROUP = 3;

/**
 * TikTok Business Help Center budget recommendations: for optimization goals other than conversions,
 * 50 × the current cost per result, or USD 100 a day while no cost per result is known.
 */
const RECOMMENDED_DAILY_BUDGET = 100;
const MINIMUMS_SOURCE =
  'TikTok Business Help Center, "About budgets for ads in TikTok Ads Manager", Aug 2025';

/** The budget against TikTok's published minimums and its recommendation, with what the draft did. */
export function budgetNotes(
  currency: string,
  daily: number,
  groups: number,
  wanted: number,
  hashtags: number,
): string[] {
  const notes = [
    `${currency} ${daily}/day meets TikTok's minimums of ${MIN_DAILY_BUDGET} a day per campaign and ${MIN_ADGROUP_DAILY_BUDGET} per ad group ` +
      `(USD or the equivalent; ${MINIMUMS_SOURCE}); shared by ${groups} ad group${groups === 1 ? "" : "s"} (Campaign Budget Optimization), ` +
      `${currency} ${round2(daily / groups)} each on average.`,
  ];
  if (wanted > groups)
    notes.push(
      `The ${hashtags} hashtags would make ${wanted} ad groups, but ${currency} ${daily}/day covers only ${groups} at ${MIN_ADGROUP_DAILY_BUDGET} each: ` +
        `they share ${groups}. A budget of ${wanted * MIN_ADGROUP_DAILY_BUDGET} gives each cluster its own.`,
    );
  if (daily < RECOMMENDED_DAILY_BUDGET)
    notes.push(
      `TikTok recommends at least USD ${RECOMMENDED_DAILY_BUDGET} a day for goals other than conversions while no cost per result is known ` +
        "(TikTok Business Help Center, budget recommendations); this draft stays at the budget set.",
    );
  return notes;
}

/**
 * Up to three hashtags per ad group, proven, trending and given tags in groups of their own, so each
 * group's results say which interest cluster works; when the budget funds fewer groups, the tags
 * share the groups it funds.
 */
export function hashtagGroups(evidence: readonly HashtagEvidence[], maxGroups: number): string[][] {
  const clusters = (["proven", "trending", "given"] as const)
    .map((source) => evidence.filter((e) => e.source === source).map((e) => e.hashtag))
    .flatMap((tags) => spread(tags, Math.ceil(tags.length / HASHTAGS_PER_AD_GROUP)));
  if (clusters.length === 0) return [[]];
  if (clusters.length <= maxGroups) return clusters;
  return spread(
    evidence.map((e) => e.hashtag),
    maxGroups,
  );
}

/** `tags` dealt round-robin into `count` lists. */
function spread(tags: readonly string[], count: number): string[][] {
  return Array.from({ length: count }, (_, group) => tags.filter((_, i) => i % count === group));
}
