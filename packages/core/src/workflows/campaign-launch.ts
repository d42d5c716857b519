import { defineWorkflow } from "../workflow/define-workflow.ts";

/**
 * From audit to a ready-to-enable paid campaign. A human approves (and may edit) the hashtags
 * before the campaign builder, which spends, sees them; the campaign is created disabled.
 */
export const CAMPAIGN_LAUNCH = defineWorkflow({
  slug: "campaign_launch",
  name: "Campaign launch",
  description:
    "Audits the account and its niche's trends, plans content, asks a human to approve the hashtags, then builds a paid campaign (created disabled) around the approved ones.",
  steps: [
    {
      key: "account_health",
      kind: "agent",
      agentName: "account_health",
      label: "Account health",
      inputMap: { handle: "brief.handle" },
    },
    {
      key: "trends",
      kind: "agent",
      agentName: "trend_watcher",
      label: "Trends in the niche",
      dependsOn: ["account_health"],
      inputMap: { category: "account_health.output.category" },
      options: { freshness_hours: 48 },
    },
    {
      key: "content_plan",
      kind: "agent",
      agentName: "content_planner",
      label: "Content plan",
      dependsOn: ["account_health", "trends"],
      inputMap: {
        handle: "brief.handle",
        category: "account_health.output.category",
        top_hashtags: "account_health.output.top_hashtags",
        trending_hashtags: "trends.output.hashtag_names",
      },
    },
    {
      key: "approve_hashtags",
      kind: "approval",
      label: "Approve hashtags",
      dependsOn: ["content_plan"],
      targetOutputField: "hashtags",
    },
    {
      key: "campaign",
      kind: "agent",
      agentName: "campaign_builder",
      label: "Campaign setup",
      dependsOn: ["account_health", "approve_hashtags"],
      inputMap: {
        handle: "brief.handle",
        category: "account_health.output.category",
        hashtags: "approve_hashtags.output.hashtags",
      },
      options: { daily_budget_usd: 50, duration_days: 14, objective: "VIDEO_VIEWS" },
    },
    {
      key: "report",
      kind: "synthesis",
      label: "Launch report",
      dependsOn: ["account_health", "trends", "content_plan", "campaign"],
    },
  ],
});
