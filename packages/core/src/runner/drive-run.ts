import { setTimeout as sleep } from "node:timers/promises";
import { describeError } from "./errors.ts";
import { executeStep, type PreparedStep, prepareStep, type StepDeps } from "./execute-step.ts";
import type { RunState } from "./run-state.ts";
import type { RunStore } from "./store.ts";

export interface RetryPolicy {
  /** Attempts per step, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles for each one after. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 200 };

export interface DriveDeps extends StepDeps {
  store: RunStore;
  retry: RetryPolicy;
  signal: AbortSignal;
}

/**
 * Executes a run's queued steps in this process, each as soon as it is queued, so independent
 * steps overlap and wall time tracks the critical path. Returns when nothing is queued or running:
 * the run finished or waits for an approval.
 */
export async function driveRun(runId: string, deps: DriveDeps): Promise<RunState> {
  let state = await mustLoad(deps.store, runId);
  const inFlight = new Map<string, Promise<void>>();
  const commit = async (events: Parameters<RunStore["commit"]>[1]) => {
    state = (await deps.store.commit(runId, events)).state;
  };

  const attempt = async (stepKey: string) => {
    const number = (state.steps[stepKey]?.attempts ?? 0) + 1;
    if (number > 1) await sleep(deps.retry.backoffMs * 2 ** (number - 2), undefined, { signal: deps.signal });
    let prepared: PreparedStep | undefined;
    let failure: string | undefined;
    try {
      prepared = prepareStep(state, stepKey, deps.registry);
    } catch (error) {
      failure = describeError(error);
    }
    await commit([
      {
        type: "step_started",
        stepKey,
        attempt: number,
        input: prepared?.input ?? null,
        options: prepared?.options ?? null,
      },
    ]);
    if (!prepared) {
      await commit([
        { type: "step_failed", stepKey, attempt: number, error: failure ?? "", trace: [], retrying: false },
      ]);
      return;
    }
    const outcome = await executeStep(state, prepared, deps, deps.signal);
    if (outcome.ok) {
      await commit([
        { type: "step_succeeded", stepKey, attempt: number, output: outcome.output, trace: outcome.trace },
      ]);
      return;
    }
    const retrying =
      outcome.retriable && number < maxAttempts(state, stepKey, deps.retry) && !deps.signal.aborted;
    await commit([
      { type: "step_failed", stepKey, attempt: number, error: outcome.error, trace: outcome.trace, retrying },
    ]);
  };

  for (;;) {
    if (deps.signal.aborted && state.status === "running")
      await commit([{ type: "run_cancelled", reason: "aborted" }]);
    for (const step of Object.values(state.steps)) {
      if (step.status !== "queued" || inFlight.has(step.key)) continue;
      const key = step.key;
      inFlight.set(
        key,
        attempt(key)
          .catch((error) => {
            // An abort interrupts a backoff sleep; the run is cancelled on the next turn.
            if (!deps.signal.aborted) throw error;
          })
          .finally(() => inFlight.delete(key)),
      );
    }
    if (inFlight.size === 0) return state;
    await Promise.race(inFlight.values());
  }
}

/** The step's own limit when its definition sets one, else the policy's. */
export function maxAttempts(state: RunState, stepKey: string, policy: RetryPolicy): number {
  return state.dag.steps.find((s) => s.key === stepKey)?.maxAttempts ?? policy.maxAttempts;
}

async function mustLoad(store: RunStore, runId: string): Promise<RunState> {
  const state = await store.load(runId);
  if (!state) throw new Error(`no run ${runId}`);
  return state;
}
