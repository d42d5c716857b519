import { z } from "zod";
import {
  AD_TEXT_MAX,
  type AdGroupPayload,
  type AdPayload,
  type CampaignPayload,
  campaignPayloadSchema,
  MIN_ADGROUP_DAILY_BUDGET,
  MIN_DAILY_BUDGET,
} from "../data/campaign-payload.ts";
import { DataUnavailableError } from "../data/errors.ts";
import type { TikTokVideo } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { NonRetriableError } from "../runner/errors.ts";
import {
  benchmarkRates,
  type ForecastRates,
  historyRates,
  MIN_HISTORY_IMPRESSIONS,
} from "./ad-benchmarks.ts";
import { FINDINGS_MAX, HASHTAGS_MAX, hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import {
  campaignSchedule,
  chooseHashtags,
  type HashtagEvidence,
  hashtagEvidenceSchema,
  locationIdsOf,
  trendingHashtagSchema,
} from "./campaign-targeting.ts";
import type { AgentContext } from "./contract.ts";
import { defineAgent } from "./contract.ts";
import { median, round2 } from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";
import { rankVideos } from "./video-ranking.ts";

const HASHTAGS_PER_AD_GROUP = 3;
/** TikTok takes names of up to 512 characters. */
const NAME_MAX = 512;
const MAX_AD_GROUPS = 3;
const AD_COPIES_MAX = 5;
/** TikTok takes 1–5 ads per ad group. */
const ADS_PER_GROUP_MAX = 5;
/** Recent posts the Spark Ads' videos are chosen from. */
const VIDEOS_CONSIDERED = 30;
/** Spark Ads per draft: enough to let the auction pick a winner, few enough to fund each. */
const CREATIVES_MAX = 3;
/** The Marketing API reports at most 30 days per request. */
const HISTORY_DAYS = 30;
/**
 * TikTok Business Help Center budget recommendations: for optimization goals other than conversions,
 * 50 × the current cost per result, or USD 100 a day while no cost per result is known.
 */
const RECOMMENDED_DAILY_BUDGET = 100;
const MINIMUMS_SOURCE =
  'TikTok Business Help Center, "About budgets for ads in TikTok Ads Manager", Aug 2025';

const DRAFT_OBJECTIVES = ["REACH", "VIDEO_VIEWS"] as const;

/** TikTok's campaign ids are digits; offline ones letters, digits and underscores. */
const campaignIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "campaign_id must be 1–128 letters, digits, _ or -");

export const creativeSchema = z.object({
  video_id: lineSchema,
  title: textSchema,
  /** Why this video: its hold (or, without watch time, its reach × engagement), with the figures. */
  reason: lineSchema,
});
export type Creative = z.infer<typeof creativeSchema>;

export const campaignBuilderOutput = z.object({
  /** Exactly what the publisher sends to TikTok once a human approves it (edits included). */
  payload: campaignPayloadSchema,
  /** Hashtags the draft targets, normalized; the reviewer edits them inside `payload`. */
  hashtags: hashtagsSchema,
  /** One entry per targeted hashtag: where it comes from and why, shown beside it at the gate. */
  hashtag_evidence: z.array(hashtagEvidenceSchema).max(HASHTAGS_MAX).default([]),
  /** The videos the Spark Ads promote, each with why it was chosen. */
  creatives: z.array(creativeSchema).max(CREATIVES_MAX).default([]),
  duration_days: z.number().int().positive(),
  total_budget: z.number().positive(),
  /** The budget against TikTok's minimums and recommendation, and what the draft did about them. */
  budget_notes: z.array(lineSchema).max(FINDINGS_MAX).default([]),
  forecast: z.object({
    impressions: z.number().int().nonnegative(),
    clicks: z.number().int().nonnegative(),
    video_views: z.number().int().nonnegative(),
    cpm_usd: z.number(),
    ctr_pct: z.number(),
    /** Whose rates: the account's own past campaign, or a benchmark (source and year in `basis`). */
    source: z.enum(["own_history", "benchmark"]).default("benchmark"),
    label: lineSchema.default("benchmark, no ad history"),
    basis: textSchema,
  }),
  ad_copy: z.array(z.string().max(AD_TEXT_MAX)).max(AD_COPIES_MAX),
});
export type CampaignBuilderOutput = z.infer<typeof campaignBuilderOutput>;
export type CampaignBuilderFacts = Omit<CampaignBuilderOutput, "ad_copy" | "payload"> & {
  handle: string;
  category: string;
  objective: (typeof DRAFT_OBJECTIVES)[number];
};

