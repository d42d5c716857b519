import { z } from "zod";
import {
  AD_TEXT_MAX,
  type AdGroupPayload,
  type CampaignPayload,
  campaignIdSchema,
  campaignPayloadSchema,
  MIN_ADGROUP_DAILY_BUDGET,
  MIN_DAILY_BUDGET,
} from "../data/campaign-payload.ts";
import { DataUnavailableError } from "../data/errors.ts";
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
  budgetNotes,
  campaignSchedule,
  chooseHashtags,
  hashtagEvidenceSchema,
  hashtagGroups,
  locationIdsOf,
  trendingHashtagSchema,
} from "./campaign-targeting.ts";
import type { AgentContext } from "./contract.ts";
import { defineAgent } from "./contract.ts";
import { round2 } from "./metrics.ts";
import { compactNumber } from "./phrasing.ts";
import { CREATIVES_MAX, chooseCreatives, creativeSchema, sparkAds } from "./spark-ads.ts";
import { rankVideos } from "./video-ranking.ts";

/** TikTok takes names of up to 512 characters. */
const MAX_AD_GROUPS = 3;
const AD_COPIES_MAX = 5;
/** Recent posts the Spark Ads' videos are chosen from. */
const VIDEOS_CONSIDERED = 30;
/** The Marketing API reports at most 30 days per request. */
const HISTORY_DAYS = 30;
const DRAFT_OBJECTIVES = ["REACH", "VIDEO_VIEWS"] as const;

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
      objective === "REACH" ? "LEARN_MORE" : "WATCH_NOW",
    );
    const groups = hashtagSets.map(
      (tags, i): AdGroupPayload => ({
        adgroup_name: adGroupName(handle, i),
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

/** Unique per draft (the publisher finds an ad group again by name) and within TikTok's 512 characters. */
function adGroupName(handle: string, index: number): string {
  // Not named after its hashtags: a reviewer may change them, and the name would then mislead in Ads Manager.
  return `@${handle} · hashtag group ${index + 1}`;
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
