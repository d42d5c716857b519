import { z } from "zod";
import { defineWorkflow } from "../workflow/define-workflow.ts";

/** After a launch: compare the last window with the one before, then plan the next iteration. */
export const POST_LAUNCH_LOOP = defineWorkflow({
  slug: "post_launch_loop",
  name: "Post-launch loop",
  description:
    "Reviews organic and paid performance over the last 7 days against the 7 before, re-checks the account and its niche's trends, and plans the next round of content.",
  params: z.object({
    campaignId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "campaignId must be 1–64 letters, digits, _ or -")
      .describe("The campaign to review. Empty: the one the latest campaign launch for this handle built."),
  }),
  paramsFromLatestRun: {
    campaignId: { workflow: "campaign_launch", path: "campaign.output.campaign.id" },
  },
  steps: [
    {
      key: "performance",
      kind: "agent",
      agentName: "performance_reviewer",
      label: "Performance review",
      inputMap: { handle: "brief.handle", campaign_id: "params.campaignId" },
      options: { window_days: 7 },
    },
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
    },
    {
      key: "next_plan",
      kind: "agent",
      agentName: "content_planner",
      label: "Next content plan",
      dependsOn: ["performance", "account_health", "trends"],
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
      label: "Loop report",
      dependsOn: ["performance", "account_health", "trends", "next_plan"],
    },
  ],
});
