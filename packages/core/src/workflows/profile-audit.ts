import { defineWorkflow } from "../workflow/define-workflow.ts";

/** Read-only audit of an account: health, the trends of its niche, a content plan, a report. */
export const PROFILE_AUDIT = defineWorkflow({
  slug: "profile_audit",
  name: "Profile audit",
  description:
    "Audits a TikTok account (engagement, cadence, growth, best and worst videos), scans rising trends in its niche and drafts a two-week content plan. Read-only: nothing is published.",
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
      options: { freshness_hours: 72 },
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
      key: "report",
      kind: "synthesis",
      label: "Audit report",
      dependsOn: ["account_health", "trends", "content_plan"],
    },
  ],
});
