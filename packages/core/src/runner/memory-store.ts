import type { RunEvent, RunEventBody } from "./events.ts";
import type { RunState } from "./run-state.ts";
import { settleRun } from "./settle.ts";
import type { RunStore } from "./store.ts";

/** A RunStore in process memory: for tests, the CLI and anything that need not survive a restart. */
export class InMemoryRunStore implements RunStore {
  readonly #runs = new Map<string, RunState>();
  readonly #events: RunEvent[] = [];
  #lastId = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  // Synchronous between load and save, so concurrent commits to one run cannot interleave.
  async commit(runId: string, events: readonly RunEventBody[]) {
    const at = this.now().toISOString();
    const { state, applied } = settleRun(this.#runs.get(runId), events, { runId, at });
    this.#runs.set(runId, state);
    const stamped = applied.map((body): RunEvent => ({ ...body, id: ++this.#lastId, runId, at }));
    this.#events.push(...stamped);
    return { state, events: stamped };
  }

  async load(runId: string) {
    return this.#runs.get(runId);
  }

  async events(runId: string, afterId = 0) {
    return this.#events.filter((e) => e.runId === runId && e.id > afterId);
  }
}
