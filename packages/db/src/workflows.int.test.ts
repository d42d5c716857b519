import {
  CAMPAIGN_LAUNCH,
  createMockLlm,
  FINISHED_RUN_STATUSES,
  SEEDED_WORKFLOWS,
  toDagJson,
} from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrief } from "./briefs.ts";
import { type Engine, startEngine } from "./engine.ts";
import { decideApproval, startRun } from "./runs.ts";
import { pendingApproval } from "./testing/pending-approval.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { definitionVersion, listWorkflows } from "./workflows.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await startEngine({ connectionString: db.url, llm: createMockLlm(), concurrency: 4 });
});

afterAll(async () => {
  await engine?.stop();
  await db?.drop();
});

const finished = (runId: string) =>
  waitFor(async () => {
    const state = await engine.store.load(runId, { traces: false });
    return state && FINISHED_RUN_STATUSES.includes(state.status) ? state : undefined;
  }, `run ${runId} to finish`);

const newWorkspace = async (name: string) => (await createWorkspaceWithKey(engine.prisma, name)).workspace.id;

async function storeRow(workspaceId: string, slug: string, dag: unknown) {
  await engine.prisma.workflow.create({
    data: {
      id: crypto.randomUUID(),
      workspaceId,
      slug,
      name: slug,
      description: "stored",
      dag: dag as object,
    },
  });
}

const CODE_SLUGS = SEEDED_WORKFLOWS.map((w) => w.slug);

describe("code-defined workflows", () => {
  it("are listed from the code, before and after a run stores their row", async () => {
    const workspaceId = await newWorkspace("listing");
    expect((await listWorkflows(engine.prisma, workspaceId)).map((w) => w.slug)).toEqual(CODE_SLUGS);
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    expect(await engine.prisma.workflow.count({ where: { workspaceId } })).toBe(1);
    const listed = await listWorkflows(engine.prisma, workspaceId);
    expect(listed.map((w) => [w.slug, w.source])).toEqual(CODE_SLUGS.map((slug) => [slug, "code"]));
    expect((await finished(runId)).status).toBe("succeeded");
  });

  it("run their current code definition, never a stale stored copy, and say which version ran", async () => {
    const workspaceId = await newWorkspace("stale");
    // An older definition of campaign_launch, stored before its enable gate existed.
    const withoutGate = {
      ...toDagJson(CAMPAIGN_LAUNCH),
      steps: toDagJson(CAMPAIGN_LAUNCH).steps.filter((s) => s.key !== "approve_enable" && s.key !== "enable"),
    };
    await storeRow(workspaceId, "campaign_launch", withoutGate);
    const listing = (await listWorkflows(engine.prisma, workspaceId)).find(
      (w) => w.slug === "campaign_launch",
    );
    expect(listing?.def?.steps.map((s) => s.key)).toContain("approve_enable");

    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const run = await engine.prisma.workflowRun.findUniqueOrThrow({ where: { id: runId } });
    expect(definitionVersion(run.dag)).toBe(listing?.version);
    expect(definitionVersion(run.dag)).not.toBe(definitionVersion(withoutGate));
    // The stored row follows the code, so the database shows what runs.
    const row = await engine.prisma.workflow.findFirstOrThrow({
      where: { workspaceId, slug: "campaign_launch" },
    });
    expect(definitionVersion(row.dag)).toBe(listing?.version);
    await waitFor(
      async () =>
        (await engine.store.load(runId, { traces: false }))?.status === "waiting_approval" || undefined,
      "the approval gate of the code's definition",
    );
  });

  it("hash the same whatever the key order the database stored them in", () => {
    const dag = toDagJson(CAMPAIGN_LAUNCH);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(dag).reverse())));
    expect(Object.keys(reordered)).not.toEqual(Object.keys(dag));
    expect(definitionVersion(reordered)).toBe(definitionVersion(dag));
  });
});

