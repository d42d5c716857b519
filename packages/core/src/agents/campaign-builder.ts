import { z } from "zod";
import {
  AD_TEXT_MAX,
  type AdGroupPayload,
  type CampaignPayload,
  campaignPayloadSchema,
  MIN_DAILY_BUDGET,
} from "../data/campaign-payload.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { NonRetriableError } from "../runner/errors.ts";
import { adBenchmark } from "./ad-benchmarks.ts";
import { hashtagsSchema, lineSchema, textSchema } from "./bounds.ts";
import { campaignSchedule, locationIdsOf } from "./campaign-targeting.ts";
import { defineAgent } from "./contract.ts";
import { uniqueHashtags } from "./hashtag.ts";
import { round2 } from "./metrics.ts";

const HASHTAGS_PER_AD_GROUP = 3;
/** TikTok takes names of up to 512 characters. */
const NAME_MAX = 512;
const MAX_AD_GROUPS = 3;
const AD_COPIES_MAX = 5;
/** Recent posts the Spark Ad's video is chosen from. */
const VIDEOS_CONSIDERED = 30;

const DRAFT_OBJECTIVES = ["REACH", "VIDEO_VIEWS"] as const;

export const campaignBuilderOutput = z.object({
  /** Exactly what the publisher sends to TikTok once a human approves it (edits included). */
  payload: campaignPayloadSchema,
  /** Hashtags the draft targets, normalized; the reviewer edits them inside `payload`. */
  hashtags: hashtagsSchema,
  duration_days: z.number().int().positive(),
  total_budget: z.number().positive(),
  forecast: z.object({
    impressions: z.number().int().nonnegative(),
    clicks: z.number().int().nonnegative(),
    video_views: z.number().int().nonnegative(),
    cpm_usd: z.number(),
    ctr_pct: z.number(),
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
 * Spark Ads of the account's best recent video), with a forecast and ad copy. It creates nothing:
 * `campaign_publisher` acts on the payload a human approved.
 */
export const campaignBuilder = defineAgent({
  name: "campaign_builder",
  description:
    "Drafts a TikTok ad campaign payload (created disabled once approved) with forecast and ad copy",
  sideEffects: "none",
  input: z.object({
    handle: lineSchema.min(1),
    category: lineSchema.min(1),
    /** The country the run asked for; wins over the account's region. */
    country: z.string().length(2).optional(),
    /** The account's region (account_health's); decides the targeted locations unless `location_ids` or `country` is set. */
    region: lineSchema.nullable().default(null),
    hashtags: hashtagsSchema,
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
    const { daily_budget: daily, duration_days: days, objective } = ctx.options;
    const handle = input.handle.replace(/^@/, "");
    const locations = ctx.options.location_ids ?? locationIdsOf(input.country ?? input.region);
    if (!locations)
      throw new NonRetriableError(
        input.country || input.region
          ? `no TikTok location id is known for ${input.country ?? input.region}: choose a country the run's country param lists, or set the step's location_ids option`
          : "the account's source gives no region: choose the country to target in the run's country param",
      );
    const video = await bestRecentVideo(ctx.data, handle);
    const targeting = uniqueHashtags(input.hashtags);
    const total = round2(daily * days);
    const benchmark = adBenchmark(input.category, objective);
    const impressions = Math.round((total / benchmark.cpmUsd) * 1000);
    const facts: CampaignBuilderFacts = {
      handle,
      category: input.category,
      objective,
      hashtags: targeting,
      duration_days: days,
      total_budget: total,
      forecast: {
        impressions,
        clicks: Math.round((impressions * benchmark.ctrPct) / 100),
        video_views: Math.round((impressions * benchmark.viewRatePct) / 100),
        cpm_usd: benchmark.cpmUsd,
        ctr_pct: benchmark.ctrPct,
        basis:
          `impressions = total budget / CPM × 1000 (benchmarks in USD); clicks = impressions × CTR; ` +
          `video views = impressions × ${benchmark.viewRatePct}% 2-second view rate; ${benchmark.source}`,
      },
    };
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok ads copywriter.", UNTRUSTED_DATA_RULE].join("\n"),
      prompt: [
        `Campaign for @${handle} (${input.category}), objective ${objective}, ${days} days at ${ctx.options.currency} ${daily}/day.`,
        `Forecast: ${JSON.stringify(facts.forecast)}`,
        untrustedBlock("target_hashtags", targeting),
        `Write 3 ad texts of at most ${AD_TEXT_MAX} characters each, native to TikTok, no hashtags, one clear call to action.`,
      ].join("\n\n"),
      schema: adCopySchema,
      context: facts,
      signal: ctx.signal,
    });
    const now = ctx.now();
    const schedule = campaignSchedule(now, ctx.options.start_in_days, days);
    const groups = hashtagGroups(targeting).map(
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
        ads: value.ad_copy.slice(0, 3).map((text, n) => ({
          ad_name: `${video.id} · copy ${n + 1}`,
          ad_text: text,
          ad_format: "SINGLE_VIDEO",
          identity_type: "TT_USER",
          tiktok_item_id: video.id,
          call_to_action: objective === "REACH" ? "LEARN_MORE" : "WATCH_NOW",
        })),
      }),
    );
    const payload: CampaignPayload = {
      currency: ctx.options.currency,
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
      currency: payload.currency,
      ad_groups: groups.length,
      tiktok_item_id: video.id,
    });
    const { handle: _h, category: _c, objective: _o, ...rest } = facts;
    return { payload, ...rest, ad_copy: value.ad_copy };
  },
});

/** The Spark Ad promotes the account's own most-viewed recent post: proven content, no new creative. */
async function bestRecentVideo(data: TikTokDataProvider, handle: string) {
  const videos = await data.listVideos(handle, { limit: VIDEOS_CONSIDERED });
  const best = [...videos].sort((a, b) => b.view_count - a.view_count)[0];
  if (!best) throw new NonRetriableError(`@${handle} has no video to promote as a Spark Ad`);
  return best;
}

/** Unique per draft (the publisher finds an ad group again by name) and within TikTok's 512 characters. */
function adGroupName(handle: string, tags: string[], index: number): string {
  const label = tags.length > 0 ? tags.map((t) => `#${t}`).join(" ") : "broad";
  const suffix = ` · ${index + 1}`;
  const head = `@${handle} · ${label}`;
  return `${head.length + suffix.length <= NAME_MAX ? head : `${head.slice(0, NAME_MAX - suffix.length - 1)}…`}${suffix}`;
}

/** Up to three hashtags per ad group, so each group's results say which interest cluster works. */
function hashtagGroups(hashtags: string[]): string[][] {
  if (hashtags.length === 0) return [[]];
  const count = Math.min(MAX_AD_GROUPS, Math.ceil(hashtags.length / HASHTAGS_PER_AD_GROUP));
  return Array.from({ length: count }, (_, group) => hashtags.filter((_, i) => i % count === group));
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
