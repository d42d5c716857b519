import { z } from "zod";
import type { FixtureRequest } from "../llm/port.ts";
import { findingsSchema, lineSchema, textSchema } from "./bounds.ts";
import { defineAgent } from "./contract.ts";
import { compactNumber, signedPct, usd } from "./phrasing.ts";
import { REVIEW_VERDICTS, reviewVerdict } from "./review-verdict.ts";
import {
  AD_FORMULAS,
  adWindow,
  adWindowSchema,
  changeOf,
  changeSchema,
  organicFormulas,
  organicWindow,
  organicWindowSchema,
} from "./window-comparison.ts";

const DAY_MS = 86_400_000;
/** Enough videos to cover two windows of 15 days at several posts a day. */
const VIDEO_LIMIT = 100;

/** TikTok's campaign ids are digits; ours (`cmp_…`) letters, digits and underscores: nothing to hide words in. */
const campaignIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "campaign_id must be 1–128 letters, digits, _ or -");

export const performanceReviewerOutput = z.object({
  handle: lineSchema,
  window_days: z.number().int(),
  /** Videos posted in the last window_days vs the window before. */
  organic: z.object({
    current: organicWindowSchema,
    previous: organicWindowSchema,
    change_pct: changeSchema(organicWindowSchema),
    formulas: z.record(organicWindowSchema.keyof(), lineSchema),
  }),
  /** The campaign's complete days in the last window_days vs the window before. */
  ads: z.object({
    campaign_id: campaignIdSchema,
    current: adWindowSchema,
    previous: adWindowSchema,
    change_pct: changeSchema(adWindowSchema),
    formulas: z.record(adWindowSchema.keyof(), lineSchema),
  }),
  verdict: z.enum(REVIEW_VERDICTS),
  verdict_reasons: findingsSchema,
  recommendations: findingsSchema,
});
export type PerformanceReviewerOutput = z.infer<typeof performanceReviewerOutput>;
export type PerformanceReviewerFacts = Omit<PerformanceReviewerOutput, "recommendations">;

export const recommendationsSchema = z.object({
  recommendations: z.array(textSchema.min(1)).min(2).max(5),
});

/** Compares the latest window with the one before, organic and paid, and rules scale, hold or fix. */
export const performanceReviewer = defineAgent({
  name: "performance_reviewer",
  description:
    "Compares the last window with the previous one (organic and ads) and rules scale, hold or fix",
  sideEffects: "none",
  // The campaign under review is the one a launch actually built: its id is an input, never guessed.
  input: z.object({ handle: lineSchema.min(1), campaign_id: campaignIdSchema }),
  options: z.object({
    // Ad metrics settle over hours and organic insights freeze after ~7 idle days (DOMAIN.md).
    window_days: z.number().int().min(3, "compare windows of 3 days or more").max(15).default(7),
  }),
  output: performanceReviewerOutput,
  mockReply: mockRecommendations,
  async execute(input, ctx) {
    ctx.signal.throwIfAborted();
    const handle = input.handle.replace(/^@/, "");
    const windowDays = ctx.options.window_days;
    const campaignId = input.campaign_id;
    const reportDays = windowDays * 2;
    const [videos, rows] = await Promise.all([
      ctx.trace.tool("tiktok.listVideos", { handle, limit: VIDEO_LIMIT }, () =>
        ctx.data.listVideos(handle, { limit: VIDEO_LIMIT }),
      ),
      ctx.trace.tool("tiktok.getCampaignReport", { campaignId, days: reportDays }, () =>
        ctx.data.getCampaignReport(campaignId, { days: reportDays }),
      ),
    ]);
    const now = ctx.now().getTime();
    const boundary = (now - windowDays * DAY_MS) / 1000;
    const start = (now - 2 * windowDays * DAY_MS) / 1000;
    const boundaryDay = new Date(now - windowDays * DAY_MS).toISOString().slice(0, 10);
    const organicCurrent = organicWindow(videos.filter((v) => v.create_time > boundary));
    const organicPrevious = organicWindow(
      videos.filter((v) => v.create_time > start && v.create_time <= boundary),
    );
    const adsCurrent = adWindow(rows.filter((r) => r.stat_date >= boundaryDay));
    const adsPrevious = adWindow(rows.filter((r) => r.stat_date < boundaryDay));
    const organic = {
      current: organicCurrent,
      previous: organicPrevious,
      change_pct: changeOf(organicCurrent, organicPrevious),
      formulas: organicFormulas(videos),
    };
    const ads = {
      campaign_id: campaignId,
      current: adsCurrent,
      previous: adsPrevious,
      change_pct: changeOf(adsCurrent, adsPrevious),
      formulas: AD_FORMULAS,
    };
    const { verdict, reasons } = reviewVerdict({ organic, ads });
    const facts: PerformanceReviewerFacts = {
      handle,
      window_days: windowDays,
      organic,
      ads,
      verdict,
      verdict_reasons: reasons,
    };
    ctx.trace.log("windows compared", { verdict, reasons });
    ctx.signal.throwIfAborted();
    const { value } = await ctx.llm.structured({
      system: [
        "You are a TikTok performance marketer reviewing a launch.",
        "The verdict is already decided by rule; explain it and say what to do, quoting the numbers given.",
      ].join("\n"),
      prompt: [
        `Review of @${handle}: last ${windowDays} days vs the ${windowDays} days before.`,
        JSON.stringify(facts, null, 2),
        "Write 2 to 4 concrete recommendations, most important first.",
      ].join("\n\n"),
      schema: recommendationsSchema,
      context: facts,
      signal: ctx.signal,
    });
    return { ...facts, recommendations: value.recommendations };
  },
});