describe("workflows only the database holds", () => {
  it("are listed with their validation problem when they no longer validate, and cannot start", async () => {
    const workspaceId = await newWorkspace("invalid-row");
    await storeRow(workspaceId, "renamed_agent_flow", {
      version: 1,
      steps: [
        { key: "scan", agentName: "competitor_spy", label: "Scan", inputMap: { handle: "brief.handle" } },
      ],
    });
    const listed = await listWorkflows(engine.prisma, workspaceId);
    expect(listed.map((w) => w.slug)).toEqual([...CODE_SLUGS, "renamed_agent_flow"]);
    const invalid = listed.at(-1);
    expect(invalid?.source).toBe("stored");
    expect(invalid?.def).toBeUndefined();
    expect(invalid?.problems).toContainEqual(
      expect.objectContaining({
        code: "unknown_agent",
        stepKey: "scan",
        message: "unknown agent: competitor_spy",
      }),
    );
    const runsBefore = await engine.prisma.workflowRun.count({ where: { workspaceId } });
    await expect(
      startRun(engine.store, workspaceId, {
        slug: "renamed_agent_flow",
        handle: "lakucosmetics",
        targetType: "brand",
      }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      field: "slug",
      message: expect.stringContaining("unknown agent: competitor_spy"),
    });
    expect(await engine.prisma.workflowRun.count({ where: { workspaceId } })).toBe(runsBefore);
  });
});

describe("per-run params", () => {
  it("reach the run's snapshot, normalised by the workflow's schema", async () => {
    const workspaceId = await newWorkspace("params");
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "post_launch_loop",
      handle: "lakucosmetics",
      targetType: "brand",
      params: { campaignId: " cmp_spring " },
    });
    const state = await finished(runId);
    expect(state.brief.params).toEqual({ campaignId: "cmp_spring" });
    expect(state.steps.performance?.input).toMatchObject({ campaign_id: "cmp_spring" });
  });

  it("are refused naming the field, with nothing written", async () => {
    const workspaceId = await newWorkspace("bad-params");
    const attempts = [
      [{ slug: "post_launch_loop", params: { campaignId: "has spaces" } }, "params.campaignId"],
      [{ slug: "post_launch_loop" }, "params.campaignId"],
      [{ slug: "profile_audit", params: { campaignId: "cmp_1" } }, "params"],
    ] as const;
    for (const [input, field] of attempts)
      await expect(
        startRun(engine.store, workspaceId, { handle: "lakucosmetics", targetType: "brand", ...input }),
      ).rejects.toMatchObject({ code: "invalid_input", field });
    expect(await engine.prisma.workflowRun.count({ where: { workspaceId } })).toBe(0);
  });

  it("let post_launch_loop review the campaign the handle's latest launch built", async () => {
    const workspaceId = await newWorkspace("loop-after-launch");
    const launch = await startRun(engine.store, workspaceId, {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    for (const _gate of ["approve_campaign", "approve_enable"]) {
      const approval = await pendingApproval(engine.prisma, launch.runId);
      await decideApproval(engine.store, workspaceId, {
        approvalId: approval.id,
        decision: "approve",
        decidedBy: "maria",
      });
    }
    const launched = await finished(launch.runId);
    const campaignId = (launched.steps.publish?.output as { campaign: { campaign_id: string } } | undefined)
      ?.campaign.campaign_id;
    expect(campaignId).toMatch(/^offline_/);

    // Another handle's launch is not this handle's campaign.
    await expect(
      startRun(engine.store, workspaceId, {
        slug: "post_launch_loop",
        handle: "otherbrand",
        targetType: "brand",
      }),
    ).rejects.toMatchObject({ field: "params.campaignId", message: expect.stringContaining("@otherbrand") });

    const brief = await createBrief(engine.prisma, workspaceId, {
      handle: "lakucosmetics",
      targetType: "brand",
      outcome: "post_launch_loop",
    });
    const loop = await startRun(engine.store, workspaceId, { slug: "post_launch_loop", briefId: brief.id });
    const state = await finished(loop.runId);
    expect(state.brief.params).toEqual({ campaignId });
    expect(
      (state.steps.performance?.output as { ads: { campaign_id: string } } | undefined)?.ads.campaign_id,
    ).toBe(campaignId);
  });

  it("are checked when a brief is created, and kept with it", async () => {
    const workspaceId = await newWorkspace("brief-params");
    await expect(
      createBrief(engine.prisma, workspaceId, {
        handle: "lakucosmetics",
        targetType: "brand",
        outcome: "post_launch_loop",
        params: { campaignId: "" },
      }),
    ).rejects.toMatchObject({ code: "invalid_input", field: "params.campaignId" });
    const brief = await createBrief(engine.prisma, workspaceId, {
      handle: "lakucosmetics",
      targetType: "brand",
      outcome: "post_launch_loop",
      params: { campaignId: "cmp_autumn" },
    });
    expect(brief.params).toEqual({ campaignId: "cmp_autumn" });
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "post_launch_loop",
      briefId: brief.id,
    });
    expect((await finished(runId)).brief.params).toEqual({ campaignId: "cmp_autumn" });
  });
});
