import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AGENT_REGISTRY } from "../agents/index.ts";
import { createMockLlm } from "../llm/mock.ts";
import { TEST_NOW } from "../testing/agent-context.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import { WorkflowDefinitionError } from "../workflow/errors.ts";
import { schemaAtPath } from "../workflow/input-path.ts";
import { POST_LAUNCH_LOOP } from "./post-launch-loop.ts";
import { PROFILE_AUDIT } from "./profile-audit.ts";
import { SEEDED_WORKFLOWS, workflowsBySlug } from "./seeded.ts";

const now = () => TEST_NOW;

describe("seeded workflows, end to end in mock mode", () => {
  it("profile_audit writes a report about the account with the numbers its steps computed", async () => {
    const { report, state } = await runToCompletion(PROFILE_AUDIT, { now });
    expect(state.status).toBe("succeeded");
    const health = state.steps.account_health?.output as {
      health_score: { score: number };
      follower_count: number;
    };
    expect(report).toContain("@lakucosmetics");
    expect(report).toContain(`${health.health_score.score}/100`);
    // Every step's trace holds its model call with non-zero usage, so cost features have data.
    for (const step of Object.values(state.steps)) {
      const calls = step.trace.filter((t) => t.kind === "llm_call");
      expect(calls.length, step.key).toBeGreaterThan(0);
      for (const call of calls) expect(call.usage.costUsd, step.key).toBeGreaterThan(0);
    }
  });

  it("post_launch_loop reviews the campaign it is given, compares the windows and plans the next round", async () => {
    const { report, state } = await runToCompletion(POST_LAUNCH_LOOP, {
      now,
      brief: { handle: "lakucosmetics", targetType: "brand", params: { campaignId: " cmp_spring " } },
    });
    expect(state.status).toBe("succeeded");
    expect(state.brief.params).toEqual({ campaignId: "cmp_spring" });
    const review = state.steps.performance?.output as {
      verdict: string;
      window_days: number;
      ads: { campaign_id: string };
    };
    expect(review.ads.campaign_id).toBe("cmp_spring");
    expect(review.window_days).toBe(7);
    expect(report?.toLowerCase()).toContain(review.verdict);
  });

  it("post_launch_loop plans the next round from the review's findings, quoting their evidence", async () => {
    const { state } = await runToCompletion(POST_LAUNCH_LOOP, {
      now,
      brief: { handle: "lakucosmetics", targetType: "brand", params: { campaignId: "cmp_spring" } },
    });
    const review = state.steps.performance?.output as {
      findings: {
        keep: { hashtag: string | null; evidence: string }[];
        cut: { hashtag: string | null; evidence: string }[];
      };
    };
    const findings = review.findings;
    const plan = state.steps.next_plan?.output as { hashtags: string[]; rationale: string };
    expect(findings.keep.length + findings.cut.length).toBeGreaterThan(0);
    for (const f of [...findings.keep, ...findings.cut]) expect(plan.rationale).toContain(f.evidence);
    for (const f of findings.cut) if (f.hashtag) expect(plan.hashtags).not.toContain(f.hashtag);
  });

  it("post_launch_loop refuses to start without a campaign to review, naming the param", async () => {
    await expect(runToCompletion(POST_LAUNCH_LOOP, { now })).rejects.toThrow(
      expect.objectContaining({ code: "invalid_params", field: "params.campaignId" }),
    );
  });

  it("post_launch_loop reads its default campaign from where campaign_launch outputs it", () => {
    const source = POST_LAUNCH_LOOP.paramsFromLatestRun?.campaignId;
    const launch = SEEDED_WORKFLOWS.find((w) => w.slug === source?.workflow);
    const [stepKey, , ...path] = source?.path.split(".") ?? [];
    const step = launch?.steps.find((s) => s.key === stepKey);
    const output = step?.kind === "agent" ? AGENT_REGISTRY.get(step.agentName)?.output : undefined;
    expect(output && schemaAtPath(output, path)).toBeInstanceOf(z.ZodString);
  });

  it("gives the same report for the same handle and clock (deterministic mock mode)", async () => {
    const a = await runToCompletion(PROFILE_AUDIT, { now, llm: createMockLlm() });
    const b = await runToCompletion(PROFILE_AUDIT, { now, llm: createMockLlm() });
    expect(a.report).toBe(b.report);
  });
});

describe("SEEDED_WORKFLOWS", () => {
  it("holds workflows that each end in a report", () => {
    expect(SEEDED_WORKFLOWS.length).toBeGreaterThan(0);
    for (const workflow of SEEDED_WORKFLOWS)
      expect(
        workflow.steps.filter((s) => s.kind === "synthesis"),
        workflow.slug,
      ).toHaveLength(1);
  });

  it("treats a duplicate slug as an error, not a silent override", () => {
    expect(() => workflowsBySlug([...SEEDED_WORKFLOWS, { ...PROFILE_AUDIT, name: "Shadow" }])).toThrow(
      WorkflowDefinitionError,
    );
  });
});