/** Mock recommendations on the windows performance_reviewer compared (its `context`). */
function mockRecommendations(request: FixtureRequest): { recommendations: string[] } {
  const f = request.context as PerformanceReviewerFacts;
  const { current: now, previous: before, change_pct: change } = f.ads;
  const recommendations: string[] = [];
  if (f.verdict === "scale")
    recommendations.push(
      `Scale: CTR ${signedPct(change.ctr_pct)} (${before.ctr_pct}% → ${now.ctr_pct}%) with CPC ${signedPct(change.cpc_usd)} (${usd(now.cpc_usd)}). Raise the daily budget 20–30% every 3 days rather than at once, so delivery stays out of the learning phase.`,
    );
  if (f.verdict === "fix") {
    if ((change.ctr_pct ?? 0) < 0 || (change.hook_rate_pct ?? 0) < 0)
      recommendations.push(
        `Fix the creative: CTR ${signedPct(change.ctr_pct)} and hook rate ${signedPct(change.hook_rate_pct)} (${now.hook_rate_pct}% of impressions watch 2 seconds). Ship 2 new openings and pause the weakest ad group before adding spend.`,
      );
    if ((change.cpc_usd ?? 0) > 0)
      recommendations.push(
        `Clicks got dearer: CPC ${usd(before.cpc_usd)} → ${usd(now.cpc_usd)} at CPM ${usd(now.cpm_usd)}. Tighten hashtag targeting to the groups with the best CTR.`,
      );
  }
  if (f.verdict === "hold")
    recommendations.push(
      `Hold budget at ${usd(now.spend_usd)} per ${f.window_days} days: CTR ${signedPct(change.ctr_pct)}, CPC ${signedPct(change.cpc_usd)}, hook rate ${signedPct(change.hook_rate_pct)} are within noise. Review again after the next ${f.window_days}-day window.`,
    );
  recommendations.push(
    `Hold rate is ${now.hold_rate_pct}% (6-second views per impression, ${signedPct(change.hold_rate_pct)}): cut the setup so the payoff lands before second 6.`,
  );
  const o = f.organic;
  recommendations.push(
    `Organic: ${o.current.posts} posts and ${compactNumber(o.current.views)} views in the last ${f.window_days} days vs ${o.previous.posts} and ${compactNumber(o.previous.views)} before; engagement ${signedPct(o.change_pct.engagement_rate)}. The newest videos are still collecting views, so judge them again next window.`,
  );
  return { recommendations: recommendations.slice(0, 5) };
}
