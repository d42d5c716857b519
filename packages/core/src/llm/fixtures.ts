import { competitorScanReport } from "./fixtures/competitor-scan-report.ts";
import {
  campaignLaunchReport,
  genericReport,
  postLaunchLoopReport,
  profileAuditReport,
} from "./fixtures/reports.ts";
import type { LlmFixture } from "./port.ts";

/**
 * Mock reports of the synthesis step, by workflow slug. Agents carry their own mock replies (`mockReply`);
 * reports are keyed here because a run may come from a stored DAG, where no workflow object exists to hold one.
 */
export const SYNTHESIS_FIXTURES: Record<string, LlmFixture> = {
  profile_audit: profileAuditReport,
  campaign_launch: campaignLaunchReport,
  post_launch_loop: postLaunchLoopReport,
  competitor_scan: competitorScanReport,
};

/** The synthesis step's mock reply in a run of `workflowSlug`: the workflow's own report, else the generic one. */
export function mockReport(workflowSlug: string): LlmFixture {
  // hasOwn: a slug such as "constructor" must not find Object.prototype's.
  const own = Object.hasOwn(SYNTHESIS_FIXTURES, workflowSlug) ? SYNTHESIS_FIXTURES[workflowSlug] : undefined;
  return own ?? genericReport;
}
