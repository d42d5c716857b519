import { LEGACY_DATA_SOURCE } from "../data/data-source.ts";
import { downstreamOf } from "../workflow/ancestors.ts";
import { approvalOptionsSchema } from "../workflow/nodes.ts";
import { RunTransitionError } from "./errors.ts";
import type { RunEventBody } from "./events.ts";
import {
  FINISHED_RUN_STATUSES,
  type RunState,
  type RunStatus,
  runApproval,
  runStep,
  SKIPPABLE_STEP_STATUSES,
  type StepState,
} from "./run-state.ts";

type Stamped = RunEventBody & { runId: string; at: string };

/**
 * The one place a run's state changes: applies one event, returning a new state. Pure; throws
 * RunTransitionError when the event does not fit (a stale attempt, a second decision...).
 */
export function applyRunEvent(state: RunState | undefined, event: Stamped): RunState {
  if (event.type === "run_created") {
    if (state) throw new RunTransitionError("invalid_transition", `run ${event.runId} exists already`);
    return {
      id: event.runId,
      workspaceId: event.workspaceId,
      brandId: event.brandId,
      workflowSlug: event.workflowSlug,
      workflowName: event.workflowName,
      brief: event.brief,
      dag: event.dag,
      dataSource: event.dataSource ?? LEGACY_DATA_SOURCE,
      status: "running",
      createdAt: event.at,
      steps: Object.fromEntries(
        event.dag.steps.map((s): [string, StepState] => [
          s.key,
          { key: s.key, status: "pending", attempts: 0, trace: [] },
        ]),
      ),
      approvals: {},
    };
  }
  if (!state) throw new RunTransitionError("invalid_transition", `run ${event.runId} does not exist`);
  const next: RunState = { ...state, steps: { ...state.steps }, approvals: { ...state.approvals } };
  const setStep = (key: string, change: Partial<StepState>) => {
    next.steps[key] = { ...stepOf(state, key), ...change };
  };
  const finished = FINISHED_RUN_STATUSES.includes(state.status);

  switch (event.type) {
    case "step_queued":
      expectStatus(state, event.stepKey, ["pending"]);
      setStep(event.stepKey, { status: "queued" });
      return next;
    case "step_started": {
      if (finished) throw new RunTransitionError("run_finished", `run is ${state.status}`, event.stepKey);
      // From `running` too, when the same queue job is handed out again because its worker died:
      // the dead attempt's late result is then refused as stale. Any other job finds it taken.
      const step = expectStatus(state, event.stepKey, ["queued", "running"]);
      if (step.status === "running" && (event.jobId === undefined || event.jobId !== step.jobId))
        throw new RunTransitionError(
          "invalid_transition",
          `step "${event.stepKey}" is running already`,
          event.stepKey,
        );
      if (event.attempt !== step.attempts + 1)
        throw new RunTransitionError(
          "stale_attempt",
          `attempt ${event.attempt} is not the next one`,
          event.stepKey,
        );
      setStep(event.stepKey, {
        status: "running",
        attempts: event.attempt,
        jobId: event.jobId,
        input: event.input,
        options: event.options,
        error: undefined,
        startedAt: event.at,
        finishedAt: undefined,
      });
      return next;
    }
    case "step_succeeded":
    case "step_failed": {
      const step = expectStatus(state, event.stepKey, ["running"]);
      if (event.attempt !== step.attempts)
        throw new RunTransitionError(
          "stale_attempt",
          `attempt ${event.attempt} is no longer current`,
          event.stepKey,
        );
      const trace = [...step.trace, ...event.trace.map((entry) => ({ ...entry, attempt: event.attempt }))];
      if (event.type === "step_succeeded")
        setStep(event.stepKey, { status: "succeeded", output: event.output, trace, finishedAt: event.at });
      else
        setStep(event.stepKey, {
          status: event.retrying && !finished ? "queued" : "failed",
          error: event.error,
          trace,
          finishedAt: event.at,
        });
      return next;
    }
    case "step_skipped":
      expectStatus(state, event.stepKey, SKIPPABLE_STEP_STATUSES);
      // Only the end of a run skips steps; a retry may bring a skipped step back, never the reverse.
      if (!finished)
        throw new RunTransitionError(
          "invalid_transition",
          `run is ${state.status}, not finished`,
          event.stepKey,
        );
      setStep(event.stepKey, { status: "skipped", error: event.reason });
      // A gate that will never be decided: its approval expires rather than waiting forever.
      for (const approval of Object.values(state.approvals))
        if (approval.stepKey === event.stepKey && approval.status === "pending")
          next.approvals[approval.id] = { ...approval, status: "expired", decidedAt: event.at };
      return next;
    case "step_retried": {
      expectStatus(state, event.stepKey, ["failed"]);
      if (state.status !== "failed")
        throw new RunTransitionError("invalid_transition", `run is ${state.status}, not failed`);
      // Everything the failure stopped runs again: every failed step, the steps skipped when the run
      // ended, and all that follows them. Outputs upstream are kept.
      const stopped = Object.values(state.steps).filter(
        (s) => s.status === "failed" || s.status === "skipped",
      );
      const again = new Set(stopped.flatMap((s) => [...downstreamOf(state.dag.steps, s.key)]));
      for (const key of again) {
        if (stepOf(state, key).status === "running")
          throw new RunTransitionError("invalid_transition", `step "${key}" is still running`, key);
        setStep(key, { status: "pending", output: undefined, error: undefined, finishedAt: undefined });
      }
      next.status = "running";
      next.error = undefined;
      next.finishedAt = undefined;
      return next;
    }
    case "approval_requested":
      expectStatus(state, event.stepKey, ["pending"]);
      if (runApproval(state, event.approvalId))
        throw new RunTransitionError(
          "invalid_transition",
          `approval ${event.approvalId} exists already`,
          event.stepKey,
        );
      setStep(event.stepKey, { status: "waiting_approval", startedAt: event.at, attempts: 1 });
      next.approvals[event.approvalId] = {
        id: event.approvalId,
        stepKey: event.stepKey,
        field: event.field,
        value: event.value,
        status: "pending",
        requestedAt: event.at,
        expiresAt: expiryOf(state, event.stepKey, event.at),
      };
      return next;
    case "approval_decided": {
      const approval = runApproval(state, event.approvalId);
      if (!approval) throw new RunTransitionError("approval_not_found", `no approval ${event.approvalId}`);
      if (approval.status !== "pending")
        throw new RunTransitionError("approval_already_decided", `approval was ${approval.status} already`);
      if (finished) throw new RunTransitionError("run_finished", `run is ${state.status}`, approval.stepKey);
      const approved = event.decision === "approve";
      const value = event.editedValue !== undefined ? event.editedValue : approval.value;
      next.approvals[event.approvalId] = {
        ...approval,
        status: approved ? "approved" : "rejected",
        editedValue: event.editedValue,
        decidedBy: event.decidedBy,
        comment: event.comment,
        decidedAt: event.at,
      };
      setStep(
        approval.stepKey,
        approved
          ? { status: "succeeded", output: { [approval.field]: value }, finishedAt: event.at }
          : { status: "rejected", error: event.comment ?? "rejected", finishedAt: event.at },
      );
      return next;
    }
    case "approval_expired": {
      const approval = runApproval(state, event.approvalId);
      if (!approval) throw new RunTransitionError("approval_not_found", `no approval ${event.approvalId}`);
      if (approval.status !== "pending")
        throw new RunTransitionError("approval_already_decided", `approval was ${approval.status} already`);
      next.approvals[event.approvalId] = { ...approval, status: "expired", decidedAt: event.at };
      setStep(approval.stepKey, {
        status: "rejected",
        error: "approval expired unanswered",
        finishedAt: event.at,
      });
      return next;
    }
    // The run's own transitions fit only the state settleRun emits them in, so that a stale one
    // (replayed onto a copy that is further along) is refused rather than winding the run back.
    case "run_waiting_approval":
      expectRunStatus(state, ["running"]);
      return { ...next, status: "waiting_approval" };
    case "run_resumed":
      expectRunStatus(state, ["waiting_approval"]);
      return { ...next, status: "running" };
    case "run_succeeded":
      expectRunStatus(state, ["running", "waiting_approval"]);
      if (!Object.values(state.steps).every((s) => s.status === "succeeded"))
        throw new RunTransitionError("invalid_transition", "not every step succeeded");
      return { ...next, status: "succeeded", report: event.report, finishedAt: event.at };
    case "run_failed":
      expectRunStatus(state, ["running", "waiting_approval"]);
      if (!Object.values(state.steps).some((s) => s.status === "failed"))
        throw new RunTransitionError("invalid_transition", "no step failed");
      return { ...next, status: "failed", error: event.error, finishedAt: event.at };
    case "run_rejected":
      expectRunStatus(state, ["running", "waiting_approval"]);
      expectStatus(state, event.stepKey, ["rejected"]);
      return { ...next, status: "rejected", error: event.comment ?? "rejected", finishedAt: event.at };
    case "run_cancelled":
      if (finished) throw new RunTransitionError("run_finished", `run is ${state.status}`);
      // Steps in flight end here too; their workers' late results are then refused and dropped.
      for (const step of Object.values(state.steps))
        if (step.status === "running")
          setStep(step.key, { status: "skipped", error: "cancelled while running", finishedAt: event.at });
      return { ...next, status: "cancelled", error: event.reason ?? "cancelled", finishedAt: event.at };
  }
}

