import type { DagJson, RunState, StepKind, WorkflowStepDef } from "@tiktok-army/core";
import { definitionVersion } from "@tiktok-army/db";
import type { RunUsage } from "./usage.ts";

/** What the API shows of a run: its DAG with each step's status and timings, not the steps' data. */
export function runView(state: RunState, usage: RunUsage) {
  return {
    id: state.id,
    workflowSlug: state.workflowSlug,
    workflowName: state.workflowName,
    /** The version of the definition this run started with (its DAG snapshot's hash). */
    definitionVersion: definitionVersion(state.dag),
    brief: state.brief,
    status: state.status,
    report: state.report ?? null,
    error: state.error ?? null,
    createdAt: state.createdAt,
    finishedAt: state.finishedAt ?? null,
    usage,
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

/** Everything about one step: resolved input, options, output, error and every attempt's trace. */
export function stepView(state: RunState, stepKey: string) {
  const def = state.dag.steps.find((s) => s.key === stepKey);
  const step = state.steps[stepKey];
  if (!def || !step) return undefined;
  return {
    runId: state.id,
    key: def.key,
    label: def.label,
    ...stepKindView(def),
    status: step.status,
    attempts: step.attempts,
    input: step.input ?? null,
    options: step.options ?? null,
    output: step.output ?? null,
    error: step.error ?? null,
    startedAt: step.startedAt ?? null,
    finishedAt: step.finishedAt ?? null,
    trace: step.trace,
  };
}

type StepKindView =
  | { kind: "agent"; agentName: string }
  | { kind: Exclude<StepKind, "agent">; agentName: null };

/** What a step does; `agentName` is set on agent steps only, so clients switch on `kind`, not on names. */
export function stepKindView(step: WorkflowStepDef | DagJson["steps"][number]): StepKindView {
  switch (step.kind) {
    case "agent":
      return { kind: step.kind, agentName: step.agentName };
    case "approval":
    case "synthesis":
      return { kind: step.kind, agentName: null };
  }
}
