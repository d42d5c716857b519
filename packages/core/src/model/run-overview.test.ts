import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentRegistry } from "../agents/registry.ts";
import { NonRetriableError } from "../runner/errors.ts";
import type { RunEvent } from "../runner/events.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import { applyRunEvent } from "../runner/reduce.ts";
import type { RunState } from "../runner/run-state.ts";
import { resumeWorkflowInline, runWorkflowInline } from "../runner/run-workflow-inline.ts";
import { fakeAgent } from "../testing/fake-agent.ts";
import { defineWorkflow } from "../workflow/define-workflow.ts";
import {
  applyRunEventToOverview,
  isRunActive,
  isStepInProgress,
  isStepMoving,
  type RunOverview,
  runOverview,
  runProgress,
} from "./run-overview.ts";

/** Lets a test hold a step in `running` until it says so. */
function latch() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function registryWith(publishing: Promise<void>) {
  return new AgentRegistry([
    fakeAgent({
      name: "drafter",
      output: z.object({ tags: z.array(z.string()) }),
      run: () => ({ tags: ["#launch"] }),
    }),
    // Fails its first attempt for good; a retry of the step succeeds.
    fakeAgent({
      name: "scanner",
      delayMs: 40,
      run: (_input, call) => {
        if (call === 1) throw new NonRetriableError("the scan source is down");
        return { value: "scanned" };
      },
    }),
    fakeAgent({ name: "worker" }),
    fakeAgent({
      name: "publisher",
      run: async () => {
        await publishing;
        return { value: "published" };
      },
    }),
  ]);
}

const gate = (key: string) =>
  ({ key, kind: "approval", label: key, dependsOn: ["draft"], targetOutputField: "tags" }) as const;

const brief = { handle: "lakucosmetics", targetType: "brand" } as const;

/** A run whose scan fails (its downstream steps are skipped, the open approval expires), then is retried. */
async function recordFailureAndRetry(): Promise<{ events: RunEvent[]; stored: RunState }> {
  const registry = registryWith(Promise.resolve());
  const workflow = defineWorkflow(
    {
      slug: "replay_failure",
      name: "Replay: failure",
      description: "A failing branch beside an approval gate.",
      steps: [
        { key: "draft", kind: "agent", agentName: "drafter", label: "Draft" },
        gate("review"),
        { key: "publish", kind: "agent", agentName: "worker", label: "Publish", dependsOn: ["review"] },
        { key: "scan", kind: "agent", agentName: "scanner", label: "Scan" },
        { key: "summary", kind: "agent", agentName: "worker", label: "Summary", dependsOn: ["scan"] },
      ],
    },
    registry,
  );
  const store = new InMemoryRunStore();
  const runId = "run-failure";
  await expect(
    runWorkflowInline({ workspaceId: "w", workflow, brief, store, registry, workflowRunId: runId }),
  ).rejects.toThrow("the scan source is down");
  await store.commit(runId, [{ type: "step_retried", stepKey: "scan" }]);
  await resumeWorkflowInline({
    store,
    registry,
    workflowRunId: runId,
    decision: { decision: "approve", decidedBy: "reviewer" },
  });
  return { events: await store.events(runId), stored: (await store.load(runId)) as RunState };
}

/** A run that waits for two approvals; one is approved, and the run is cancelled while publishing. */
async function recordCancelWhileRunning(): Promise<{ events: RunEvent[]; stored: RunState }> {
  const publishing = latch();
  const registry = registryWith(publishing.opened);
  const workflow = defineWorkflow(
    {
      slug: "replay_cancel",
      name: "Replay: cancel",
      description: "Two gates on one draft; publishing takes until the test lets it finish.",
      steps: [
        { key: "draft", kind: "agent", agentName: "drafter", label: "Draft" },
        gate("review"),
        gate("legal"),
        { key: "publish", kind: "agent", agentName: "publisher", label: "Publish", dependsOn: ["review"] },
        { key: "archive", kind: "agent", agentName: "worker", label: "Archive", dependsOn: ["legal"] },
      ],
    },
    registry,
  );
  const store = new InMemoryRunStore();
  const runId = "run-cancel";
  expect(
    await runWorkflowInline({ workspaceId: "w", workflow, brief, store, registry, workflowRunId: runId }),
  ).toBeNull();
  const review = Object.values((await store.load(runId))?.approvals ?? {}).find(
    (a) => a.stepKey === "review",
  );
  const resumed = resumeWorkflowInline({
    store,
    registry,
    workflowRunId: runId,
    decision: { approvalId: review?.id, decision: "approve", decidedBy: "reviewer" },
  });
  while ((await store.load(runId))?.steps.publish?.status !== "running")
    await new Promise((r) => setTimeout(r, 5));
  await store.commit(runId, [{ type: "run_cancelled", reason: "cancelled by a user" }]);
  publishing.open();
  // The publisher's late result no longer fits the cancelled run: it is refused, nothing is written.
  await expect(resumed).rejects.toThrow("is skipped, not running");
  return { events: await store.events(runId), stored: (await store.load(runId)) as RunState };
}

