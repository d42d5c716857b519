import { z } from "zod";
import { accountHealth } from "../agents/account-health.ts";
import { campaignBuilder } from "../agents/campaign-builder.ts";
import { campaignEnabler } from "../agents/campaign-enabler.ts";
import { campaignPublisher } from "../agents/campaign-publisher.ts";
import { TARGET_COUNTRIES } from "../agents/campaign-targeting.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import { CAMPAIGN_EDITABLE_PATHS, campaignIdSchema } from "../data/campaign-payload.ts";
import { workflow } from "../workflow/workflow-builder.ts";

/**
 * From audit to a live paid campaign in three human-checked moves: the builder drafts the exact
 * Marketing API payload (no side effect); a human approves it, editing only the budget and the
 * hashtags; the publisher creates exactly that, disabled, once; a second approval enables it.
 * The hashtags are reviewed inside the campaign payload, where they become targeting, so there is
 * no separate hashtag gate; the content plan runs after that gate and posts with the approved ones.
 */
export const CAMPAIGN_LAUNCH = workflow({
  slug: "campaign_launch",
  name: "Campaign launch",
  description:
    "Audits the account and its niche's trends, drafts a paid campaign for a human to approve (budget and hashtags editable), plans content with the approved hashtags, creates the campaign disabled at TikTok, then enables it after a second approval.",
  params: z.object({
    country: z
      .enum(TARGET_COUNTRIES)
      .optional()
      .describe(
        "Country the ads target. Empty: the account's region, when its source gives one (TikTok's APIs do not).",
      ),
    historyCampaignId: campaignIdSchema
      .optional()
      .describe(
        "An earlier campaign of this advertiser whose last 30 days ground the forecast. Empty: category benchmarks, labelled as such.",
      ),
  }),
})
  .agent("account_health", accountHealth, {
    label: "Account health",
    input: ({ brief }) => ({ handle: brief.handle, target_type: brief.targetType }),
  })
  .agent("trends", trendWatcher, {
    label: "Trends in the niche",
    dependsOn: ["account_health"],
    input: ({ brief, steps }) => ({
      category: steps.account_health.category,
      account_hashtags: steps.account_health.top_hashtags,
      target_type: brief.targetType,
    }),
    options: { freshness_hours: 48 },
  })
  .agent("campaign", campaignBuilder, {
    label: "Campaign draft",
    dependsOn: ["account_health", "trends"],
    input: ({ brief, params, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      country: params.country,
      region: steps.account_health.region,
      proven_hashtags: steps.account_health.top_hashtags,
      trending: steps.trends.hashtags,
      history_campaign_id: params.historyCampaignId,
    }),
    options: {
      daily_budget: 50,
      max_daily_budget: 500,
      currency: "USD",
      duration_days: 14,
      objective: "VIDEO_VIEWS",
    },
  })
  .approval("approve_campaign", {
    label: "Approve campaign",
    reviews: "campaign",
    field: "payload",
    options: { editable: [...CAMPAIGN_EDITABLE_PATHS], evidence: "hashtag_evidence" },
  })
  .agent("content_plan", contentPlanner, {
    label: "Content plan",
    // After the gate: the plan posts with the hashtags the reviewer approved, not the draft's.
    dependsOn: ["account_health", "trends", "approve_campaign"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      region: steps.account_health.region,
      top_hashtags: steps.account_health.top_hashtags,
      trending_hashtags: steps.trends.hashtag_names,
      approved_ad_groups: steps.approve_campaign.payload.ad_groups,
    }),
  })
  .agent("publish", campaignPublisher, {
    label: "Create campaign (disabled)",
    dependsOn: ["approve_campaign"],
    // The gate's value, edits included: exactly what the human approved.
    input: ({ steps }) => ({ payload: steps.approve_campaign.payload }),
  })
  .approval("approve_enable", {
    label: "Approve enabling",
    reviews: "publish",
    field: "campaign",
    // What is enabled is what was created: the reviewer decides, but cannot point it at another campaign.
    options: { editable: [] },
  })
  .agent("enable", campaignEnabler, {
    label: "Enable campaign",
    dependsOn: ["approve_enable"],
    input: ({ steps }) => ({ campaign_id: steps.approve_enable.campaign.campaign_id }),
  })
  .synthesis("report", {
    label: "Launch report",
    dependsOn: ["account_health", "trends", "content_plan", "campaign", "publish", "enable"],
  })
  .build();
