import { z } from "zod";
import { accountHealth } from "../agents/account-health.ts";
import { competitorBenchmark } from "../agents/competitor-benchmark.ts";
import { handleSchema } from "../workflow/brief.ts";
import { workflow } from "../workflow/workflow-builder.ts";

/** How does the account compare? Public figures of the brand and its competitors, and the brand's own health. */
export const COMPETITOR_SCAN = workflow({
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
})
  .agent("account_health", accountHealth, {
    label: "Account health",
    input: ({ brief }) => ({ handle: brief.handle, target_type: brief.targetType }),
  })
  .agent("benchmark", competitorBenchmark, {
    label: "Competitor benchmark",
    input: ({ brief, params }) => ({ handle: brief.handle, competitors: params.competitors }),
    options: { window_days: 90 },
  })
  .synthesis("report", { label: "Competitor scan report", dependsOn: ["account_health", "benchmark"] })
  .build();
