import { describe, expect, it } from "vitest";
import { createAgentTestContext, executeAgent } from "../testing/agent-context.ts";
import { campaignBuilder } from "./campaign-builder.ts";

const INPUT = {
  handle: "glowwithmia",
  category: "beauty",
  hashtags: ["#SkinTok", "grwm", "glassskin", "cleangirl"],
};

describe("campaign_builder", () => {
  it("declares that it spends", () => {
    expect(campaignBuilder.sideEffects).toBe("spends");
  });

  it("proposes a DISABLED campaign keyed by run and step", async () => {
    const ctx = createAgentTestContext({
      run: { workflowRunId: "run-42", workflowSlug: "campaign_launch", stepKey: "campaign" },
    });
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(output.campaign.status).toBe("DISABLED");
    expect(output.campaign.idempotency_key).toBe("run-42:campaign:campaign");
    const rerun = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(rerun.campaign.idempotency_key).toBe(output.campaign.idempotency_key);
    const otherRun = createAgentTestContext({ run: { ...ctx.run, workflowRunId: "run-43" } });
    expect((await executeAgent(campaignBuilder, INPUT, {}, otherRun)).campaign.idempotency_key).not.toBe(
      output.campaign.idempotency_key,
    );
  });

  it("reports exactly the hashtags it was given and targets them normalized", async () => {
    const output = await executeAgent(campaignBuilder, INPUT);
    expect(output.hashtags).toEqual(INPUT.hashtags);
    const targeted = output.campaign.ad_groups.flatMap((g) => g.hashtags);
    expect(targeted.sort()).toEqual(["cleangirl", "glassskin", "grwm", "skintok"]);
    for (const group of output.campaign.ad_groups) {
      expect(group.hashtags.length).toBeLessThanOrEqual(3);
      expect(group).toMatchObject({ placement: "TIKTOK", bid_strategy: "LOWEST_COST" });
    }
  });

  it("computes budget and forecast from the category benchmark", async () => {
    const output = await executeAgent(campaignBuilder, INPUT, { daily_budget_usd: 80, duration_days: 10 });
    expect(output.campaign).toMatchObject({ daily_budget_usd: 80, duration_days: 10, total_budget_usd: 800 });
    const { forecast } = output;
    expect(forecast.cpm_usd).toBe(9.5);
    expect(forecast.ctr_pct).toBe(1.1);
    expect(forecast.impressions).toBe(Math.round((800 / 9.5) * 1000));
    expect(forecast.clicks).toBe(Math.round((forecast.impressions * 1.1) / 100));
    expect(forecast.basis).toContain("total budget / CPM × 1000");
  });

  it("bids with a cost cap for conversions and prices that objective higher", async () => {
    const views = await executeAgent(campaignBuilder, INPUT);
    const conversions = await executeAgent(campaignBuilder, INPUT, { objective: "CONVERSIONS" });
    expect(conversions.campaign.objective).toBe("CONVERSIONS");
    expect(conversions.campaign.ad_groups[0]?.bid_strategy).toBe("COST_CAP");
    expect(conversions.forecast.cpm_usd).toBeGreaterThan(views.forecast.cpm_usd);
  });

  it("falls back to one broad ad group when every hashtag was removed at approval", async () => {
    const output = await executeAgent(campaignBuilder, { ...INPUT, hashtags: [] });
    expect(output.hashtags).toEqual([]);
    expect(output.campaign.ad_groups).toEqual([
      { name: "@glowwithmia · broad", hashtags: [], placement: "TIKTOK", bid_strategy: "LOWEST_COST" },
    ]);
  });

  it("gets ad copy from the model within TikTok's 100 characters", async () => {
    const ctx = createAgentTestContext();
    const output = await executeAgent(campaignBuilder, INPUT, {}, ctx);
    expect(output.ad_copy.length).toBeGreaterThanOrEqual(2);
    for (const text of output.ad_copy) expect(text.length).toBeLessThanOrEqual(100);
    expect(ctx.llm.calls[0]?.prompt).toContain("<untrusted_target_hashtags>");
  });

  it("validates its options", () => {
    expect(campaignBuilder.options.parse({})).toEqual({
      daily_budget_usd: 50,
      duration_days: 14,
      objective: "VIDEO_VIEWS",
    });
    expect(campaignBuilder.options.safeParse({ objective: "LIKES" }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ daily_budget_usd: 10 }).success).toBe(false);
    expect(campaignBuilder.options.safeParse({ duration_days: 0 }).success).toBe(false);
  });
});
