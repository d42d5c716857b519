import { z } from "zod";
import { accountHealth } from "../agents/account-health.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import { performanceReviewer } from "../agents/performance-reviewer.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import { campaignIdSchema } from "../data/campaign-payload.ts";
import { workflow } from "../workflow/workflow-builder.ts";

/** After a launch: compare the last window with the one before, then plan the next iteration. */
export const POST_LAUNCH_LOOP = workflow({
  slug: "post_launch_loop",
  name: "Post-launch loop",
  description:
    "Reviews organic and paid performance over the last 7 days against the 7 before, re-checks the account and its niche's trends, and plans the next round of content.",
  params: z.object({
    campaignId: campaignIdSchema.describe(
      "The campaign to review. Empty: the one the latest campaign launch for this handle built.",
    ),
  }),
  paramsFromLatestRun: {
    campaignId: { workflow: "campaign_launch", path: "publish.output.campaign.campaign_id" },
  },
})
  .agent("performance", performanceReviewer, {
    label: "Performance review",
    input: ({ brief, params }) => ({ handle: brief.handle, campaign_id: params.campaignId }),
    options: { window_days: 7 },
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
  })
  .agent("next_plan", contentPlanner, {
    label: "Next content plan",
    dependsOn: ["performance", "account_health", "trends"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.account_health.category,
      region: steps.account_health.region,
      top_hashtags: steps.account_health.top_hashtags,
      trending_hashtags: steps.trends.hashtag_names,
      review: steps.performance.findings,
    }),
  })
  .synthesis("report", {
    label: "Loop report",
    dependsOn: ["performance", "account_health", "trends", "next_plan"],
  })
  .build();
