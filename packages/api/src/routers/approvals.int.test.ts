import { randomUUID } from "node:crypto";
import { waitFor } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi } from "../testing.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let caller: Awaited<ReturnType<typeof api.caller>>;
let workspaceId: string;

/**
 * Three gates on one audit: two name a field of the audit's output as their evidence, one names none.
 * Trends wait on the first gate, the report on all.
 */
const GATED_AUDIT = {
  version: 1,
  steps: [
    {
      key: "account_health",
      kind: "agent",
      agentName: "account_health",
      label: "Account health",
      inputMap: { handle: "brief.handle", target_type: "brief.targetType" },
    },
    {
      key: "approve_hashtags",
      kind: "approval",
      label: "Approve hashtags",
      dependsOn: ["account_health"],
      options: { evidence: "top_videos" },
      targetOutputField: "top_hashtags",
    },
    {
      key: "approve_category",
      kind: "approval",
      label: "Approve category",
      dependsOn: ["account_health"],
      options: { evidence: "category_basis" },
      targetOutputField: "category",
    },
    {
      key: "approve_name",
      kind: "approval",
      label: "Approve name",
      dependsOn: ["account_health"],
      targetOutputField: "display_name",
    },
    {
      key: "trends",
      kind: "agent",
      agentName: "trend_watcher",
      label: "Trends in the niche",
      dependsOn: ["approve_hashtags"],
      inputMap: { category: "account_health.output.category" },
    },
    {
      key: "report",
      kind: "synthesis",
      label: "Audit report",
      dependsOn: ["trends", "approve_hashtags", "approve_category", "approve_name"],
    },
  ],
};

beforeAll(async () => {
  api = await startTestApi();
  const workspace = await api.workspace("reviewers");
  workspaceId = workspace.workspace.id;
  caller = await api.caller(workspace.apiKey);
  await api.engine.prisma.workflow.create({
    data: {
      id: randomUUID(),
      workspaceId,
      slug: "gated_audit",
      name: "Gated audit",
      description: "An audit with three gates",
      dag: GATED_AUDIT,
    },
  });
});

afterAll(async () => {
  await api?.stop();
});

describe("approvals.list", () => {
  it("gives each gate the evidence field of the reviewed step's output, or null, and the steps approving it unlocks", async () => {
    const { runId } = await caller.workflows.run({
      slug: "gated_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const pending = await waitFor(async () => {
      const list = await caller.approvals.list({ status: "pending" });
      if (list.length === 3) return list;
      const run = await caller.runs.get({ runId });
      if (run.status === "failed") throw new Error(JSON.stringify(run));
      return undefined;
    }, "the three gates");
    const byKey = Object.fromEntries(pending.map((a) => [a.stepKey, a]));
    const audit = await caller.runs.step({ runId, stepKey: "account_health" });
    const topVideos = (audit.output as { top_videos: unknown[] }).top_videos;
    expect(topVideos.length).toBeGreaterThan(0);

    expect(byKey.approve_hashtags).toMatchObject({
      reviewedStep: "account_health",
      evidence: topVideos,
      unlocks: ["Trends in the niche", "Audit report"],
    });
    expect(byKey.approve_category).toMatchObject({
      evidence: (audit.output as { category_basis: string }).category_basis,
      unlocks: ["Audit report"],
    });
    // A gate that names none: no evidence, not an error.
    expect(byKey.approve_name).toMatchObject({ evidence: null, unlocks: ["Audit report"] });
  });

  it("reads every row's evidence in one query, however many gates are listed", async () => {
    for (let i = 0; i < 2; i++)
      await caller.workflows.run({ slug: "gated_audit", handle: "lakucosmetics", targetType: "brand" });
    await waitFor(async () => {
      const list = await caller.approvals.list({ status: "pending" });
      return list.length === 9 ? list : undefined;
    }, "nine gates");
    const stepReads = vi.spyOn(api.engine.prisma.stepRun, "findMany");
    try {
      const list = await caller.approvals.list({ status: "pending" });
      expect(list.filter((a) => a.evidence !== null)).toHaveLength(6);
      expect(stepReads).toHaveBeenCalledTimes(1);
    } finally {
      stepReads.mockRestore();
    }
  });

  it("lists one run's approvals when asked for its run, whatever their age or status", async () => {
    const { runId } = await caller.workflows.run({
      slug: "gated_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const own = await waitFor(async () => {
      const list = await caller.approvals.list({ runId });
      return list.length === 3 ? list : undefined;
    }, "the run's three gates");
    expect(new Set(own.map((a) => a.runId))).toEqual(new Set([runId]));
    expect((await caller.approvals.list({})).length).toBeGreaterThan(3);
    await expect(caller.approvals.list({ runId: "not-a-run" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
