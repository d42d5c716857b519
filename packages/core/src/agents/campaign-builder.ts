import { z } from "zod";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { adBenchmark, CAMPAIGN_OBJECTIVES } from "./ad-benchmarks.ts";
import { hashtagsSchema, LINE_MAX_LENGTH, lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import { uniqueHashtags } from "./hashtag.ts";
import { round2 } from "./metrics.ts";

/** TikTok ad text takes 1–100 characters. */
const AD_TEXT_MAX = 100;
const HASHTAGS_PER_AD_GROUP = 3;
const MAX_AD_GROUPS = 3;
const AD_COPIES_MAX = 5;

export const campaignBuilderOutput = z.object({
  campaign: z.object({
    /** What later runs (post_launch_loop) review: one id per (run, step), stable across retries. */
    id: lineSchema,
    name: lineSchema,
    objective: z.enum(CAMPAIGN_OBJECTIVES),
    /** Always created disabled; only an approval enables it. */
    status: z.literal("DISABLED"),
    daily_budget_usd: z.number().positive(),
    duration_days: z.number().int().positive(),
    total_budget_usd: z.number().positive(),
    /** One per (run, step, campaign): a retried step must not create a second campaign. */
    idempotency_key: lineSchema,
    ad_groups: z
      .array(
        z.object({
          name: lineSchema,
          hashtags: hashtagsSchema,
          placement: z.literal("TIKTOK"),
          bid_strategy: z.enum(["LOWEST_COST", "COST_CAP"]),
        }),
      )
      .max(MAX_AD_GROUPS),
  }),
  /** Exactly the hashtags the step was given (after any edit at the approval gate). */
  hashtags: hashtagsSchema,
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
export type CampaignBuilderFacts = Omit<CampaignBuilderOutput, "ad_copy"> & {
  handle: string;
  category: string;
};

export const adCopySchema = z.object({
  ad_copy: z.array(z.string().min(1).max(AD_TEXT_MAX)).min(2).max(AD_COPIES_MAX),
});

/** Proposes a disabled campaign with hashtag-targeted ad groups, a forecast from benchmarks and ad copy. */
export const campaignBuilder = defineAgent({
  name: "campaign_builder",
  description: "Proposes a TikTok ad campaign (created disabled) with ad groups, forecast and ad copy",
  sideEffects: "spends",
  input: z.object({ handle: lineSchema.min(1), category: lineSchema.min(1), hashtags: hashtagsSchema }),
  options: z.object({
    // TikTok's minimum daily budget at campaign level is $50.
    daily_budget_usd: z.number().min(50).max(100_000).default(50),
    duration_days: z.number().int().min(1).max(90).default(14),
    objective: z.enum(CAMPAIGN_OBJECTIVES).default("VIDEO_VIEWS"),
  }),
  output: campaignBuilderOutput,
  mockReply: mockAdCopy,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const { daily_budget_usd: daily, duration_days: days, objective } = ctx.options;
    const handle = input.handle.replace(/^@/, "");
    const targeting = uniqueHashtags(input.hashtags);
    const total = round2(daily * days);
    const benchmark = adBenchmark(input.category, objective);
    const impressions = Math.round((total / benchmark.cpmUsd) * 1000);
    const facts: CampaignBuilderFacts = {
      handle,
      category: input.category,
      campaign: {
        id: `cmp_${ctx.run.workflowRunId.replaceAll("-", "").slice(0, 20)}_${ctx.run.stepKey}`,
        name: `@${handle} · ${input.category} · ${objective} · ${ctx.now().toISOString().slice(0, 10)}`,
        objective,
        status: "DISABLED",
        daily_budget_usd: daily,
        duration_days: days,
        total_budget_usd: total,
        idempotency_key: `${ctx.run.workflowRunId}:${ctx.run.stepKey}:campaign`,
        ad_groups: adGroups(handle, targeting, objective === "CONVERSIONS" ? "COST_CAP" : "LOWEST_COST"),
      },
      hashtags: input.hashtags,
      forecast: {
        impressions,
        clicks: Math.round((impressions * benchmark.ctrPct) / 100),
        video_views: Math.round((impressions * benchmark.viewRatePct) / 100),
        cpm_usd: benchmark.cpmUsd,
        ctr_pct: benchmark.ctrPct,
        basis:
          `impressions = total budget / CPM × 1000; clicks = impressions × CTR; ` +
          `video views = impressions × ${benchmark.viewRatePct}% 2-second view rate; ${benchmark.source}`,
      },
    };
    ctx.trace.log("campaign proposed (disabled)", {
      total_budget_usd: total,
      ad_groups: facts.campaign.ad_groups.length,
    });
    const { value } = await ctx.llm.structured({
      system: ["You are a TikTok ads copywriter.", UNTRUSTED_DATA_RULE].join("\n"),
      prompt: [
        `Campaign for @${handle} (${input.category}), objective ${objective}, ${days} days at $${daily}/day.`,
        `Forecast: ${JSON.stringify(facts.forecast)}`,
        untrustedBlock("target_hashtags", targeting),
        `Write 3 ad texts of at most ${AD_TEXT_MAX} characters each, native to TikTok, no hashtags, one clear call to action.`,
      ].join("\n\n"),
      schema: adCopySchema,
      context: facts,
      signal: ctx.signal,
    });
    const { handle: _handle, category: _category, ...proposal } = facts;
    return { ...proposal, ad_copy: value.ad_copy };
  },
});

type BidStrategy = CampaignBuilderOutput["campaign"]["ad_groups"][number]["bid_strategy"];

/** Up to three hashtags per ad group, so each group's results say which interest cluster works. */
function adGroups(
  handle: string,
  hashtags: string[],
  bidStrategy: BidStrategy,
): CampaignBuilderOutput["campaign"]["ad_groups"] {
  if (hashtags.length === 0)
    return [{ name: `@${handle} · broad`, hashtags: [], placement: "TIKTOK", bid_strategy: bidStrategy }];
  const count = Math.min(MAX_AD_GROUPS, Math.ceil(hashtags.length / HASHTAGS_PER_AD_GROUP));
  const groups = Array.from({ length: count }, (_, group) => hashtags.filter((_, i) => i % count === group));
  return groups.map((tags) => ({
    name: clip(`@${handle} · ${tags.map((t) => `#${t}`).join(" ")}`, LINE_MAX_LENGTH),
    hashtags: tags,
    placement: "TIKTOK",
    bid_strategy: bidStrategy,
  }));
}

/** Ten long hashtags make a long name: it stops at `max` characters, the last one an ellipsis. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const CALLS_TO_ACTION: Record<CampaignBuilderFacts["campaign"]["objective"], string> = {
  REACH: "Follow for more",
  VIDEO_VIEWS: "Watch till the end",
  TRAFFIC: "Tap to see how",
  CONVERSIONS: "Shop the routine now",
};

/** Mock ad texts for the campaign campaign_builder proposed (its `context`); each fits TikTok's 100 characters. */
function mockAdCopy(request: FixtureRequest): { ad_copy: string[] } {
  const f = request.context as CampaignBuilderFacts;
  const topic = f.category.toLowerCase();
  const cta = CALLS_TO_ACTION[f.campaign.objective];
  const texts = [
    `The ${topic} upgrade you didn't know you needed. ${cta} 👀`,
    `Stop scrolling: this ${topic} fix takes 30 seconds. ${cta}.`,
    `Why everyone's switching up their ${topic} game. ${cta} ✨`,
  ];
  return { ad_copy: texts.map((text) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`)) };
}