export const adCopySchema = z.object({
  ad_copy: z.array(z.string().min(1).max(AD_TEXT_MAX)).min(2).max(AD_COPIES_MAX),
});

/**
 * Drafts a paid campaign as the full Marketing API payload (campaign, hashtag-targeted ad groups,
 * Spark Ads of the account's best-holding videos), with a forecast grounded in the account's own ad
 * history where it has one, and ad copy. It creates nothing: `campaign_publisher` acts on the
 * payload a human approved.
 */
export const campaignBuilder = defineAgent({
  name: "campaign_builder",
  description:
    "Drafts a TikTok ad campaign payload (created disabled once approved) with targeting evidence, forecast and ad copy",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    category: lineSchema.min(1),
    /** The country the run asked for; wins over the account's region. */
    country: z.string().length(2).optional(),
    /** The account's region (account_health's); decides the targeted locations unless `location_ids` or `country` is set. */
    region: lineSchema.nullable().default(null),
    /** Hashtags set by the run: targeted as given. Without them the builder picks from the two lists below. */
    hashtags: hashtagsSchema.optional(),
    /** account_health's top_hashtags: the tags on the account's best videos. */
    proven_hashtags: hashtagsSchema.default([]),
    /** trend_watcher's ranked hashtags, fastest first. */
    trending: z.array(trendingHashtagSchema).max(50).default([]),
    /** A past campaign of this advertiser whose CPM, CTR and view rate ground the forecast. */
    history_campaign_id: campaignIdSchema.optional(),
  }),
  options: z
    .object({
      daily_budget: z.number().min(MIN_DAILY_BUDGET).max(100_000).default(MIN_DAILY_BUDGET),
      /** The most a reviewer may raise the daily budget to at the approval gate. */
      max_daily_budget: z.number().min(MIN_DAILY_BUDGET).max(100_000).default(500),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default("USD"),
      duration_days: z.number().int().min(1).max(90).default(14),
      start_in_days: z.number().int().min(1).max(30).default(1),
      objective: z.enum(DRAFT_OBJECTIVES).default("VIDEO_VIEWS"),
      /** TikTok location ids; without them, the account's region decides. */
      location_ids: z
        .array(z.string().regex(/^\d{1,12}$/))
        .min(1)
        .max(20)
        .optional(),
    })
    .refine((o) => o.daily_budget <= o.max_daily_budget, {
      path: ["daily_budget"],
      message: "must be at most max_daily_budget",
    }),
  output: campaignBuilderOutput,
  mockReply: mockAdCopy,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const { daily_budget: daily, duration_days: days, objective, currency } = ctx.options;
    const handle = input.handle.replace(/^@/, "");
    const locations = ctx.options.location_ids ?? locationIdsOf(input.country ?? input.region);
    if (!locations)
      throw new NonRetriableError(
        input.country || input.region
          ? `no TikTok location id is known for ${input.country ?? input.region}: choose a country the run's country param lists, or set the step's location_ids option`
          : "the account's source gives no region: choose the country to target in the run's country param",
      );
    const videos = await ctx.trace.tool("tiktok.listVideos", { handle, limit: VIDEOS_CONSIDERED }, () =>
      ctx.data.listVideos(handle, { limit: VIDEOS_CONSIDERED }),
    );
    if (videos.length === 0) throw new NonRetriableError(`@${handle} has no video to promote as a Spark Ad`);
    const now = ctx.now();
    const ranking = rankVideos(videos, now);
    const best = ranking.top.flatMap((summary) => videos.filter((v) => v.id === summary.id));
    const evidence = chooseHashtags(
      { given: input.hashtags, proven: input.proven_hashtags, trending: input.trending },
      best,
      videos,
    );
    const targeting = evidence.map((e) => e.hashtag);
    const picked = chooseCreatives(videos, best, ranking.top);
    const groupsAllowed = Math.min(MAX_AD_GROUPS, Math.floor(daily / MIN_ADGROUP_DAILY_BUDGET));
    const hashtagSets = hashtagGroups(evidence, groupsAllowed);
    const wanted = hashtagGroups(evidence, MAX_AD_GROUPS).length;
    const total = round2(daily * days);
    const rates = await forecastRates(input, objective, ctx);
    const impressions = Math.round((total / rates.cpmUsd) * 1000);
    const facts: CampaignBuilderFacts = {
      handle,
      category: input.category,
      objective,
      hashtags: targeting,
      hashtag_evidence: evidence,
      creatives: picked.map(({ video, reason }) => ({ video_id: video.id, title: video.title, reason })),
      duration_days: days,
      total_budget: total,
      budget_notes: budgetNotes(currency, daily, hashtagSets.length, wanted, targeting.length),
      forecast: {
        impressions,
        clicks: Math.round((impressions * rates.ctrPct) / 100),
        video_views: Math.round((impressions * rates.viewRatePct) / 100),
        cpm_usd: rates.cpmUsd,
        ctr_pct: rates.ctrPct,
        source: rates.kind,
        label: rates.label,
        basis:
          "impressions = total budget / CPM × 1000; clicks = impressions × CTR; " +
          `video views = impressions × ${rates.viewRatePct}% 2-second view rate; rates from ${rates.origin}`,
      },
    };
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok ads copywriter.", UNTRUSTED_DATA_RULE].join("\n"),
      prompt: [
        `Campaign for @${handle} (${input.category}), objective ${objective}, ${days} days at ${currency} ${daily}/day.`,
        `Forecast: ${JSON.stringify(facts.forecast)}`,
        untrustedBlock("target_hashtags", targeting),
        untrustedBlock(
          "spark_ad_video_titles",
          picked.map(({ video }) => video.title),
        ),
        `Write 3 ad texts of at most ${AD_TEXT_MAX} characters each, native to TikTok, no hashtags, one clear call to action.`,
      ].join("\n\n"),
      schema: adCopySchema,
      context: facts,
      signal: ctx.signal,
    });
    const schedule = campaignSchedule(now, ctx.options.start_in_days, days);
    const ads = sparkAds(
      picked.map((p) => p.video),
      value.ad_copy,
      objective,
    );
    const groups = hashtagSets.map(
      (tags, i): AdGroupPayload => ({
        adgroup_name: adGroupName(handle, tags, i),
        placement_type: "PLACEMENT_TYPE_NORMAL",
        placements: ["PLACEMENT_TIKTOK"],
        location_ids: locations,
        age_groups: ["AGE_18_24", "AGE_25_34", "AGE_35_44"],
        gender: "GENDER_UNLIMITED",
        schedule_type: "SCHEDULE_START_END",
        schedule_start_time: schedule.start,
        schedule_end_time: schedule.end,
        optimization_goal: objective === "REACH" ? "REACH" : "ENGAGED_VIEW",
        billing_event: objective === "REACH" ? "CPM" : "CPV",
        bid_type: "BID_TYPE_NO_BID",
        hashtags: tags,
        ads,
      }),
    );
    const payload: CampaignPayload = {
      currency,
      max_daily_budget: ctx.options.max_daily_budget,
      drafted_at: now.toISOString(),
      campaign: {
        campaign_name: `@${handle} · ${input.category} · ${objective} · ${now.toISOString().slice(0, 10)}`,
        objective_type: objective,
        budget_optimize_on: true,
        budget_mode: "BUDGET_MODE_DAY",
        budget: daily,
        operation_status: "DISABLE",
      },
      ad_groups: groups,
    };
    ctx.trace.log("campaign drafted; nothing is created before approval", {
      daily_budget: daily,
      currency,
      ad_groups: groups.length,
      tiktok_item_ids: picked.map((p) => p.video.id),
      forecast: rates.label,
    });
    const { handle: _h, category: _c, objective: _o, ...rest } = facts;
    return { payload, ...rest, ad_copy: value.ad_copy };
  },
});

