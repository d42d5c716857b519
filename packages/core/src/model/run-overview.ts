import type { DataSource } from "../data/data-source.ts";
import type { RunEventBody } from "../runner/events.ts";
import { applyRunEventLenient } from "../runner/reduce.ts";
import {
  type ApprovalStatus,
  FINISHED_RUN_STATUSES,
  type RunState,
  type RunStatus,
  type StepStatus,
} from "../runner/run-state.ts";
import type { RunBrief } from "../workflow/brief.ts";
import type { DagJson } from "../workflow/dag-json.ts";
import type { StepKind } from "../workflow/types.ts";

/** A run as a dashboard draws it: its DAG with each step's status and timings, not the steps' data. */
export interface RunOverview {
  id: string;
  workflowSlug: string;
  workflowName: string;
  brief: RunBrief;
  /** Where the run's TikTok data comes from: `offline` is invented demo data. */
  dataSource: DataSource;
  status: RunStatus;
  report: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** In the order of the run's DAG snapshot. */
  steps: StepOverview[];
  approvals: ApprovalOverview[];
}

/** What a step does; `agentName` is set on agent steps only, so clients switch on `kind`, not on names. */
export type StepKindView =
  | { kind: "agent"; agentName: string }
  | { kind: Exclude<StepKind, "agent">; agentName: null };

export type StepOverview = StepKindView & {
  key: string;
  label: string;
  dependsOn: string[];
  status: StepStatus;
  attempts: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

export function stepKindView(
  step: { kind: "agent"; agentName: string } | { kind: Exclude<StepKind, "agent"> },
): StepKindView {
  switch (step.kind) {
    case "agent":
      return { kind: step.kind, agentName: step.agentName };
    case "approval":
    case "synthesis":
      return { kind: step.kind, agentName: null };
  }
}

export interface ApprovalOverview {
  id: string;
  stepKey: string;
  field: string;
  status: ApprovalStatus;
}

/** The overview of a run's state; the API's run view is this plus usage and the definition version. */
export function runOverview(state: RunState): RunOverview {
  return {
    id: state.id,
    workflowSlug: state.workflowSlug,
    workflowName: state.workflowName,
    brief: state.brief,
    dataSource: state.dataSource,
    status: state.status,
    report: state.report ?? null,
    error: state.error ?? null,
    createdAt: state.createdAt,
    finishedAt: state.finishedAt ?? null,
    steps: state.dag.steps.map((def) => {
      const step = state.steps[def.key];
      return {
        key: def.key,
        label: def.label,
        ...stepKindView(def),
        dependsOn: def.dependsOn ?? [],
        status: step?.status ?? "pending",
        attempts: step?.attempts ?? 0,
        error: step?.error ?? null,
        startedAt: step?.startedAt ?? null,
        finishedAt: step?.finishedAt ?? null,
      };
    }),
    approvals: Object.values(state.approvals).map((a) => ({
      id: a.id,
      stepKey: a.stepKey,
      field: a.field,
      status: a.status,
    })),
  };
}

/**
 * Applies one streamed event to an overview with the engine's reducer, leniently: an event that
 * does not fit changes nothing. A subscription's backlog can therefore be replayed onto a freshly
 * fetched overview: the events it already reflects find their steps further along and are refused.
 * Other fields of `overview` (usage, a version...) are kept as they are.
 * @example
 * queryClient.setQueryData(key, (view) => view && applyRunEventToOverview(view, event));
 */
export function applyRunEventToOverview<V extends RunOverview>(
  overview: V,
  event: RunEventBody & { runId: string; at: string },
): V {
  const state = stateOfOverview(overview);
  const next = applyRunEventLenient(state, event);
  return next === state ? overview : { ...overview, ...runOverview(next) };
}

/**
 * The run state an overview shows, as far as it shows it: what the reducer reads to decide whether
 * an event fits and what it changes. Inputs, outputs, traces and proposed values are not in an
 * overview and stay empty; `runOverview` does not read them back.
 */
function stateOfOverview(overview: RunOverview): RunState {
  return {
    id: overview.id,
    workspaceId: "",
    workflowSlug: overview.workflowSlug,
    workflowName: overview.workflowName,
    brief: overview.brief,
    dataSource: overview.dataSource,
    dag: {
      version: 1,
      steps: overview.steps.map(stepDefOfOverview),
    },
    status: overview.status,
    report: overview.report ?? undefined,
    error: overview.error ?? undefined,
    createdAt: overview.createdAt,
    finishedAt: overview.finishedAt ?? undefined,
    steps: Object.fromEntries(
      overview.steps.map((s) => [
        s.key,
        {
          key: s.key,
          status: s.status,
          attempts: s.attempts,
          error: s.error ?? undefined,
          startedAt: s.startedAt ?? undefined,
          finishedAt: s.finishedAt ?? undefined,
          trace: [],
        },
      ]),
    ),
    approvals: Object.fromEntries(
      overview.approvals.map((a) => [a.id, { ...a, value: undefined, requestedAt: "" }]),
    ),
  };
}

/** Steps that succeeded, and all steps: a header's "n/m steps". */
export function runProgress(overview: Pick<RunOverview, "steps">): { done: number; total: number } {
  const done = overview.steps.filter((s) => s.status === "succeeded").length;
  return { done, total: overview.steps.length };
}

/** True while the run can still change without a retry: running, or waiting for a human. */
export function isRunActive(status: RunStatus): boolean {
  return !FINISHED_RUN_STATUSES.includes(status);
}

/** A step with work in flight: waiting for a worker, or running. */
export function isStepMoving(status: StepStatus): boolean {
  return status === "queued" || status === "running";
}

/** A step whose clock runs: an attempt executing, or a gate waiting for a human. */
export function isStepInProgress(status: StepStatus): boolean {
  return status === "running" || status === "waiting_approval";
}

/** The part of a step's definition an overview keeps; a gate's reviewed field is not in it. */
function stepDefOfOverview(step: StepOverview): DagJson["steps"][number] {
  const { key, label, dependsOn } = step;
  switch (step.kind) {
    case "agent":
      return { kind: step.kind, key, label, dependsOn, agentName: step.agentName };
    case "approval":
      return { kind: step.kind, key, label, dependsOn, targetOutputField: "" };
    case "synthesis":
      return { kind: step.kind, key, label, dependsOn };
  }
}
