import { describe, expect, it } from "vitest";
import type { RunEvent, RunView } from "../api/trpc.ts";
import { applyRunEvent, isRunActive, runProgress } from "./apply-run-event.ts";

const AT = "2025-01-01T10:00:00.000Z";

function view(statuses: Record<string, RunView["steps"][number]["status"]>): RunView {
  return {
    id: "run-1",
    workflowSlug: "profile_audit",
    definitionVersion: "0123456789ab",
    workflowName: "Profile audit",
    brief: { handle: "lakucosmetics", targetType: "brand" },
    status: "running",
    report: null,
    error: null,
    createdAt: AT,
    finishedAt: null,
    usage: {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      estimate: false,
    },
    steps: Object.entries(statuses).map(([key, status]) => ({
      key,
      label: key,
      kind: "agent" as const,
      agentName: key,
      dependsOn: [],
      status,
      attempts: 0,
      error: null,
      startedAt: null,
      finishedAt: null,
    })),
    approvals: [],
  };
}

const event = (body: Record<string, unknown>, id = 1) =>
  ({ id, runId: "run-1", at: AT, ...body }) as unknown as RunEvent;

const statusOf = (v: RunView, key: string) => v.steps.find((s) => s.key === key)?.status;

describe("applyRunEvent", () => {
  it("moves a step through queued, running and succeeded", () => {
    let v = view({ a: "pending" });
    v = applyRunEvent(v, event({ type: "step_queued", stepKey: "a" }));
    expect(statusOf(v, "a")).toBe("queued");
    v = applyRunEvent(v, event({ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }));
    expect(statusOf(v, "a")).toBe("running");
    expect(v.steps[0]?.startedAt).toBe(AT);
    v = applyRunEvent(v, event({ type: "step_succeeded", stepKey: "a", attempt: 1, output: {}, trace: [] }));
    expect(statusOf(v, "a")).toBe("succeeded");
  });

  it("puts a failed attempt that will be retried back in the queue", () => {
    const v = applyRunEvent(
      view({ a: "running" }),
      event({ type: "step_failed", stepKey: "a", attempt: 1, error: "boom", trace: [], retrying: true }),
    );
    expect(statusOf(v, "a")).toBe("queued");
    expect(v.steps[0]?.error).toBe("boom");
  });

  it("ignores replayed events the view is already past, so a reconnect backlog changes nothing", () => {
    const current = view({ a: "succeeded", b: "running" });
    const backlog = [
      event({ type: "run_created" }, 1),
      event({ type: "step_queued", stepKey: "a" }, 2),
      event({ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }, 3),
      event({ type: "step_succeeded", stepKey: "a", attempt: 1, output: {}, trace: [] }, 4),
      event({ type: "step_queued", stepKey: "b" }, 5),
    ];
    expect(backlog.reduce(applyRunEvent, current)).toEqual(current);
  });

  it("ignores a replayed start of an attempt the view has seen", () => {
    const current = view({ a: "running" });
    const running = {
      ...current,
      steps: current.steps.map((s) => ({ ...s, attempts: 2, startedAt: "later" })),
    };
    const v = applyRunEvent(
      running,
      event({ type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} }),
    );
    expect(v).toBe(running);
  });

  it("ignores events about steps the run does not have", () => {
    const current = view({ a: "pending" });
    expect(applyRunEvent(current, event({ type: "step_queued", stepKey: "nope" }))).toBe(current);
  });

  it("opens an approval and marks the gate as waiting, once", () => {
    const requested = event({
      type: "approval_requested",
      stepKey: "gate",
      approvalId: "ap-1",
      field: "hashtags",
      value: ["#a"],
    });
    let v = applyRunEvent(view({ gate: "pending" }), requested);
    v = applyRunEvent(v, requested);
    expect(statusOf(v, "gate")).toBe("waiting_approval");
    expect(v.approvals).toEqual([{ id: "ap-1", stepKey: "gate", field: "hashtags", status: "pending" }]);
  });

  it("records a rejection on the gate and on its approval", () => {
    let v = applyRunEvent(
      view({ gate: "pending" }),
      event({ type: "approval_requested", stepKey: "gate", approvalId: "ap-1", field: "f", value: 1 }),
    );
    v = applyRunEvent(
      v,
      event({
        type: "approval_decided",
        stepKey: "gate",
        approvalId: "ap-1",
        decision: "reject",
        decidedBy: "me",
        comment: "off brand",
      }),
    );
    v = applyRunEvent(v, event({ type: "run_rejected", stepKey: "gate", comment: "off brand" }));
    expect(statusOf(v, "gate")).toBe("rejected");
    expect(v.approvals[0]?.status).toBe("rejected");
    expect(v.status).toBe("rejected");
    expect(v.error).toBe("off brand");
  });

  it("does not let a stale waiting or resumed event reopen a finished run", () => {
    const done = { ...view({}), status: "succeeded" as const };
    expect(applyRunEvent(done, event({ type: "run_waiting_approval" })).status).toBe("succeeded");
    expect(applyRunEvent(done, event({ type: "run_resumed" })).status).toBe("succeeded");
  });

  it("sets the run running again on a retry, even when replayed after the failure", () => {
    const failed = { ...view({ a: "failed", b: "skipped" }), status: "failed" as const, error: "boom" };
    const v = applyRunEvent(failed, event({ type: "step_retried", stepKey: "a" }));
    expect(v.status).toBe("running");
    expect(v.error).toBeNull();
    expect(statusOf(v, "a")).toBe("pending");
  });

  it("keeps the report a run succeeded with", () => {
    const v = applyRunEvent(view({}), event({ type: "run_succeeded", report: "# Report" }));
    expect(v.status).toBe("succeeded");
    expect(v.report).toBe("# Report");
    expect(v.finishedAt).toBe(AT);
  });
});

describe("runProgress and isRunActive", () => {
  it("counts the steps that succeeded out of all of them", () => {
    expect(runProgress(view({ a: "succeeded", b: "running", c: "skipped" }))).toEqual({ done: 1, total: 3 });
  });

  it("treats running and waiting runs as active and finished ones as not", () => {
    expect(isRunActive("running")).toBe(true);
    expect(isRunActive("waiting_approval")).toBe(true);
    expect(isRunActive("cancelled")).toBe(false);
  });
});
