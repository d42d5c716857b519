import { describe, expect, it } from "vitest";
import type { DagJson } from "../workflow/dag-json.ts";
import { RunTransitionError } from "./errors.ts";
import type { RunEventBody } from "./events.ts";
import type { RunState } from "./run-state.ts";
import { settleRun } from "./settle.ts";

const dag: DagJson = {
  version: 1,
  steps: [
    { key: "a", kind: "agent", agentName: "x", label: "A" },
    { key: "b", kind: "agent", agentName: "x", label: "B" },
    { key: "gate", kind: "approval", label: "Gate", dependsOn: ["a"], targetOutputField: "tags" },
    { key: "report", kind: "synthesis", label: "Report", dependsOn: ["gate", "b"] },
  ],
};
const meta = { runId: "r1", at: "2026-11-01T00:00:00.000Z" };
const created: RunEventBody = {
  type: "run_created",
  workspaceId: "w",
  workflowSlug: "t",
  workflowName: "T",
  brief: { handle: "x", targetType: "brand" },
  dag,
};

function step(state: RunState, key: string, output: unknown, attempt = 1): RunState {
  return settleRun(
    settleRun(state, [{ type: "step_started", stepKey: key, attempt, input: {}, options: {} }], meta).state,
    [{ type: "step_succeeded", stepKey: key, attempt, output, trace: [] }],
    meta,
  ).state;
}

