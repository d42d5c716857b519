import { z } from "zod";
import { handleSchema } from "../workflow/brief.ts";
import { defineWorkflow } from "../workflow/define-workflow.ts";

/** How does the account compare? Public figures of the brand and its competitors, and the brand's own health. */
export const COMPETITOR_SCAN = defineWorkflow({
  slug: "competitor_scan",
  name: "Competitor scan",
  description:
    "Compares the account with up to 10 competitors on public figures over the last 90 days (followers, posts per week, median views, engagement rate by views, breakout posts), ranks it on each, and audits its own health. Read-only: nothing is published.",
  params: z.object({
    competitors: z
      .array(handleSchema)
      .min(1)
      .max(10)
      .describe("Competitor handles to compare the account with, 1 to 10 (a leading @ is dropped)"),
  }),
  steps: [
    {
      key: "account_health",
      kind: "agent",
      agentName: "account_health",
      label: "Account health",
      inputMap: { handle: "brief.handle" },
    },
    {
      key: "benchmark",
      kind: "agent",
      agentName: "competitor_benchmark",
      label: "Competitor benchmark",
      inputMap: { handle: "brief.handle", competitors: "params.competitors" },
      options: { window_days: 90 },
    },
    {
      key: "report",
      kind: "synthesis",
      label: "Competitor scan report",
      dependsOn: ["account_health", "benchmark"],
    },
  ],
});
