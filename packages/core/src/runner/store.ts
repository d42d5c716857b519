import type { RunEvent, RunEventBody } from "./events.ts";
import type { RunState } from "./run-state.ts";

/**
 * Where runs live. `commit` is the only write: it settles the events on the run's current state
 * (see settleRun) and persists the new state and every applied event atomically, or nothing at
 * all when an event does not fit. The in-memory store serves tests and the CLI; the PostgreSQL one
 * also enqueues a job for every `step_queued` event in the same transaction.
 */
export interface RunStore {
  commit(runId: string, events: readonly RunEventBody[]): Promise<{ state: RunState; events: RunEvent[] }>;
  load(runId: string): Promise<RunState | undefined>;
  /** The run's events with an id greater than `afterId`, in order. */
  events(runId: string, afterId?: number): Promise<RunEvent[]>;
}
