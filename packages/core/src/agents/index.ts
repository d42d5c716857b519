import { accountHealth } from "./account-health.ts";
import { campaignBuilder } from "./campaign-builder.ts";
import { campaignEnabler } from "./campaign-enabler.ts";
import { campaignPublisher } from "./campaign-publisher.ts";
import { competitorBenchmark } from "./competitor-benchmark.ts";
import { contentPlanner } from "./content-planner.ts";
import type { AnyAgent } from "./contract.ts";
import { performanceReviewer } from "./performance-reviewer.ts";
import { AgentRegistry } from "./registry.ts";
import { trendWatcher } from "./trend-watcher.ts";

export { type AccountHealthOutput, accountHealth, accountHealthOutput } from "./account-health.ts";
export { type CampaignBuilderOutput, campaignBuilder, campaignBuilderOutput } from "./campaign-builder.ts";
export { campaignEnabler, campaignEnablerOutput } from "./campaign-enabler.ts";
export {
  type CampaignPublisherOutput,
  campaignPublisher,
  campaignPublisherOutput,
} from "./campaign-publisher.ts";
export {
  COMPETITOR_DATA_REASON,
  type CompetitorBenchmarkOutput,
  competitorBenchmark,
  competitorBenchmarkOutput,
} from "./competitor-benchmark.ts";
export { type ContentPlannerOutput, contentPlanner, contentPlannerOutput } from "./content-planner.ts";
export { type Agent, type AgentContext, type AnyAgent, defineAgent, type SideEffect } from "./contract.ts";
export { type Metric, metricSchema } from "./metrics.ts";
export {
  type PerformanceReviewerOutput,
  performanceReviewer,
  performanceReviewerOutput,
} from "./performance-reviewer.ts";
export { AgentRegistry, DuplicateAgentError } from "./registry.ts";
export { type TrendWatcherOutput, trendWatcher, trendWatcherOutput } from "./trend-watcher.ts";

/** The agents the product ships with, in the order a marketer meets them. */
export const BUILT_IN_AGENTS: readonly AnyAgent[] = [
  accountHealth,
  trendWatcher,
  contentPlanner,
  campaignBuilder,
  campaignPublisher,
  campaignEnabler,
  performanceReviewer,
  competitorBenchmark,
];

/** Every built-in agent by name; what workflows are validated against by default. */
export const AGENT_REGISTRY = new AgentRegistry(BUILT_IN_AGENTS);
