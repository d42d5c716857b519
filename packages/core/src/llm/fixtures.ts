import { accountHealthFixture } from "../agents/account-health.fixture.ts";
import { campaignBuilderFixture } from "../agents/campaign-builder.fixture.ts";
import { competitorBenchmarkFixture } from "../agents/competitor-benchmark.fixture.ts";
import { contentPlannerFixture } from "../agents/content-planner.fixture.ts";
import { performanceReviewerFixture } from "../agents/performance-reviewer.fixture.ts";
import { trendWatcherFixture } from "../agents/trend-watcher.fixture.ts";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { competitorScanReport } from "./fixtures/competitor-scan-report.ts";
import {
  campaignLaunchReport,
  genericReport,
  postLaunchLoopReport,
  profileAuditReport,
} from "./fixtures/reports.ts";

/**
 * Mock-mode answers. A fixture is a function of the request, so offline replies talk about the numbers
 * the agent actually computed (passed as `request.context`) instead of canned text.
 */
export interface FixtureRequest {
  agent: string;
  workflowSlug?: string;
  system: string;
  prompt: string;
  context?: unknown;
}

/** Returns the reply value: a string for `text` calls, a plain object for `structured` calls. */
export type LlmFixture = (request: FixtureRequest) => unknown;

/** Generic per-agent fixtures, keyed by agent name (SYNTHESIS_NODE holds the generic report). */
export const AGENT_FIXTURES: Record<string, LlmFixture> = {
  account_health: accountHealthFixture,
  trend_watcher: trendWatcherFixture,
  content_planner: contentPlannerFixture,
  campaign_builder: campaignBuilderFixture,
  performance_reviewer: performanceReviewerFixture,
  competitor_benchmark: competitorBenchmarkFixture,
  [SYNTHESIS_NODE]: genericReport,
};

/** Report fixtures keyed by workflow slug; a slug without one falls back to AGENT_FIXTURES[SYNTHESIS_NODE]. */
export const SYNTHESIS_FIXTURES: Record<string, LlmFixture> = {
  profile_audit: profileAuditReport,
  campaign_launch: campaignLaunchReport,
  post_launch_loop: postLaunchLoopReport,
  competitor_scan: competitorScanReport,
};