type DraftObjective = (typeof DRAFT_OBJECTIVES)[number];

/**
 * The account's own CPM, CTR and view rate from a past campaign when the run names one and its report
 * holds enough impressions; otherwise the category benchmark, labelled as such with the reason.
 */
async function forecastRates(
  input: { category: string; history_campaign_id?: string | undefined },
  objective: DraftObjective,
  ctx: Pick<AgentContext, "data" | "trace">,
): Promise<ForecastRates> {
  const campaignId = input.history_campaign_id;
  const benchmark = (why: string) => benchmarkRates(input.category, objective, why);
  if (!campaignId) return benchmark("no ad history");
  try {
    const rows = await ctx.trace.tool("tiktok.getCampaignReport", { campaignId, days: HISTORY_DAYS }, () =>
      ctx.data.getCampaignReport(campaignId, { days: HISTORY_DAYS }),
    );
    return (
      historyRates(campaignId, rows) ??
      benchmark(
        `no usable ad history: campaign ${campaignId} has under ${compactNumber(MIN_HISTORY_IMPRESSIONS)} impressions in ${HISTORY_DAYS} days`,
      )
    );
  } catch (error) {
    if (error instanceof DataUnavailableError) return benchmark(`no ad history: ${error.message}`);
    throw error;
  }
}