describe("settleRun", () => {
  it("queues the steps without dependencies when a run is created", () => {
    const { state, applied } = settleRun(undefined, [created], meta);
    expect(applied.map((e) => e.type)).toEqual(["run_created", "step_queued", "step_queued"]);
    expect(state.steps.gate?.status).toBe("pending");
  });

  it("opens an approval with the gated field's value, then waits when nothing else can move", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = step(state, "a", { tags: ["#x"] });
    expect(Object.values(state.approvals)[0]).toMatchObject({
      field: "tags",
      value: ["#x"],
      status: "pending",
    });
    expect(state.status).toBe("running");
    state = step(state, "b", {});
    expect(state.status).toBe("waiting_approval");
  });

  it("after approval queues what follows and finishes with the synthesis report", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = step(step(state, "a", { tags: ["#x"] }), "b", {});
    const approvalId = Object.keys(state.approvals)[0] as string;
    state = settleRun(
      state,
      [{ type: "approval_decided", stepKey: "gate", approvalId, decision: "approve", decidedBy: "m" }],
      meta,
    ).state;
    expect(state.status).toBe("running");
    expect(state.steps.report?.status).toBe("queued");
    state = step(state, "report", { markdown: "# Done" });
    expect(state).toMatchObject({ status: "succeeded", report: "# Done" });
  });

  it("refuses a completion from an attempt that is no longer current (fencing)", () => {
    const state = settleRun(
      settleRun(undefined, [created], meta).state,
      [{ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }],
      meta,
    ).state;
    const stale = () =>
      settleRun(state, [{ type: "step_succeeded", stepKey: "a", attempt: 2, output: {}, trace: [] }], meta);
    expect(stale).toThrow(RunTransitionError);
    expect(stale).toThrow(/attempt 2/);
  });

  it("lets the same queue job take over a step whose worker died, refusing the dead attempt's result", () => {
    const start = (state: RunState, attempt: number, jobId: string) =>
      settleRun(state, [{ type: "step_started", stepKey: "a", attempt, input: {}, options: {}, jobId }], meta)
        .state;
    const running = start(settleRun(undefined, [created], meta).state, 1, "job-1");
    // A duplicate job must not start the step a second time while it runs.
    expect(() => start(running, 2, "job-2")).toThrow(/running already/);
    const takenOver = start(running, 2, "job-1");
    expect(takenOver.steps.a).toMatchObject({ status: "running", attempts: 2 });
    const late = () =>
      settleRun(
        takenOver,
        [{ type: "step_succeeded", stepKey: "a", attempt: 1, output: {}, trace: [] }],
        meta,
      );
    expect(late).toThrow(/no longer current/);
  });

  it("on cancel ends the steps in flight and refuses their late results", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = settleRun(
      state,
      [{ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }],
      meta,
    ).state;
    state = settleRun(state, [{ type: "run_cancelled", reason: "stop" }], meta).state;
    expect(state.status).toBe("cancelled");
    expect(state.steps.a).toMatchObject({ status: "skipped", error: "cancelled while running" });
    expect(state.steps.b?.status).toBe("skipped");
    const late = () =>
      settleRun(state, [{ type: "step_succeeded", stepKey: "a", attempt: 1, output: {}, trace: [] }], meta);
    expect(late).toThrow(RunTransitionError);
  });

  it("expires the open approval of a run that ends before anyone decides", () => {
    let state = step(settleRun(undefined, [created], meta).state, "a", { tags: ["#x"] });
    state = settleRun(state, [{ type: "run_cancelled", reason: "stop" }], meta).state;
    expect(state.steps.gate?.status).toBe("skipped");
    expect(Object.values(state.approvals)[0]?.status).toBe("expired");
  });

  it("gives an approval its gate's expiry, and ends the run as rejected when it expires unanswered", () => {
    const timed: RunEventBody = {
      ...created,
      dag: {
        ...dag,
        steps: dag.steps.map((s) => (s.key === "gate" ? { ...s, options: { expires_in_hours: 48 } } : s)),
      },
    } as RunEventBody;
    let state = step(settleRun(undefined, [timed], meta).state, "a", { tags: ["#x"] });
    const approval = Object.values(state.approvals)[0];
    expect(approval?.expiresAt).toBe("2026-11-03T00:00:00.000Z");
    state = settleRun(
      state,
      [{ type: "approval_expired", stepKey: "gate", approvalId: approval?.id ?? "" }],
      meta,
    ).state;
    expect(state).toMatchObject({ status: "rejected", error: "approval expired unanswered" });
    expect(Object.values(state.approvals)[0]?.status).toBe("expired");
  });

  it("re-running a failed step also revives the steps its failure skipped", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = settleRun(
      state,
      [{ type: "step_started", stepKey: "b", attempt: 1, input: {}, options: {} }],
      meta,
    ).state;
    state = settleRun(
      state,
      [{ type: "step_failed", stepKey: "b", attempt: 1, error: "x", trace: [], retrying: false }],
      meta,
    ).state;
    // "a" had not started: the failure skipped it.
    expect(state.steps.a?.status).toBe("skipped");
    state = settleRun(state, [{ type: "step_retried", stepKey: "b" }], meta).state;
    expect(state.status).toBe("running");
    expect(state.steps.a?.status).toBe("queued");
    expect(state.steps.b?.status).toBe("queued");
  });

  it("fails the run when a step fails without retry, skipping the steps that had not started", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = settleRun(
      state,
      [{ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }],
      meta,
    ).state;
    const { state: failed, applied } = settleRun(
      state,
      [{ type: "step_failed", stepKey: "a", attempt: 1, error: "boom", trace: [], retrying: false }],
      meta,
    );
    expect(failed).toMatchObject({ status: "failed", error: 'step "a" failed: boom' });
    expect(failed.steps.b?.status).toBe("skipped");
    expect(applied.map((e) => e.type)).toEqual([
      "step_failed",
      "run_failed",
      "step_skipped",
      "step_skipped",
      "step_skipped",
    ]);
  });

  it("re-runs a failed step and what follows it, keeping the other outputs", () => {
    let state = settleRun(undefined, [created], meta).state;
    state = step(state, "b", { kept: true });
    state = settleRun(
      state,
      [{ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }],
      meta,
    ).state;
    state = settleRun(
      state,
      [{ type: "step_failed", stepKey: "a", attempt: 1, error: "x", trace: [], retrying: false }],
      meta,
    ).state;
    state = settleRun(state, [{ type: "step_retried", stepKey: "a" }], meta).state;
    expect(state.status).toBe("running");
    expect(state.steps.a).toMatchObject({ status: "queued", attempts: 1 });
    expect(state.steps.b).toMatchObject({ status: "succeeded", output: { kept: true } });
    expect(step(state, "a", { tags: [] }, 2).steps.gate?.status).toBe("waiting_approval");
  });
});
