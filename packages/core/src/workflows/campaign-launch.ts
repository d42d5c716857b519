import { accountHealth } from "../agents/account-health.ts";
import { campaignBuilder } from "../agents/campaign-builder.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import { workflow } from "../workflow/workflow-builder.ts";

/**
 * From audit to a ready-to-enable paid campaign. A human approves (and may edit) the hashtags
 * before the campaign builder, which spends, sees them; the campaign is created disabled.
 */
export const CAMPAIGN_LAUNCH = workflow({
  slug: "campaign_launch",
  name: "Campaign launch",
  description:
    "Audits the account and its niche's trends, plans content, asks a human to approve the hashtags, then builds a paid campaign (created disabled) around the approved ones.",
})
  .agent("account_health", accountHealth, {
    label: "Account health",
    input: ({ brief }) => ({ handle: brief.handle }),
  })
  .agent("trends", trendWatcher, {
    label: "Trends in the niche",
    dependsOn: ["account_health"],
    input: ({ steps }) => ({ category: steps.account_health.category }),
    options: { freshness_hours: 48 },
  })
  .agent("content_plan", contentPlanner, {
    label: "Content plan",
    dependsOn: ["account_health", "trends"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      top_hashtags: steps.account_health.top_hashtags,
      trending_hashtags: steps.trends.hashtag_names,
    }),
  })
  .approval("approve_hashtags", { label: "Approve hashtags", reviews: "content_plan", field: "hashtags" })
  .agent("campaign", campaignBuilder, {
    label: "Campaign setup",
    dependsOn: ["account_health", "approve_hashtags"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      // The gate's value, edits included; content_plan's hashtags are only the proposal.
      hashtags: steps.approve_hashtags.hashtags,
    }),
    options: { daily_budget_usd: 50, duration_days: 14, objective: "VIDEO_VIEWS" },
  })
  .synthesis("report", {
    label: "Launch report",
    dependsOn: ["account_health", "trends", "content_plan", "campaign"],
  })
  .build();