/** What the engine makes of the first `count` events: the fetched view at that moment. */
function engineAfter(events: RunEvent[], count: number): RunOverview {
  const state = events.slice(0, count).reduce<RunState | undefined>(applyRunEvent, undefined);
  if (!state) throw new Error("no events");
  return runOverview(state);
}

const statuses = (o: RunOverview) => ({
  run: o.status,
  steps: Object.fromEntries(o.steps.map((s) => [s.key, s.status])),
  approvals: Object.fromEntries(o.approvals.map((a) => [a.id, a.status])),
});

describe.each([
  ["a failure that skips downstream steps and closes an approval, then a retry", recordFailureAndRetry],
  ["a cancel while a step runs and an approval is open", recordCancelWhileRunning],
])("replaying the recorded events of %s", (_name, record) => {
  it("gives the dashboard's fold the engine's state after every event, when it streams them live", async () => {
    const { events, stored } = await record();
    expect(engineAfter(events, events.length)).toEqual(runOverview(stored));
    let live = engineAfter(events, 1);
    for (let count = 2; count <= events.length; count++) {
      live = applyRunEventToOverview(live, events[count - 1] as RunEvent);
      expect(statuses(live), `after event ${count} (${events[count - 1]?.type})`).toEqual(
        statuses(engineAfter(events, count)),
      );
      expect(live).toEqual(engineAfter(events, count));
    }
  });

  it("changes nothing a fetched view already reflects, whatever part of the log a reconnect replays", async () => {
    const { events } = await record();
    const final = engineAfter(events, events.length);
    for (let fetched = 1; fetched <= events.length; fetched++) {
      const view = engineAfter(events, fetched);
      for (let seen = 0; seen <= fetched; seen++) {
        const folded = events.slice(seen).reduce(applyRunEventToOverview, view);
        expect(folded, `view after ${fetched} events, replayed from ${seen}`).toEqual(final);
      }
    }
  });
});

describe("the recorded runs", () => {
  it("skip the downstream steps of a failure and expire its open approval, in the dashboard too", async () => {
    const { events } = await recordFailureAndRetry();
    const failedAt = events.findIndex((e) => e.type === "run_failed");
    let view = engineAfter(events, 1);
    for (const event of events.slice(1, failedAt + 4)) view = applyRunEventToOverview(view, event);
    expect(statuses(view)).toEqual({
      run: "failed",
      steps: {
        draft: "succeeded",
        review: "skipped",
        publish: "skipped",
        scan: "failed",
        summary: "skipped",
      },
      approvals: { "run-failure:review:1": "expired" },
    });
  });

  it("skip the step running at a cancel and expire the approval still open, in the dashboard too", async () => {
    const { events } = await recordCancelWhileRunning();
    const view = events.slice(1).reduce(applyRunEventToOverview, engineAfter(events, 1));
    expect(statuses(view)).toEqual({
      run: "cancelled",
      steps: {
        draft: "succeeded",
        review: "succeeded",
        legal: "skipped",
        publish: "skipped",
        archive: "skipped",
      },
      approvals: { "run-cancel:review:1": "approved", "run-cancel:legal:1": "expired" },
    });
    expect(view.steps.find((s) => s.key === "publish")?.error).toBe("cancelled while running");
  });
});

describe("applyRunEventToOverview", () => {
  it("keeps what the overview carries besides the run, and returns it unchanged for an event that does not fit", async () => {
    const { events } = await recordCancelWhileRunning();
    const view = { ...engineAfter(events, events.length), usage: { costUsd: 0.12 } };
    const replayed = applyRunEventToOverview(view, events[2] as RunEvent);
    expect(replayed).toBe(view);
    const earlier = { ...engineAfter(events, 1), usage: { costUsd: 0 } };
    expect(applyRunEventToOverview(earlier, events[1] as RunEvent).usage).toEqual({ costUsd: 0 });
  });
});

describe("runProgress, isRunActive and the step predicates", () => {
  it("count the steps that succeeded out of all of them", () => {
    const steps = (["succeeded", "running", "skipped"] as const).map((status) => ({ status }));
    expect(runProgress({ steps } as RunOverview)).toEqual({ done: 1, total: 3 });
  });

  it("treat running and waiting runs as active and finished ones as not", () => {
    expect(isRunActive("running")).toBe(true);
    expect(isRunActive("waiting_approval")).toBe(true);
    expect(isRunActive("cancelled")).toBe(false);
  });

  it("tell steps with work in flight from steps whose clock runs", () => {
    expect(isStepMoving("queued")).toBe(true);
    expect(isStepMoving("waiting_approval")).toBe(false);
    expect(isStepInProgress("waiting_approval")).toBe(true);
    expect(isStepInProgress("queued")).toBe(false);
  });
});
