import type { RunEvent, RunStep, RunView, StepStatus } from "../api/trpc.ts";

const FINISHED_RUN = new Set<RunView["status"]>(["succeeded", "failed", "rejected", "cancelled"]);

/**
 * Applies one streamed event to the run as `runs.get` showed it, so the DAG changes colour the
 * moment the event arrives; the page refetches `runs.get` right after for timings and usage.
 *
 * Unlike the engine's reducer this one never throws: an event that does not fit the step's current
 * status is ignored. That makes the backlog a subscription replays on (re)connect harmless: events
 * the fetched view already reflects find their steps further along and change nothing.
 *
 * @example
 * queryClient.setQueryData(key, (view) => view && applyRunEvent(view, event));
 */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case "run_created":
      return view;
    case "step_queued":
      return withStep(view, event.stepKey, ["pending"], { status: "queued" });
    case "step_started":
      // A replayed start of an attempt the view has seen already would rewind its start time.
      if ((view.steps.find((s) => s.key === event.stepKey)?.attempts ?? 0) >= event.attempt) return view;
      return withStep(view, event.stepKey, ["queued", "running"], {
        status: "running",
        attempts: event.attempt,
        error: null,
        startedAt: event.at,
        finishedAt: null,
      });
    case "step_succeeded":
      return withStep(view, event.stepKey, ["running"], { status: "succeeded", finishedAt: event.at });
    case "step_failed":
      return withStep(view, event.stepKey, ["running"], {
        status: event.retrying ? "queued" : "failed",
        error: event.error,
        finishedAt: event.at,
      });
    case "step_skipped":
      return withStep(view, event.stepKey, ["pending", "queued", "waiting_approval"], {
        status: "skipped",
        error: event.reason,
      });
    case "step_retried":
      // The run is running again whatever the step shows: replaying a history with a retry in it
      // must not leave the run at the failure that came before the retry.
      return {
        ...withStep(view, event.stepKey, ["failed"], { status: "pending", error: null, finishedAt: null }),
        status: "running",
        error: null,
        finishedAt: null,
      };
    case "approval_requested":
      return {
        ...withStep(view, event.stepKey, ["pending"], { status: "waiting_approval", startedAt: event.at }),
        approvals: view.approvals.some((a) => a.id === event.approvalId)
          ? view.approvals
          : [
              ...view.approvals,
              { id: event.approvalId, stepKey: event.stepKey, field: event.field, status: "pending" },
            ],
      };
    case "approval_decided": {
      const approved = event.decision === "approve";
      const stepped = withStep(view, event.stepKey, ["waiting_approval"], {
        status: approved ? "succeeded" : "rejected",
        finishedAt: event.at,
        error: approved ? null : (event.comment ?? "rejected"),
      });
      return {
        ...stepped,
        approvals: view.approvals.map((a) =>
          a.id === event.approvalId && a.status === "pending"
            ? { ...a, status: approved ? ("approved" as const) : ("rejected" as const) }
            : a,
        ),
      };
    }
    case "approval_expired":
      return {
        ...withStep(view, event.stepKey, ["waiting_approval"], {
          status: "rejected",
          finishedAt: event.at,
          error: "approval expired unanswered",
        }),
        approvals: view.approvals.map((a) =>
          a.id === event.approvalId && a.status === "pending" ? { ...a, status: "expired" as const } : a,
        ),
      };
    case "run_waiting_approval":
      return FINISHED_RUN.has(view.status) ? view : { ...view, status: "waiting_approval" };
    case "run_resumed":
      return FINISHED_RUN.has(view.status) ? view : { ...view, status: "running" };
    case "run_succeeded":
      return { ...view, status: "succeeded", report: event.report ?? view.report, finishedAt: event.at };
    case "run_failed":
      return { ...view, status: "failed", error: event.error, finishedAt: event.at };
    case "run_rejected":
      return { ...view, status: "rejected", error: event.comment ?? "rejected", finishedAt: event.at };
    case "run_cancelled":
      return { ...view, status: "cancelled", error: event.reason ?? "cancelled", finishedAt: event.at };
  }
}

function withStep(
  view: RunView,
  key: string,
  from: readonly StepStatus[],
  change: Partial<Pick<RunStep, "status" | "attempts" | "error" | "startedAt" | "finishedAt">>,
): RunView {
  const step = view.steps.find((s) => s.key === key);
  if (!step || !from.includes(step.status)) return view;
  return { ...view, steps: view.steps.map((s) => (s.key === key ? { ...s, ...change } : s)) };
}

/** Steps that succeeded, and all steps: the header's "n/m steps". */
export function runProgress(view: Pick<RunView, "steps">): { done: number; total: number } {
  const done = view.steps.filter((s) => s.status === "succeeded").length;
  return { done, total: view.steps.length };
}

/** True while the run can still change without a retry (running, or waiting for a human). */
export function isRunActive(status: RunView["status"]): boolean {
  return !FINISHED_RUN.has(status);
}
