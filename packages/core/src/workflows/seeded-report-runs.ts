// Test support for the report checks: runs a seeded workflow to its report, deciding every gate.
import type { CampaignPayload } from "../data/campaign-payload.ts";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { createMockLlm } from "../llm/mock.ts";
import type { LlmPort } from "../llm/port.ts";
import type { ApprovalState } from "../runner/run-state.ts";
import { resumeWorkflowInline } from "../runner/run-workflow-inline.ts";
import { TEST_NOW } from "../testing/agent-context.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import type { RunBrief } from "../workflow/brief.ts";
import type { WorkflowDef } from "../workflow/types.ts";

export const now = () => TEST_NOW;
export const LOOP_CAMPAIGN = "cmp_spring";
/** One brief for every seeded workflow. */
export const BRIEF: RunBrief = { handle: "lakucosmetics", targetType: "brand" };
/** What the reviewer changes at the campaign gate: the report must show this, not the drafted 50. */
export const APPROVED_DAILY_BUDGET = 80;

/** Approves each gate; the campaign gate with the daily budget raised, every other as proposed. */
function approvedValue(gate: ApprovalState): unknown {
  if (gate.stepKey !== "approve_campaign") return undefined;
  const payload = gate.value as CampaignPayload;
  return { ...payload, campaign: { ...payload.campaign, budget: APPROVED_DAILY_BUDGET } };
}

export interface SeededReport {
  report: string;
  /** Exactly what the report writer was given: the brief and every upstream output and decision. */
  context: unknown;
}

/**
 * Runs a seeded workflow on the fixed brief and clock in mock mode, approving every gate it stops at.
 * `campaignId` is the campaign a loop reviews (LOOP_CAMPAIGN unless given).
 */
export async function runSeededReport(
  workflow: WorkflowDef,
  campaignId = LOOP_CAMPAIGN,
): Promise<SeededReport> {
  const contexts: unknown[] = [];
  const mock = createMockLlm();
  const llm: LlmPort = {
    mode: mock.mode,
    model: mock.model,
    text: (request) => {
      contexts.push(request.context);
      return mock.text(request);
    },
    structured: (request) => mock.structured(request),
  };
  const adsFor = createOfflineAds();
  // The loop reviews a fixed campaign; the other workflows take no campaign.
  const brief = workflow.params?.shape.campaignId ? { ...BRIEF, params: { campaignId } } : BRIEF;
  const first = await runToCompletion(workflow, { now, llm, adsFor, brief });
  let report = first.report;
  while (report === null) {
    const state = await first.store.load(first.runId);
    const gate = Object.values(state?.approvals ?? {}).find((a) => a.status === "pending");
    if (!gate) throw new Error(`${workflow.slug} stopped without a report or a pending gate`);
    report = await resumeWorkflowInline({
      store: first.store,
      now,
      llm,
      adsFor,
      workflowRunId: first.runId,
      decision: {
        decision: "approve",
        approvalId: gate.id,
        editedValue: approvedValue(gate),
        decidedBy: "maria@brand.test",
      },
    });
  }
  if (contexts.length !== 1) throw new Error(`expected one report call, got ${contexts.length}`);
  return { report, context: contexts[0] };
}
