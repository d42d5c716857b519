import { z } from "zod";
import { campaignIdSchema } from "../data/campaign-payload.ts";
import { DataUnavailableError } from "../data/errors.ts";
import type { DayRange } from "../data/provider.ts";
import type { FixtureRequest } from "../llm/port.ts";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "../llm/prompt-blocks.ts";
import { findingsSchema, lineSchema, textSchema } from "./bounds.ts";
import { budgetPacing, dailyBudgetOf, pacingSchema } from "./budget-pacing.ts";
import { defineAgent } from "./contract.ts";
import { creativeFatigue, creativeFatigueSchema, creativeFatigueUnavailable } from "./creative-fatigue.ts";
import { optionalMetricSchema, unavailable } from "./metrics.ts";
import { compactNumber, signedPct, usd } from "./phrasing.ts";
import { hashtagFindings, reviewFindingsSchema } from "./review-findings.ts";
import { REVIEW_VERDICTS, reviewVerdict, verdictEvidenceSchema } from "./review-verdict.ts";
import {
  AD_FORMULAS,
  adWindowExact,
  adWindowSchema,
  changeSchema,
  compareWindows,
  organicFormulas,
  organicWindowExact,
  organicWindowSchema,
} from "./window-comparison.ts";

const DAY_MS = 86_400_000;
/** Enough videos to cover two windows of 15 days at several posts a day. */
const VIDEO_LIMIT = 100;
/** The Marketing API's daily report serves at most 30 days per request. */
const MAX_REPORT_DAYS = 30;

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
    /** Conversion value / spend: null where the report rows carry no conversion value. */
    roas: optionalMetricSchema,
    /** Spend of each window against the daily budget × its days, when the budget is known. */
    pacing: pacingSchema,
    /** Each ad's CTR, previous window vs last, with its frequency: which creatives are wearing out. */
    creatives: creativeFatigueSchema,
  }),
  verdict: z.enum(REVIEW_VERDICTS),
  verdict_reasons: findingsSchema,
  verdict_evidence: verdictEvidenceSchema,
  /** What the next plan keeps and cuts, with the evidence to quote. */
  findings: reviewFindingsSchema,
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
  input: z.object({
    handle: lineSchema.min(1),
    campaign_id: campaignIdSchema,
    /** The campaign's daily budget, for pacing; without it the review reads the campaign's own settings. */
    daily_budget_usd: z.number().positive().optional(),
  }),
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
    const now = ctx.now().getTime();
    const day = (daysBack: number) => new Date(now - daysBack * DAY_MS).toISOString().slice(0, 10);
    // Complete days only: today's metrics are still settling, whatever the source returns for it.
    const windows: { previous: DayRange; current: DayRange } = {
      previous: { start_date: day(2 * windowDays), end_date: day(windowDays + 1) },
      current: { start_date: day(windowDays), end_date: day(1) },
    };
    const reportDays = Math.min(2 * windowDays + 1, MAX_REPORT_DAYS);
    const [videos, rows, budget, previousAds, currentAds] = await Promise.all([
      ctx.trace.tool("tiktok.listVideos", { handle, limit: VIDEO_LIMIT }, () =>
        ctx.data.listVideos(handle, { limit: VIDEO_LIMIT }),
      ),
      ctx.trace.tool("tiktok.getCampaignReport", { campaignId, days: reportDays }, () =>
        ctx.data.getCampaignReport(campaignId, { days: reportDays }),
      ),
      input.daily_budget_usd !== undefined
        ? null
        : orUnavailable(
            ctx.trace.tool("tiktok.getCampaignBudget", { campaignId }, () =>
              ctx.data.getCampaignBudget(campaignId),
            ),
          ),
      orUnavailable(
        ctx.trace.tool("tiktok.getAdReport", { campaignId, ...windows.previous }, () =>
          ctx.data.getAdReport(campaignId, windows.previous),
        ),
      ),
      orUnavailable(
        ctx.trace.tool("tiktok.getAdReport", { campaignId, ...windows.current }, () =>
          ctx.data.getAdReport(campaignId, windows.current),
        ),
      ),
    ]);
    const boundary = (now - windowDays * DAY_MS) / 1000;
    const start = (now - 2 * windowDays * DAY_MS) / 1000;
    const inCurrent = videos.filter((v) => v.create_time > boundary);
    const inPrevious = videos.filter((v) => v.create_time > start && v.create_time <= boundary);
    const inRange = (range: DayRange) =>
      rows.filter((r) => r.stat_date >= range.start_date && r.stat_date <= range.end_date);
    const organic = {
      ...compareWindows(organicWindowExact(inCurrent), organicWindowExact(inPrevious)),
      formulas: organicFormulas(videos),
    };
    const adWindows = compareWindows(
      adWindowExact(inRange(windows.current)),
      adWindowExact(inRange(windows.previous)),
    );
    const dailyBudget =
      budget instanceof DataUnavailableError
        ? dailyBudgetOf(undefined, null, `the campaign's budget is not available (${budget.message})`)
        : dailyBudgetOf(input.daily_budget_usd, budget);
    const ads = {
      campaign_id: campaignId,
      ...adWindows,
      formulas: AD_FORMULAS,
      roas: unavailable("conversion value / spend", "the campaign report rows carry no conversion value"),
      pacing: budgetPacing(rows, windows, dailyBudget),
      creatives:
        previousAds instanceof DataUnavailableError || currentAds instanceof DataUnavailableError
          ? creativeFatigueUnavailable(
              (previousAds instanceof DataUnavailableError ? previousAds : (currentAds as Error)).message,
            )
          : creativeFatigue(previousAds, currentAds),
    };
    const { verdict, reasons, evidence } = reviewVerdict({ window_days: windowDays, ads: adWindows });
    const findings = hashtagFindings(verdict, [...inCurrent, ...inPrevious]);
    const campaignFinding = { hashtag: null, evidence: `campaign ${campaignId}: ${reasons.join("; ")}` };
    if (verdict === "scale") findings.keep.unshift(campaignFinding);
    if (verdict === "cut") findings.cut.unshift(campaignFinding);
    const facts: PerformanceReviewerFacts = {
      handle,
      window_days: windowDays,
      organic,
      ads,
      verdict,
      verdict_reasons: reasons,
      verdict_evidence: evidence,
      findings,
    };
    ctx.trace.log("windows compared", { verdict, reasons });
    ctx.signal.throwIfAborted();
    // Ad names are text someone wrote (a model drafted them): in the prompt only inside their block.
    const numbersOnly = {
      ...facts,
      ads: {
        ...facts.ads,
        creatives: {
          ...facts.ads.creatives,
          ads: facts.ads.creatives.ads.map((a) => ({ ...a, ad_name: undefined })),
        },
      },
    };
    const { value } = await ctx.llm.structured({
      system: [
        "You are a TikTok performance marketer reviewing a launch.",
        "The verdict is already decided by rule; explain it and say what to do, quoting the numbers given.",
        UNTRUSTED_DATA_RULE,
      ].join("\n"),
      prompt: [
        `Review of @${handle}: last ${windowDays} days vs the ${windowDays} days before.`,
        JSON.stringify(numbersOnly, null, 2),
        "The ads' names, by ad_id:",
        untrustedBlock(
          "ad_names",
          facts.ads.creatives.ads.map((a) => `${a.ad_id}: ${a.ad_name}`),
        ),
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
  const reasons = f.verdict_reasons.join("; ");
  if (f.verdict === "scale")
    recommendations.push(
      `Scale: ${reasons}. Raise the daily budget 20–30% every 3 days rather than at once, so delivery stays out of the learning phase.`,
    );
  if (f.verdict === "cut")
    recommendations.push(
      `Cut: ${reasons}. Pause the weakest ad and ship 2 new openings (hook rate ${now.hook_rate_pct}%, ${signedPct(change.hook_rate_pct)}) before spending more.`,
    );
  if (f.verdict === "hold")
    recommendations.push(
      `Hold: the rates moved in opposite directions (${reasons}); keep the daily budget as it is.`,
    );
  if (f.verdict === "not_enough_data")
    recommendations.push(
      `No verdict yet: ${reasons}. Keep spend as it is (${usd(now.spend_usd)} spent in the last ${f.window_days} days) and review again then.`,
    );
  const worn = f.ads.creatives.ads.filter((a) => a.fatigued);
  if (worn.length > 0)
    recommendations.push(`Refresh ${worn.map((a) => `"${a.ad_name}"`).join(", ")}: ${worn[0]?.finding}.`);
  if (f.ads.pacing.current && f.ads.pacing.current.status !== "on_pace")
    recommendations.push(`Pacing: ${f.ads.pacing.note}.`);
  recommendations.push(
    `Clicks cost ${usd(now.cpc_usd)} (${usd(before.cpc_usd)} before, ${signedPct(change.cpc_usd)}); ` +
      (now.cpa_usd === null ? "no conversions yet, so no CPA." : `CPA ${usd(now.cpa_usd)}.`),
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

/** What a source cannot serve degrades this part of the review (and says so); any other failure fails the step. */
async function orUnavailable<T>(read: Promise<T>): Promise<T | DataUnavailableError> {
  return read.catch((error: unknown) => {
    if (error instanceof DataUnavailableError) return error;
    throw error;
  });
}
