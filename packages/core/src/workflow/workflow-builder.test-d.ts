// Each expect-error directive below marks one mistake the builder refuses at compile time: the line after it
// fails to compile without the directive. These functions are type-checked, never called.
import { expectTypeOf, test } from "vitest";
import { z } from "zod";
import { accountHealth } from "../agents/account-health.ts";
import { campaignBuilder } from "../agents/campaign-builder.ts";
import { contentPlanner } from "../agents/content-planner.ts";
import { trendWatcher } from "../agents/trend-watcher.ts";
import type { WorkflowDef } from "./types.ts";
import { workflow } from "./workflow-builder.ts";

const meta = { slug: "typed", name: "Typed", description: "" };
const withHealth = () =>
  workflow({ ...meta, params: z.object({ budget: z.number(), market: z.string() }) }).agent(
    "health",
    accountHealth,
    { label: "Health", input: ({ brief }) => ({ handle: brief.handle }) },
  );

test("a valid workflow builds, typed by its step keys", () => {
  const build = () =>
    withHealth()
      .agent("trends", trendWatcher, {
        label: "Trends",
        dependsOn: ["health"],
        input: ({ steps }) => ({ category: steps.health.category }),
        options: { freshness_hours: 48 },
      })
      .agent("plan", contentPlanner, {
        label: "Plan",
        dependsOn: ["trends"],
        input: ({ brief, steps }) => ({
          handle: brief.handle,
          // An ancestor's ancestor is readable: health is upstream of trends.
          category: steps.health.category,
          trending_hashtags: steps.trends.hashtag_names,
        }),
      })
      .approval("approve", { label: "Approve", reviews: "plan", field: "hashtags" })
      .agent("campaign", campaignBuilder, {
        label: "Campaign",
        dependsOn: ["approve"],
        input: ({ brief, steps }) => ({
          handle: brief.handle,
          category: steps.health.category,
          hashtags: steps.approve.hashtags,
        }),
      })
      .synthesis("report", { label: "Report", dependsOn: ["campaign"] })
      .build();
  expectTypeOf(build).returns.toEqualTypeOf<
    WorkflowDef<"health" | "trends" | "plan" | "approve" | "campaign" | "report">
  >();
});

test("dependsOn names steps defined before", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "T",
    // @ts-expect-error "helth" is not a step
    dependsOn: ["helth"],
    input: ({ brief }) => ({ category: brief.handle }),
  });
});

test("a step key is used once", () => {
  // @ts-expect-error "health" exists already
  withHealth().agent("health", trendWatcher, {
    label: "T",
    input: ({ brief }) => ({ category: brief.handle }),
  });
});

test("an input path names a field of the step's output", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    // @ts-expect-error account_health's output has no "categry"
    input: ({ steps }) => ({ category: steps.health.categry }),
  });
});

test("an input path reads only steps upstream of this one", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    // @ts-expect-error health is not upstream: trends does not depend on it
    input: ({ steps }) => ({ category: steps.health.category }),
  });
});

test("the value at a path has a type the input takes", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    // @ts-expect-error follower_count is a number, category takes a string
    input: ({ steps }) => ({ category: steps.health.follower_count }),
  });
});

test("an optional value does not fit a required input", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    // @ts-expect-error brief.notes may be missing, category is required
    input: ({ brief }) => ({ category: brief.notes }),
  });
});

test("an input is a path, not a value", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    // @ts-expect-error a literal string is not a path into the run
    input: () => ({ category: "beauty" }),
  });
});

test("every required input is mapped", () => {
  withHealth().agent("plan", contentPlanner, {
    label: "Plan",
    dependsOn: ["health"],
    // @ts-expect-error category is required by content_planner and not mapped
    input: ({ brief }) => ({ handle: brief.handle }),
  });
});

test("an agent with required inputs needs an input callback", () => {
  // @ts-expect-error trend_watcher requires category
  withHealth().agent("trends", trendWatcher, { label: "Trends" });
});

test("an input field is one the agent takes", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    // @ts-expect-error trend_watcher takes no "region" input ("region" is one of its options)
    input: ({ steps }) => ({ category: steps.health.category, region: steps.health.region }),
  });
});

test("an array item may be missing, so it fits an optional input only", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    // @ts-expect-error top_hashtags[0] is undefined when the list is empty; category is required
    input: ({ steps }) => ({ category: steps.health.top_hashtags[0] }),
  });
  withHealth().agent("plan", contentPlanner, {
    label: "Plan",
    dependsOn: ["health"],
    input: ({ brief, steps }) => ({
      handle: brief.handle,
      category: steps.health.category,
      top_hashtags: steps.health.top_hashtags,
    }),
  });
});

test("options are the agent's own", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    input: ({ steps }) => ({ category: steps.health.category }),
    // @ts-expect-error trend_watcher has no "freshnes_hours" option
    options: { freshnes_hours: 48 },
  });
});

test("options have the agent's types", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    dependsOn: ["health"],
    input: ({ steps }) => ({ category: steps.health.category }),
    // @ts-expect-error freshness_hours is a number
    options: { freshness_hours: "48" },
  });
});

test("a gate reviews a step defined before", () => {
  // @ts-expect-error "helth" is not a step
  withHealth().approval("approve", { label: "Approve", reviews: "helth", field: "category" });
});

test("a gate's field is a field of the step it reviews", () => {
  // @ts-expect-error account_health's output has no "hashtag"
  withHealth().approval("approve", { label: "Approve", reviews: "health", field: "hashtag" });
});

test("downstream of a gate, its output holds only the reviewed field", () => {
  withHealth()
    .approval("approve", { label: "Approve", reviews: "health", field: "category" })
    .agent("trends", trendWatcher, {
      label: "Trends",
      dependsOn: ["approve"],
      // @ts-expect-error the gate's output is { category }: read the rest from health itself
      input: ({ steps }) => ({ category: steps.approve.region }),
    });
});

test("a params path names a field of the workflow's params", () => {
  withHealth().agent("trends", trendWatcher, {
    label: "Trends",
    // @ts-expect-error the params have "market", not "markt"
    input: ({ params }) => ({ category: params.markt }),
  });
});

test("a workflow without params has none to read", () => {
  workflow(meta).agent("trends", trendWatcher, {
    label: "Trends",
    // @ts-expect-error this workflow declares no params
    input: ({ params }) => ({ category: params.market }),
  });
});

test("paramsFromLatestRun fills a param the workflow has", () => {
  workflow({
    ...meta,
    params: z.object({ campaignId: z.string() }),
    // @ts-expect-error the params have "campaignId", not "campaign"
    paramsFromLatestRun: { campaign: { workflow: "campaign_launch", path: "campaign.output.campaign.id" } },
  });
});

test("nothing comes after the report", () => {
  const report = withHealth().synthesis("report", { label: "Report", dependsOn: ["health"] });
  // @ts-expect-error every step must feed the report, so none can follow it
  report.agent("trends", trendWatcher, { label: "T", input: ({ brief }) => ({ category: brief.handle }) });
});
