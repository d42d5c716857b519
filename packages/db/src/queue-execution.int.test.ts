import { type CampaignPayload, createMockLlm, FINISHED_RUN_STATUSES } from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { decideApproval, startRun } from "./runs.ts";
import { pendingApproval } from "./testing/pending-approval.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { spawnWorker, type WorkerProcess } from "./testing/worker-process.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: Engine;
let workers: WorkerProcess[] = [];
let workspaceId: string;

const finished = (runId: string) =>
  waitFor(async () => {
    const state = await api.store.load(runId);
    return state && FINISHED_RUN_STATUSES.includes(state.status) ? state : undefined;
  }, `run ${runId} to finish`);

beforeAll(async () => {
  db = await createTestDatabase();
  // This process only starts runs and records decisions, like an API process: no workers in it.
  api = await startEngine({ connectionString: db.url, llm: createMockLlm(), concurrency: 0 });
  workers = await Promise.all(
    [1, 2].map(() => spawnWorker(db.url, { WORKER_CONCURRENCY: "2", MOCK_LLM_LATENCY_MS: "30" })),
  );
  workspaceId = (await createWorkspaceWithKey(api.prisma, "queue-test")).workspace.id;
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await api?.stop();
  await db?.drop();
});

describe("runs through the Postgres queue with two worker processes", () => {
  it("completes profile_audit and post_launch_loop runs, sharing the steps between both workers", async () => {
    const starts = await Promise.all(
      ["profile_audit", "post_launch_loop", "profile_audit", "post_launch_loop"].map((slug) =>
        startRun(api.store, workspaceId, {
          slug,
          handle: "lakucosmetics",
          targetType: "brand",
          ...(slug === "post_launch_loop" && { params: { campaignId: "cmp_spring" } }),
        }),
      ),
    );
    for (const { runId } of starts) {
      const state = await finished(runId);
      expect(state.status).toBe("succeeded");
      expect(state.report).toContain("@lakucosmetics");
      const events = await api.store.events(runId);
      for (const step of Object.keys(state.steps))
        expect(events.filter((e) => e.type === "step_succeeded" && e.stepKey === step)).toHaveLength(1);
    }
    for (const worker of workers)
      expect(
        worker.logs.filter((l) => l.msg === "step finished").length,
        `worker ${worker.pid}`,
      ).toBeGreaterThan(0);
  });

  it("pauses campaign_launch at the approval with no worker busy, then publishes the edited payload", async () => {
    const { runId } = await startRun(api.store, workspaceId, {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const waiting = await waitFor(async () => {
      const state = await api.store.load(runId);
      return state?.status === "waiting_approval" ? state : undefined;
    }, "the approval gate");
    const approval = await api.prisma.approval.findFirstOrThrow({ where: { runId } });
    expect(approval.status).toBe("pending");
    expect(waiting.steps.publish?.status).toBe("pending");
    expect(await api.prisma.$queryRaw`SELECT id FROM pgboss.job WHERE state = 'active'`).toEqual([]);

    const proposed = approval.value as CampaignPayload;
    const edited = {
      ...proposed,
      campaign: { ...proposed.campaign, budget: 80 },
      ad_groups: proposed.ad_groups.map((g) => ({ ...g, hashtags: g.hashtags.slice(1) })),
    };
    await decideApproval(api.store, workspaceId, {
      approvalId: approval.id,
      decision: "approve",
      editedValue: edited,
      decidedBy: "maria",
    });
    const enable = await pendingApproval(api.prisma, runId);
    await decideApproval(api.store, workspaceId, {
      approvalId: enable.id,
      decision: "approve",
      decidedBy: "maria",
    });
    const state = await finished(runId);
    expect(state.status).toBe("succeeded");
    expect(state.steps.publish?.input).toEqual({ payload: edited });
    expect(state.steps.publish?.output).toMatchObject({
      payload: edited,
      campaign: { operation_status: "DISABLE" },
    });
    await expect(
      decideApproval(api.store, workspaceId, {
        approvalId: approval.id,
        decision: "reject",
        decidedBy: "maria",
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already/) });
  });
});
