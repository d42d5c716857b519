import { describe, expect, it } from "vitest";
import { campaignPayloadSchema } from "../data/campaign-payload.ts";
import { createAgentTestContext, executeAgent, TEST_NOW } from "../testing/agent-context.ts";
import { campaignBuilder } from "./campaign-builder.ts";

const INPUT = {
  handle: "glowwithmia",
  category: "beauty",
  region: "US",
  hashtags: ["#SkinTok", "grwm", "glassskin", "cleangirl"],
};

describe("campaign_builder", () => {
  it("drafts without side effects: it creates nothing and needs no gate before it", async () => {
    expect(campaignBuilder.sideEffects).toBe("none");
    const ctx = createAgentTestContext();
    await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(await ctx.ads.findCampaign("run-test:step:campaign")).toBeNull();
  });

  it("drafts the full Marketing API payload, created DISABLED, with budget, currency, schedule and targeting", async () => {
    const { payload } = await executeAgent(campaignBuilder, INPUT, { daily_budget: 80, duration_days: 10 });
    expect(payload.currency).toBe("USD");
    expect(payload.campaign).toMatchObject({
      objective_type: "VIDEO_VIEWS",
      budget_mode: "BUDGET_MODE_DAY",
      budget: 80,
      operation_status: "DISABLE",
    });
    for (const group of payload.ad_groups) {
      expect(group).toMatchObject({
        placements: ["PLACEMENT_TIKTOK"],
        location_ids: ["6252001"],
        schedule_type: "SCHEDULE_START_END",
        schedule_start_time: "2026-11-02 00:00:00",
        schedule_end_time: "2026-11-12 00:00:00",
        optimization_goal: "ENGAGED_VIEW",
        billing_event: "CPV",
      });
      expect(group.ads.length).toBeGreaterThan(0);
      for (const ad of group.ads)
        expect(ad).toMatchObject({ identity_type: "TT_USER", ad_format: "SINGLE_VIDEO" });
    }
    expect(campaignPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it("promotes the account's most-viewed recent video as a Spark Ad", async () => {
    const ctx = createAgentTestContext();
    const { payload } = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    const videos = await ctx.data.listVideos("glowwithmia", { limit: 30 });
    const top = [...videos].sort((a, b) => b.view_count - a.view_count)[0];
    expect(payload.ad_groups[0]?.ads[0]?.tiktok_item_id).toBe(top?.id);
  });

  it("targets the hashtags it was given, normalized, at most three per ad group", async () => {
    const output = await executeAgent(campaignBuilder, INPUT);
    const targeted = output.payload.ad_groups.flatMap((g) => g.hashtags);
    expect(targeted.sort()).toEqual(["cleangirl", "glassskin", "grwm", "skintok"]);
    for (const group of output.payload.ad_groups) expect(group.hashtags.length).toBeLessThanOrEqual(3);
  });

  it("computes the forecast from the category benchmark and the drafted budget", async () => {
    const output = await executeAgent(campaignBuilder, INPUT, { daily_budget: 80, duration_days: 10 });
    expect(output.total_budget).toBe(800);
    expect(output.forecast.cpm_usd).toBe(9.5);
    expect(output.forecast.impressions).toBe(Math.round((800 / 9.5) * 1000));
    expect(output.forecast.basis).toContain("total budget / CPM × 1000");
  });

  it("falls back to one broad ad group when there are no hashtags", async () => {
    const output = await executeAgent(campaignBuilder, { ...INPUT, hashtags: [] });
    expect(output.payload.ad_groups).toHaveLength(1);
    expect(output.payload.ad_groups[0]?.hashtags).toEqual([]);
  });

  it("refuses to guess locations for a region it has no id for", async () => {
    await expect(executeAgent(campaignBuilder, { ...INPUT, region: null })).rejects.toThrow(
      /gives no region/,
    );
    await expect(executeAgent(campaignBuilder, { ...INPUT, region: "BR" })).rejects.toThrow(/location_ids/);
    const chosen = await executeAgent(campaignBuilder, { ...INPUT, region: null, country: "DE" });
    expect(chosen.payload.ad_groups[0]?.location_ids).toEqual(["2921044"]);
    const output = await executeAgent(
      campaignBuilder,
      { ...INPUT, region: null },
      { location_ids: ["2635167"] },
    );
    expect(output.payload.ad_groups[0]?.location_ids).toEqual(["2635167"]);
  });

  it("keeps its bounds in the payload schema: budget, max budget and a future schedule", async () => {
    const { payload } = await executeAgent(campaignBuilder, INPUT, { max_daily_budget: 200 });
    const budget = (value: number) => ({ ...payload, campaign: { ...payload.campaign, budget: value } });
    expect(campaignPayloadSchema.safeParse(budget(200)).success).toBe(true);
    expect(campaignPayloadSchema.safeParse(budget(201)).error?.issues[0]?.path).toEqual([
      "campaign",
      "budget",
    ]);
    expect(campaignPayloadSchema.safeParse(budget(49)).error?.issues[0]?.path).toEqual([
      "campaign",
      "budget",
    ]);
    const past = TEST_NOW.toISOString().slice(0, 10);
    const group = payload.ad_groups[0];
    if (!group) throw new Error("expected an ad group");
    const stale = { ...payload, ad_groups: [{ ...group, schedule_start_time: `${past} 00:00:00` }] };
    expect(campaignPayloadSchema.safeParse(stale).error?.issues[0]?.message).toBe("must be in the future");
  });

  it("gets ad copy from the model within TikTok's 100 characters, hashtags in an untrusted block", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(output.ad_copy.length).toBeGreaterThanOrEqual(2);
    for (const text of output.ad_copy) expect(text.length).toBeLessThanOrEqual(100);
    expect(ctx.llm.calls[0]?.prompt).toContain("<untrusted_target_hashtags>");
  });

  it("validates its options", () => {
    expect(campaignBuilder.options.parse({})).toMatchObject({
      daily_budget: 50,
      max_daily_budget: 500,
      currency: "USD",
      duration_days: 14,
      objective: "VIDEO_VIEWS",
    });
    expect(campaignBuilder.options.safeParse({ objective: "LIKES" }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ daily_budget: 10 }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ daily_budget: 300, max_daily_budget: 200 }).success).toBe(
      false,
    );
  });
});
