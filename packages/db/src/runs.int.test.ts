import {
  CAMPAIGN_LAUNCH,
  type CampaignPayload,
  createMockLlm,
  FINISHED_RUN_STATUSES,
  type LlmPort,
  LlmRequestRefusedError,
  toDagJson,
} from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrief } from "./briefs.ts";
import { type Engine, startEngine } from "./engine.ts";
import { cancelRun, decideApproval, expireApprovals, retryStep, startRun } from "./runs.ts";
import { pendingApproval } from "./testing/pending-approval.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { failAbandonedStep } from "./worker.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let engine: Engine;
let workspaceId: string;
// The trend watcher's model call fails while this is set, as an outage would.
let trendsDown = false;
// ...or is refused, as a revoked API key would be.
let trendsRefused = false;

function flakyLlm(): LlmPort {
  const mock = createMockLlm();
  return {
    ...mock,
    text: (r) => mock.text(r),
    structured: (r) => {
      if (r.agent !== "trend_watcher") return mock.structured(r);
      if (trendsDown) return Promise.reject(new Error("overloaded (529)"));
      if (trendsRefused)
        return Promise.reject(
          new LlmRequestRefusedError("Anthropic API answered 401: invalid x-api-key", 401),
        );
      return mock.structured(r);
    },
  };
}

const finished = (runId: string) =>
  waitFor(async () => {
    const state = await engine.store.load(runId, { traces: false });
    return state && FINISHED_RUN_STATUSES.includes(state.status) ? state : undefined;
  }, `run ${runId} to finish`);

