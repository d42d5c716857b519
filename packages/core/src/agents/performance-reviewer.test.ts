import { describe, expect, it } from "vitest";
import { createAgentTestContext, executeAgent } from "../testing/agent-context.ts";
import { median, postEngagementRate } from "./metrics.ts";
import { performanceReviewer } from "./performance-reviewer.ts";
import { reviewVerdict } from "./review-verdict.ts";

const HANDLE = "glowwithmia";
const CAMPAIGN = "cmp_spring_launch";
const INPUT = { handle: HANDLE, campaign_id: CAMPAIGN };
const NOW_SECONDS = Date.parse("2026-11-01T12:00:00Z") / 1000;

describe("performance_reviewer", () => {
  it("compares the campaign's last window with the one before, from the report rows", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(performanceReviewer, INPUT, {}, ctx);
    const rows = await ctx.data.getCampaignReport(CAMPAIGN, { days: 14 });
    const sum = (part: typeof rows, key: "spend" | "impressions" | "clicks") =>
      part.reduce((s, r) => s + r[key], 0);
    const [previous, current] = [rows.slice(0, 7), rows.slice(7)];
    expect(output.ads.campaign_id).toBe(CAMPAIGN);
    expect(output.ads.current.spend_usd).toBeCloseTo(sum(current, "spend"), 2);
    expect(output.ads.previous.impressions).toBe(sum(previous, "impressions"));
    expect(output.ads.current.ctr_pct).toBe(
      Math.round((sum(current, "clicks") / sum(current, "impressions")) * 10_000) / 100,
    );
    const [ctrNow, ctrBefore] = [
      sum(current, "clicks") / sum(current, "impressions"),
      sum(previous, "clicks") / sum(previous, "impressions"),
    ];
    expect(output.ads.change_pct.ctr_pct).toBe(Math.round(((ctrNow - ctrBefore) / ctrBefore) * 10_000) / 100);
    expect(output.ads.formulas.hook_rate_pct).toBe("video_watched_2s / impressions × 100");
  });

  it("compares organic videos posted in each window", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(performanceReviewer, INPUT, {}, ctx);
    const videos = await ctx.data.listVideos(HANDLE, { limit: 100 });
    const inCurrent = videos.filter((v) => v.create_time > NOW_SECONDS - 7 * 86_400);
    expect(output.organic.current.posts).toBe(inCurrent.length);
    expect(output.organic.current.views).toBe(inCurrent.reduce((s, v) => s + v.view_count, 0));
    const perPost = inCurrent.filter((v) => v.view_count > 0).map(postEngagementRate);
    expect(output.organic.current.engagement_rate).toBe(Math.round(median(perPost) * 100) / 100);
    expect(output.organic.formulas.engagement_rate).toContain("saves excluded");
  });

  it("rules its verdict by the rule, not the model", async () => {
    const output = await executeAgent(performanceReviewer, INPUT);
    expect(reviewVerdict({ window_days: 7, ads: output.ads })).toEqual({
      verdict: output.verdict,
      reasons: output.verdict_reasons,
      evidence: output.verdict_evidence,
    });
    expect(output.recommendations.length).toBeGreaterThanOrEqual(2);
  });

  it("reads twice the window of complete report days and the campaign it is told to", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(
      performanceReviewer,
      { handle: HANDLE, campaign_id: "cmp_spring" },
      { window_days: 3 },
      ctx,
    );
    expect(output.window_days).toBe(3);
    expect(output.ads.campaign_id).toBe("cmp_spring");
    expect(ctx.trace.entries).toContainEqual(
      expect.objectContaining({
        tool: "tiktok.getCampaignReport",
        args: { campaignId: "cmp_spring", days: 7 },
      }),
    );
  });

  it("paces spend against the campaign's own daily budget when none is given", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(performanceReviewer, INPUT, {}, ctx);
    const budget = await ctx.data.getCampaignBudget(CAMPAIGN);
    const { pacing } = output.ads;
    expect(pacing.daily_budget_usd).toBe(budget?.budget);
    expect(pacing.current?.planned_usd).toBe((budget?.budget ?? 0) * 7);
    expect(pacing.current?.spend_usd).toBe(output.ads.current.spend_usd);
    const given = await executeAgent(performanceReviewer, { ...INPUT, daily_budget_usd: 1_000 });
    expect(given.ads.pacing.current?.status).toBe("under_delivering");
    expect(given.ads.pacing.budget_basis).toBe("daily budget given to the review");
  });

  it("compares each creative's CTR across the windows, the offline campaign's worn creative among them", async () => {
    const output = await executeAgent(performanceReviewer, INPUT);
    const { creatives } = output.ads;
    expect(creatives.ads.length).toBeGreaterThanOrEqual(2);
    for (const a of creatives.ads)
      expect(a.fatigued).toBe(Boolean(a.ctr_test?.significant && a.ctr_test.difference_pp < 0));
    const worn = creatives.ads.reduce((low, a) =>
      (a.ctr_test?.difference_pp ?? 0) < (low.ctr_test?.difference_pp ?? 0) ? a : low,
    );
    expect(worn.current?.frequency).toBeGreaterThan(worn.previous?.frequency ?? Number.POSITIVE_INFINITY);
  });

  it("rejects windows under 3 days, when ad metrics have not settled", () => {
    const tooShort = performanceReviewer.options.safeParse({ window_days: 2 });
    expect(tooShort.success).toBe(false);
    expect(tooShort.error?.issues[0]?.message).toContain("3 days or more");
    expect(performanceReviewer.options.parse({})).toEqual({ window_days: 7 });
  });

  it("is deterministic for a pinned clock", async () => {
    const first = await executeAgent(performanceReviewer, INPUT);
    expect(await executeAgent(performanceReviewer, INPUT)).toEqual(first);
  });
});
