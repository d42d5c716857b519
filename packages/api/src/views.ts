import { type RunState, reportLinkHosts, runOverview, runStep, stepKindView } from "@tiktok-army/core/model";
import { definitionVersion } from "@tiktok-army/db";
import type { RunUsage } from "./usage.ts";

/**
 * What the API shows of a run: its overview (the DAG with each step's status and timings, not the
 * steps' data), the version of the definition it started with, what its model calls cost, and the
 * hosts its report may link to (those of its steps' URL fields: the dashboard shows other links as
 * text). The dashboard folds streamed events onto it with the same overview function
 * (applyRunEventToOverview).
 */
export function runView(state: RunState, usage: RunUsage) {
  return {
    ...runOverview(state),
    definitionVersion: definitionVersion(state.dag),
    usage,
    allowedLinkHosts: reportLinkHosts(state),
  };
}

/** Everything about one step: resolved input, options, output, error and every attempt's trace. */
export function stepView(state: RunState, stepKey: string) {
  const def = state.dag.steps.find((s) => s.key === stepKey);
  const step = runStep(state, stepKey);
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
