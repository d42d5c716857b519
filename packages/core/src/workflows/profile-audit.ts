import { accountHealth } from "../agents/account-health.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import { workflow } from "../workflow/workflow-builder.ts";

/** Read-only audit of an account: health, the trends of its niche, a content plan, a report. */
export const PROFILE_AUDIT = workflow({
  slug: "profile_audit",
  name: "Profile audit",
  description:
    "Audits a TikTok account (engagement, cadence, growth, best and worst videos), scans rising trends in its niche and drafts a two-week content plan. Read-only: nothing is published.",
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
    options: { freshness_hours: 72 },
  })
  .agent("content_plan", contentPlanner, {
    label: "Content plan",
    dependsOn: ["account_health", "trends"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      region: steps.account_health.region,
      top_hashtags: steps.account_health.top_hashtags,
      trending_hashtags: steps.trends.hashtag_names,
    }),
  })
  .synthesis("report", { label: "Audit report", dependsOn: ["account_health", "trends", "content_plan"] })
  .build();