/**
 * applyRunEvent for a copy of a run that may already be past the event, such as a dashboard's
 * fetched view while its subscription replays the backlog: an event that does not fit changes
 * nothing instead of throwing. Events the copy already reflects are then harmless.
 * @example
 * const view = events.reduce(applyRunEventLenient, fetched); // fetched may be ahead of any of them
 */
export function applyRunEventLenient(state: RunState, event: Stamped): RunState {
  try {
    return applyRunEvent(state, event);
  } catch (error) {
    if (error instanceof RunTransitionError) return state;
    throw error;
  }
}

function expectRunStatus(state: RunState, allowed: RunStatus[]): void {
  if (allowed.includes(state.status)) return;
  const code = FINISHED_RUN_STATUSES.includes(state.status) ? "run_finished" : "invalid_transition";
  throw new RunTransitionError(code, `run is ${state.status}, not ${allowed.join(" or ")}`);
}

function stepOf(state: RunState, key: string): StepState {
  const step = runStep(state, key);
  if (!step) throw new RunTransitionError("unknown_step", `run has no step "${key}"`, key);
  return step;
}

function expectStatus(state: RunState, key: string, allowed: readonly StepState["status"][]): StepState {
  const step = stepOf(state, key);
  if (!allowed.includes(step.status))
    throw new RunTransitionError(
      "invalid_transition",
      `step "${key}" is ${step.status}, not ${allowed.join(" or ")}`,
      key,
    );
  return step;
}

/** The gate's `expires_in_hours` after `at`, when it has one. */
function expiryOf(state: RunState, stepKey: string, at: string): string | undefined {
  const gate = state.dag.steps.find((s) => s.key === stepKey);
  const options = gate?.kind === "approval" ? gate.options : undefined;
  const hours = approvalOptionsSchema.safeParse(options ?? {}).data?.expires_in_hours;
  return hours === undefined ? undefined : new Date(Date.parse(at) + hours * 3_600_000).toISOString();
}