async function counts() {
  const [runs, steps, events, workflows, jobs] = await Promise.all([
    engine.prisma.workflowRun.count(),
    engine.prisma.stepRun.count(),
    engine.prisma.runEvent.count(),
    engine.prisma.workflow.count(),
    engine.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job`,
  ]);
  return { runs, steps, events, workflows, jobs: Number(jobs[0]?.n) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await startEngine({
    connectionString: db.url,
    llm: flakyLlm(),
    concurrency: 4,
    retry: { maxAttempts: 3, backoffMs: 20 },
  });
  workspaceId = (await createWorkspaceWithKey(engine.prisma, "runs-test")).workspace.id;
});

afterAll(async () => {
  await engine?.stop();
  await db?.drop();
});

describe("starting runs", () => {
  it("runs a brief's workflow with the brief snapshotted on the run", async () => {
    const brief = await createBrief(engine.prisma, workspaceId, {
      handle: "@lakucosmetics",
      targetType: "brand",
      outcome: "profile_audit",
      notes: "Launching a lip line in spring",
    });
    const { runId } = await startRun(engine.store, workspaceId, { slug: "profile_audit", briefId: brief.id });
    const run = await engine.prisma.workflowRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.briefId).toBe(brief.id);
    expect(run.brief).toMatchObject({ handle: "lakucosmetics", notes: "Launching a lip line in spring" });
    expect((await finished(runId)).status).toBe("succeeded");
  });

  it("rejects bad input with a typed error naming the field, and writes nothing", async () => {
    const brief = await createBrief(engine.prisma, workspaceId, {
      handle: "lakucosmetics",
      targetType: "brand",
      outcome: "campaign_launch",
    });
    const before = await counts();
    await expect(
      startRun(engine.store, workspaceId, { slug: "profile_audit", briefId: brief.id }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      field: "slug",
      message: expect.stringContaining('outcome "campaign_launch"'),
    });
    await expect(
      startRun(engine.store, workspaceId, {
        slug: "profile_audit",
        handle: "not a handle!",
        targetType: "brand",
      }),
    ).rejects.toMatchObject({ code: "invalid_input", field: "handle" });
    await expect(
      startRun(engine.store, workspaceId, {
        slug: "profile_audit",
        handle: "ok_handle",
        targetType: "robot" as never,
      }),
    ).rejects.toMatchObject({ code: "invalid_input", field: "targetType" });
    await expect(
      startRun(engine.store, workspaceId, { slug: "no_such_flow", handle: "ok_handle", targetType: "brand" }),
    ).rejects.toMatchObject({ code: "not_found", field: "slug" });
    await expect(
      startRun(engine.store, workspaceId, {
        slug: "profile_audit",
        briefId: "6f1d8a52-0c4e-4f7e-9a61-0d1f3b2c4e5a",
      }),
    ).rejects.toMatchObject({ code: "not_found", field: "briefId" });
    const { workspace: other } = await createWorkspaceWithKey(engine.prisma, "other");
    await expect(
      startRun(engine.store, other.id, { slug: "campaign_launch", briefId: brief.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("failures", () => {
  it("retries a failing step up to its limit, fails the run with the step's error and skips its dependents", async () => {
    trendsDown = true;
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const state = await finished(runId);
    expect(state.status).toBe("failed");
    expect(state.steps.trends).toMatchObject({ status: "failed", attempts: 3, error: "overloaded (529)" });
    expect(state.steps.content_plan?.status).toBe("skipped");
    expect(state.steps.report?.status).toBe("skipped");
    expect(state.error).toContain("overloaded (529)");

    // Re-run from the failed step once the outage is over: upstream output is kept, not recomputed.
    trendsDown = false;
    const healthBefore = await engine.prisma.stepRun.findFirstOrThrow({
      where: { runId, stepKey: "account_health" },
    });
    await retryStep(engine.store, workspaceId, runId, "trends");
    const retried = await finished(runId);
    expect(retried.status).toBe("succeeded");
    expect(retried.steps.trends?.attempts).toBe(4);
    // Every attempt's model call stays in the step's trace, the failed ones too.
    const traced = await engine.store.load(runId);
    const calls = traced?.steps.trends?.trace.filter((t) => t.kind === "llm_call") ?? [];
    expect(calls.map((t) => [t.attempt, t.error ?? "ok"])).toEqual([
      [1, "overloaded (529)"],
      [2, "overloaded (529)"],
      [3, "overloaded (529)"],
      [4, "ok"],
    ]);
    const healthAfter = await engine.prisma.stepRun.findFirstOrThrow({
      where: { runId, stepKey: "account_health" },
    });
    expect(healthAfter).toEqual(healthBefore);
  });

  it("fails a step after one attempt when the model API refuses the call: a retry would be refused too", async () => {
    trendsRefused = true;
    try {
      const { runId } = await startRun(engine.store, workspaceId, {
        slug: "profile_audit",
        handle: "lakucosmetics",
        targetType: "brand",
      });
      const state = await finished(runId);
      expect(state.status).toBe("failed");
      expect(state.steps.trends).toMatchObject({
        status: "failed",
        attempts: 1,
        error: "Anthropic API answered 401: invalid x-api-key",
      });
    } finally {
      trendsRefused = false;
    }
  });

  it("refuses to retry a step that has not failed, and to cancel a finished run", async () => {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    await finished(runId);
    await expect(retryStep(engine.store, workspaceId, runId, "trends")).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(cancelRun(engine.store, workspaceId, runId)).rejects.toMatchObject({ code: "conflict" });
    // Names of Object's own properties are no steps either: not a conflict with "step constructor is undefined".
    for (const stepKey of ["nope", "constructor", "__proto__", "toString", "hasOwnProperty"])
      await expect(retryStep(engine.store, workspaceId, runId, stepKey), stepKey).rejects.toMatchObject({
        code: "not_found",
      });
  });
});

describe("abandoned steps", () => {
  it("fails a step whose job pg-boss dead-lettered, so the run ends with a reason", async () => {
    // Its own database with no workers: the step stays queued, as if every worker that took it had died.
    const own = await createTestDatabase();
    const idle = await startEngine({ connectionString: own.url, llm: flakyLlm(), concurrency: 0 });
    try {
      const { workspace } = await createWorkspaceWithKey(idle.prisma, "abandoned");
      const { runId } = await startRun(idle.store, workspace.id, {
        slug: "profile_audit",
        handle: "lakucosmetics",
        targetType: "brand",
      });
      await failAbandonedStep({ runId, stepKey: "account_health" }, idle.store, () => {});
      const state = await idle.store.load(runId, { traces: false });
      expect(state?.status).toBe("failed");
      expect(state?.steps.account_health?.error).toMatch(/stopped answering/);
      expect(state?.steps.report?.status).toBe("skipped");
    } finally {
      await idle.stop();
      await own.drop();
    }
  });
});

describe("cancelling", () => {
  it("aborts the agent of a step in flight, freeing its worker at once", async () => {
    const own = await createTestDatabase();
    // One worker slot and ten-second model calls: only an abort frees the slot quickly.
    const slow = await startEngine({
      connectionString: own.url,
      llm: createMockLlm({ latencyMs: 10_000 }),
      concurrency: 1,
    });
    try {
      const { workspace } = await createWorkspaceWithKey(slow.prisma, "cancelling");
      const start = () =>
        startRun(slow.store, workspace.id, {
          slug: "profile_audit",
          handle: "lakucosmetics",
          targetType: "brand",
        });
      const running = async (runId: string) =>
        (await slow.store.load(runId, { traces: false }))?.steps.account_health?.status === "running"
          ? true
          : undefined;
      const first = await start();
      await waitFor(() => running(first.runId), "the first run's step to start");
      await cancelRun(slow.store, workspace.id, first.runId);
      const cancelledAt = Date.now();
      const second = await start();
      await waitFor(() => running(second.runId), "the second run's step to start", 8_000);
      expect(Date.now() - cancelledAt).toBeLessThan(8_000);
      const state = await slow.store.load(first.runId, { traces: false });
      expect(state?.status).toBe("cancelled");
      expect(state?.steps.account_health).toMatchObject({
        status: "skipped",
        error: "cancelled while running",
      });
      // Frees the slot again, so stopping does not wait out the second model call.
      await cancelRun(slow.store, workspace.id, second.runId);
    } finally {
      await slow.stop();
      await own.drop();
    }
  });
});

describe("approval expiry", () => {
  it("ends a run as rejected when its approval expires unanswered", async () => {
    const { workspace } = await createWorkspaceWithKey(engine.prisma, "expiry");
    // A workflow only this workspace's database holds: campaign_launch with a gate that expires after an hour.
    const timed = {
      ...CAMPAIGN_LAUNCH,
      slug: "campaign_launch_timed",
      steps: CAMPAIGN_LAUNCH.steps.map((s) =>
        s.key === "approve_campaign" && s.kind === "approval"
          ? { ...s, options: { ...s.options, expires_in_hours: 1 } }
          : s,
      ),
    };
    await engine.prisma.workflow.create({
      data: {
        id: crypto.randomUUID(),
        workspaceId: workspace.id,
        slug: timed.slug,
        name: timed.name,
        description: timed.description,
        dag: toDagJson(timed) as object,
      },
    });
    const { runId } = await startRun(engine.store, workspace.id, {
      slug: timed.slug,
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const approval = await waitFor(
      () => engine.prisma.approval.findFirst({ where: { runId } }).then((a) => a ?? undefined),
      "the approval",
    );
    expect(approval.expiresAt?.getTime()).toBe(approval.requestedAt.getTime() + 3_600_000);
    expect(await expireApprovals(engine.store)).toBe(0);
    expect(await expireApprovals(engine.store, new Date(approval.requestedAt.getTime() + 3_600_001))).toBe(1);
    const state = await engine.store.load(runId, { traces: false });
    expect(state).toMatchObject({ status: "rejected", error: "approval expired unanswered" });
    expect(Object.values(state?.approvals ?? {})[0]?.status).toBe("expired");
    expect(state?.steps.publish?.status).toBe("skipped");
  });
});

describe("edited values at the campaign gate", () => {
  it("refuses an edit naming the part it refused, inside editedValue, and leaves the approval pending", async () => {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const approval = await pendingApproval(engine.prisma, runId);
    const proposed = approval.value as CampaignPayload;
    const refusal = (editedValue: CampaignPayload) =>
      decideApproval(engine.store, workspaceId, {
        approvalId: approval.id,
        decision: "approve",
        editedValue,
        decidedBy: "maria",
      }).then(
        () => undefined,
        (error: unknown) => error,
      );

    const tooMuch = await refusal({ ...proposed, campaign: { ...proposed.campaign, budget: 10_000 } });
    expect(tooMuch).toMatchObject({
      code: "invalid_input",
      field: "editedValue.campaign.budget",
      reason: expect.stringMatching(/^must be at most 500 USD/),
    });
    const [group] = proposed.ad_groups;
    if (!group?.ads[0]) throw new Error("the draft has no ad");
    const retitled = {
      ...group,
      ads: [{ ...group.ads[0], ad_text: "Something else" }, ...group.ads.slice(1)],
    };
    const locked = await refusal({ ...proposed, ad_groups: [retitled, ...proposed.ad_groups.slice(1)] });
    expect(locked).toMatchObject({
      code: "invalid_input",
      field: "editedValue.ad_groups.0.ads.0.ad_text",
      reason: expect.stringContaining("may not be changed at this gate"),
    });
    expect((await pendingApproval(engine.prisma, runId)).id).toBe(approval.id);
    await cancelRun(engine.store, workspaceId, runId);
  });
});

describe("a run started before steps had a kind", () => {
  it("reads its old DAG snapshot, waits at its gate and finishes with the edited value", async () => {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const waiting = await waitFor(async () => {
      const state = await engine.store.load(runId, { traces: false });
      return state?.status === "waiting_approval" ? state : undefined;
    }, "the approval gate");
    // What the run holds had it started before kinds: gates and the report named by reserved agent names.
    const oldSteps = waiting.dag.steps.map(({ kind, key, ...step }) =>
      kind === "agent" ? { key, ...step } : { key, agentName: `__${kind}__`, ...step },
    );
    const oldDag = { ...waiting.dag, steps: oldSteps };
    await engine.prisma.workflowRun.update({ where: { id: runId }, data: { dag: oldDag } });
    const created = await engine.prisma.runEvent.findFirstOrThrow({ where: { runId, type: "run_created" } });
    await engine.prisma.runEvent.update({
      where: { id: created.id },
      data: { payload: { ...(created.payload as object), dag: oldDag } },
    });

    expect((await engine.store.load(runId, { traces: false }))?.dag).toEqual(waiting.dag);
    expect((await engine.store.events(runId))[0]).toMatchObject({ type: "run_created", dag: waiting.dag });
    const approval = await engine.prisma.approval.findFirstOrThrow({ where: { runId } });
    const proposed = approval.value as CampaignPayload;
    const edited = { ...proposed, campaign: { ...proposed.campaign, budget: 75 } };
    await decideApproval(engine.store, workspaceId, {
      approvalId: approval.id,
      decision: "approve",
      editedValue: edited,
      decidedBy: "maria",
    });
    const enable = await pendingApproval(engine.prisma, runId);
    await decideApproval(engine.store, workspaceId, {
      approvalId: enable.id,
      decision: "approve",
      decidedBy: "maria",
    });
    const state = await finished(runId);
    expect(state.status).toBe("succeeded");
    expect(state.steps.publish?.output).toMatchObject({ payload: edited });
    expect(state.report).toContain("## Approvals");
  });
});