/**
 * Up to three videos that keep people watching, among those with at least the median views (retention
 * on a video nobody saw proves nothing): ranked by hold = average time watched ÷ duration, then by
 * full-watch rate. Sources without watch time (the Display API) fall back to the reach × engagement
 * ranking, and each reason says so.
 */
function chooseCreatives(
  videos: readonly TikTokVideo[],
  best: readonly TikTokVideo[],
  ranked: ReturnType<typeof rankVideos>["top"],
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
function sparkAds(
  videos: readonly TikTokVideo[],
  copies: readonly string[],
  objective: DraftObjective,
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
      call_to_action: objective === "REACH" ? "LEARN_MORE" : "WATCH_NOW",
    };
  });
}

/** The budget against TikTok's published minimums and its recommendation, with what the draft did. */
function budgetNotes(
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
      `TikTok recommends at least USD ${RECOMMENDED_DAILY_BUDGET} a day for reach and view campaigns while no cost per result is known ` +
        "(TikTok Business Help Center, budget recommendations): below it the learning phase takes longer.",
    );
  return notes;
}

/** Unique per draft (the publisher finds an ad group again by name) and within TikTok's 512 characters. */
function adGroupName(handle: string, tags: string[], index: number): string {
  const label = tags.length > 0 ? tags.map((t) => `#${t}`).join(" ") : "broad";
  const suffix = ` · ${index + 1}`;
  const head = `@${handle} · ${label}`;
  return `${head.length + suffix.length <= NAME_MAX ? head : `${head.slice(0, NAME_MAX - suffix.length - 1)}…`}${suffix}`;
}

/**
 * Up to three hashtags per ad group, proven, trending and given tags in groups of their own, so each
 * group's results say which interest cluster works; when the budget funds fewer groups, the tags
 * share the groups it funds.
 */
function hashtagGroups(evidence: readonly HashtagEvidence[], maxGroups: number): string[][] {
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

const CALLS_TO_ACTION: Record<CampaignBuilderFacts["objective"], string> = {
  REACH: "Follow for more",
  VIDEO_VIEWS: "Watch till the end",
};

/** Mock ad texts for the campaign campaign_builder drafted (its `context`); each fits TikTok's 100 characters. */
function mockAdCopy(request: FixtureRequest): { ad_copy: string[] } {
  const f = request.context as CampaignBuilderFacts;
  const topic = f.category.toLowerCase();
  const cta = CALLS_TO_ACTION[f.objective];
  const texts = [
    `The ${topic} upgrade you didn't know you needed. ${cta} 👀`,
    `Stop scrolling: this ${topic} fix takes 30 seconds. ${cta}.`,
    `Why everyone's switching up their ${topic} game. ${cta} ✨`,
  ];
  return { ad_copy: texts.map((text) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`)) };
}
