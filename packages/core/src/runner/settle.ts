import type { RunEventBody } from "./events.ts";
import { applyRunEvent } from "./reduce.ts";
import { FINISHED_RUN_STATUSES, type RunState, SKIPPABLE_STEP_STATUSES } from "./run-state.ts";

/**
 * Applies events, then the events they imply, until nothing more follows: steps whose
 * dependencies are done get queued (approval gates open instead), a failed or rejected step ends
 * the run and skips what was left, a run whose steps all succeeded succeeds. Pure; the store
 * persists everything it returns in one transaction, so a crash never leaves half a transition.
 */
export function settleRun(
  state: RunState | undefined,
  events: readonly RunEventBody[],
  meta: { runId: string; at: string },
): { state: RunState; applied: RunEventBody[] } {
  let current = state;
  const applied: RunEventBody[] = [];
  for (const event of events) {
    current = applyRunEvent(current, { ...event, ...meta });
    applied.push(event);
  }
  if (!current) throw new Error("settleRun needs a run: pass run_created first");
  let settled: RunState = current;
  for (let next = followUp(settled); next.length > 0; next = followUp(settled)) {
    for (const event of next) {
      settled = applyRunEvent(settled, { ...event, ...meta });
      applied.push(event);
    }
  }
  return { state: settled, applied };
}

/** The events implied by the current state; empty when it is settled. */
export function followUp(state: RunState): RunEventBody[] {
  const steps = state.dag.steps;
  const status = (key: string) => state.steps[key]?.status;

  if (FINISHED_RUN_STATUSES.includes(state.status)) {
    return steps
      .filter((s) => SKIPPABLE_STEP_STATUSES.some((skippable) => skippable === status(s.key)))
      .map((s) => ({ type: "step_skipped", stepKey: s.key, reason: `run ${state.status}` }));
  }
  const failed = steps.find((s) => status(s.key) === "failed");
  if (failed)
    return [{ type: "run_failed", error: `step "${failed.key}" failed: ${state.steps[failed.key]?.error}` }];
  const rejected = steps.find((s) => status(s.key) === "rejected");
  if (rejected)
    return [{ type: "run_rejected", stepKey: rejected.key, comment: state.steps[rejected.key]?.error }];

  const ready = steps.filter(
    (s) => status(s.key) === "pending" && (s.dependsOn ?? []).every((d) => status(d) === "succeeded"),
  );
  if (ready.length > 0) return ready.map((s) => start(state, s));

  if (steps.every((s) => status(s.key) === "succeeded")) {
    const synthesis = steps.find((s) => s.kind === "synthesis");
    const report = synthesis
      ? (state.steps[synthesis.key]?.output as { markdown?: string } | undefined)?.markdown
      : undefined;
    return [{ type: "run_succeeded", report }];
  }
  const moving = steps.some((s) => status(s.key) === "queued" || status(s.key) === "running");
  const waiting = steps.some((s) => status(s.key) === "waiting_approval");
  if (state.status === "running" && !moving && waiting) return [{ type: "run_waiting_approval" }];
  if (state.status === "waiting_approval" && moving) return [{ type: "run_resumed" }];
  return [];
}

type DagStep = RunState["dag"]["steps"][number];

/** A step whose dependencies are done: an approval gate opens, any other step is queued to run. */
function start(state: RunState, step: DagStep): RunEventBody {
  switch (step.kind) {
    case "approval":
      return requestApproval(state, step);
    case "agent":
    case "synthesis":
      return { type: "step_queued", stepKey: step.key };
  }
}

function requestApproval(state: RunState, step: Extract<DagStep, { kind: "approval" }>): RunEventBody {
  const field = step.targetOutputField;
  const gated = state.steps[step.dependsOn?.[0] ?? ""]?.output as Record<string, unknown> | undefined;
  const round = Object.values(state.approvals).filter((a) => a.stepKey === step.key).length + 1;
  return {
    type: "approval_requested",
    stepKey: step.key,
    approvalId: `${state.id}:${step.key}:${round}`,
    field,
    value: gated?.[field],
  };
}
