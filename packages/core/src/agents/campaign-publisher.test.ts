import { describe, expect, it } from "vitest";
import { createAgentTestContext, executeAgent, TEST_NOW } from "../testing/agent-context.ts";
import { campaignBuilder } from "./campaign-builder.ts";
import { campaignEnabler } from "./campaign-enabler.ts";
import { campaignPublisher } from "./campaign-publisher.ts";

const draft = await executeAgent(campaignBuilder, {
  handle: "lakucosmetics",
  category: "beauty",
  region: "US",
  hashtags: ["skintok", "grwm"],
});

describe("campaign_publisher", () => {
  it("spends, so the definition checks demand a gate before it", () => {
    expect(campaignPublisher.sideEffects).toBe("spends");
    expect(campaignEnabler.sideEffects).toBe("spends");
  });

  it("creates the payload once: a second delivery of the step finds the first campaign", async () => {
    const ctx = createAgentTestContext({
      run: { workflowRunId: "run-7", workflowSlug: "campaign_launch", stepKey: "publish" },
    });
    const first = await executeAgent(campaignPublisher, { payload: draft.payload }, {}, ctx);
    const again = await executeAgent(campaignPublisher, { payload: draft.payload }, {}, ctx);
    expect(first).toMatchObject({ idempotency_key: "run-7:publish:campaign", found_existing: false });
    expect(again.found_existing).toBe(true);
    expect(again.campaign).toEqual(first.campaign);
    expect(first.campaign.operation_status).toBe("DISABLE");
    expect(first.campaign.ad_groups.map((g) => g.adgroup_name)).toEqual(
      draft.payload.ad_groups.map((g) => g.adgroup_name),
    );
  });

  it("refuses a payload whose schedule has started since it was approved", async () => {
    const later = new Date(TEST_NOW.getTime() + 3 * 24 * 3600 * 1000);
    const ctx = createAgentTestContext({ now: () => later });
    await expect(executeAgent(campaignPublisher, { payload: draft.payload }, {}, ctx)).rejects.toThrow(
      /has passed: draft the campaign again/,
    );
    expect(await ctx.ads.findCampaign("run-test:step:campaign")).toBeNull();
  });

  it("enables the campaign it is given", async () => {
    const ctx = createAgentTestContext();
    const published = await executeAgent(campaignPublisher, { payload: draft.payload }, {}, ctx);
    const enabled = await executeAgent(
      campaignEnabler,
      { campaign_id: published.campaign.campaign_id },
      {},
      ctx,
    );
    expect(enabled).toEqual({
      campaign_id: published.campaign.campaign_id,
      operation_status: "ENABLE",
      source: "offline",
    });
    expect((await ctx.ads.findCampaign(published.idempotency_key))?.operation_status).toBe("ENABLE");
  });
});
