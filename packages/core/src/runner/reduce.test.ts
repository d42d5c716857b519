import { describe, expect, it } from "vitest";
import type { DagJson } from "../workflow/dag-json.ts";
import { RunTransitionError } from "./errors.ts";
import type { RunEventBody } from "./events.ts";
import { applyRunEvent, applyRunEventLenient } from "./reduce.ts";
import type { RunState } from "./run-state.ts";

const dag: DagJson = {
  version: 1,
  steps: [
    { key: "a", kind: "agent", agentName: "x", label: "A" },
    { key: "b", kind: "agent", agentName: "x", label: "B", dependsOn: ["a"] },
  ],
};
const meta = { runId: "r1", at: "2026-11-01T00:00:00.000Z" };

function fold(...events: RunEventBody[]): RunState {
  const state = events.reduce<RunState | undefined>((s, e) => applyRunEvent(s, { ...e, ...meta }), undefined);
  if (!state) throw new Error("no events");
  return state;
}

const created: RunEventBody = {
  type: "run_created",
  workspaceId: "w",
  workflowSlug: "t",
  workflowName: "T",
  brief: { handle: "x", targetType: "brand" },
  dag,
};
const failedA: RunEventBody[] = [
  { type: "step_queued", stepKey: "a" },
  { type: "step_started", stepKey: "a", attempt: 1, input: {}, options: {} },
  { type: "step_failed", stepKey: "a", attempt: 1, error: "boom", trace: [], retrying: false },
];

describe("applyRunEvent on the run's own transitions", () => {
  it("reads a run created before runs carried a data source as offline, and keeps a recorded one", () => {
    expect(fold(created).dataSource).toBe("offline");
    expect(fold({ ...created, dataSource: "tiktok" }).dataSource).toBe("tiktok");
  });

  it("fails a run only when one of its steps failed", () => {
    expect(() => fold(created, { type: "run_failed", error: "boom" })).toThrow(RunTransitionError);
    expect(fold(created, ...failedA, { type: "run_failed", error: "boom" }).status).toBe("failed");
  });

  it("skips steps only once the run has ended", () => {
    expect(() => fold(created, { type: "step_skipped", stepKey: "b", reason: "x" })).toThrow(
      "run is running, not finished",
    );
    const failed = fold(created, ...failedA, { type: "run_failed", error: "boom" });
    expect(
      applyRunEvent(failed, { type: "step_skipped", stepKey: "b", reason: "run failed", ...meta }).steps.b,
    ).toMatchObject({ status: "skipped", error: "run failed" });
  });

  it("never winds a finished run back to waiting or running", () => {
    const failed = fold(created, ...failedA, { type: "run_failed", error: "boom" });
    for (const type of ["run_waiting_approval", "run_resumed"] as const)
      expect(() => applyRunEvent(failed, { type, ...meta })).toThrow(
        expect.objectContaining({ code: "run_finished" }),
      );
  });

  it("succeeds a run only when every step succeeded", () => {
    expect(() => fold(created, { type: "run_succeeded" })).toThrow("not every step succeeded");
  });
});

describe("applyRunEvent with keys from callers", () => {
  it("finds no step or approval under the name of an inherited property", () => {
    const failed = fold(created, ...failedA, { type: "run_failed", error: "boom" });
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(() => applyRunEvent(failed, { type: "step_retried", stepKey: key, ...meta }), key).toThrow(
        expect.objectContaining({ code: "unknown_step" }),
      );
      for (const type of ["approval_decided", "approval_expired"] as const)
        expect(() =>
          applyRunEvent(failed, {
            type,
            stepKey: "a",
            approvalId: key,
            decision: "approve",
            decidedBy: "someone",
            ...meta,
          } as RunEventBody & typeof meta),
        ).toThrow(expect.objectContaining({ code: "approval_not_found" }));
    }
  });
});

describe("applyRunEventLenient", () => {
  it("returns the same state for an event that does not fit, and applies one that does", () => {
    const failed = fold(created, ...failedA, { type: "run_failed", error: "boom" });
    expect(applyRunEventLenient(failed, { type: "run_resumed", ...meta })).toBe(failed);
    expect(applyRunEventLenient(failed, { type: "step_retried", stepKey: "a", ...meta }).status).toBe(
      "running",
    );
  });
});
