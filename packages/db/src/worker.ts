import {
  type AgentRegistry,
  DEFAULT_RETRY,
  describeError,
  executeStep,
  maxAttempts,
  type PreparedStep,
  prepareStep,
  type RetryPolicy,
  RunTransitionError,
  type StepDeps,
} from "@tiktok-army/core";
import pg from "pg";
import type PgBoss from "pg-boss";
import { RUN_CANCELLED_CHANNEL, STEP_JOBS_CHANNEL } from "./channels.ts";
import type { Log } from "./logger.ts";
import { STEP_DEAD_LETTER_QUEUE, STEP_QUEUE, type StepJob } from "./queue.ts";
import type { PgRunStore } from "./run-store.ts";

export interface WorkerOptions {
  boss: PgBoss;
  store: PgRunStore;
  deps: StepDeps & { registry: AgentRegistry };
  /** Steps this process executes at once. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** Aborts an attempt that runs this long: the queue hands its job to another worker by then anyway. */
  stepTimeoutMs?: number;
  /**
   * How often a running attempt checks its step row for a cancel or a takeover. A cancel normally
   * arrives at once by notification; this poll only covers a notification the listener missed.
   */
  supersededCheckMs?: number;
  /**
   * Listens for enqueue notifications, so idle workers start at once rather than at their next
   * poll, and for cancels, so attempts of a cancelled run stop spending at once.
   */
  connectionString: string;
  log?: Log;
}

/** The attempts this process is running, by run, so a cancel notification can abort them. */
export class RunningAttempts {
  readonly #byRun = new Map<string, Set<AbortController>>();

  /** Registers an attempt's controller; call the returned function when the attempt ends. */
  add(runId: string, controller: AbortController): () => void {
    const set = this.#byRun.get(runId) ?? new Set();
    set.add(controller);
    this.#byRun.set(runId, set);
    return () => {
      set.delete(controller);
      if (set.size === 0 && this.#byRun.get(runId) === set) this.#byRun.delete(runId);
    };
  }

  /** Aborts every attempt of the run in this process; returns how many were running. */
  abortRun(runId: string): number {
    const set = this.#byRun.get(runId);
    for (const controller of set ?? []) controller.abort(new Error("the run was cancelled"));
    return set?.size ?? 0;
  }

  runIds(): string[] {
    return [...this.#byRun.keys()];
  }
}

export interface RunningWorkers {
  /** Stops taking jobs and waits for the steps in progress to finish. */
  stop(): Promise<void>;
}

/** Starts `concurrency` step workers on the shared queue; any number of processes can do the same. */
export async function startWorkers(options: WorkerOptions): Promise<RunningWorkers> {
  const concurrency = options.concurrency ?? 4;
  const log = options.log ?? (() => {});
  const idle = new Set<string>();
  const attempts = new RunningAttempts();
  // One new job needs one worker: waking every idle one would send them all to the database at once.
  const wake = () => {
    const [next] = idle;
    if (!next) return;
    // Rotate, so that the next notification (the next job) wakes another worker.
    idle.delete(next);
    idle.add(next);
    options.boss.notifyWorker(next);
  };
  for (let i = 0; i < concurrency; i++) {
    const worker = { id: "" };
    worker.id = await options.boss.work<StepJob>(
      STEP_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 2 },
      async ([job]) => {
        if (!job) return;
        idle.delete(worker.id);
        try {
          await executeStepJob({ ...job.data, jobId: job.id }, { ...options, wake, attempts }, log);
        } finally {
          idle.add(worker.id);
          // More jobs are likely waiting: fetch again at once instead of sleeping until the next poll.
          options.boss.notifyWorker(worker.id);
        }
      },
    );
    idle.add(worker.id);
  }
  await options.boss.work<StepJob>(
    STEP_DEAD_LETTER_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 5 },
    async ([job]) => {
      if (job) await failAbandonedStep(job.data, options.store, log);
    },
  );
  let stopped = false;
  let listener: pg.Client | undefined;
  const cancelled = (runId: string) => {
    const aborted = attempts.abortRun(runId);
    if (aborted > 0) log({ level: "info", msg: "run cancelled: aborted its attempts", runId, aborted });
  };
  // Both notifications only speed things up: pg-boss's poll still finds jobs, and each attempt's
  // superseded check still sees a cancel. If the connection drops, listen again.
  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on("notification", (message) => {
      if (message.channel === RUN_CANCELLED_CHANNEL) cancelled(message.payload ?? "");
      else wake();
    });
    client.on("error", (error) => {
      log({ level: "error", msg: "worker listener lost; polling until it is back", error: error.message });
      client.end().catch(() => {});
      relisten();
    });
    await client.connect();
    await client.query(`LISTEN ${STEP_JOBS_CHANNEL}; LISTEN ${RUN_CANCELLED_CHANNEL}`);
    listener = client;
  };
  // A cancel committed while the listener was down was never heard: look for one once it is back.
  const catchUp = async () => {
    const ids = attempts.runIds();
    if (ids.length === 0) return;
    const rows = await options.store.prisma.workflowRun.findMany({
      where: { id: { in: ids }, status: "cancelled" },
      select: { id: true },
    });
    for (const row of rows) cancelled(row.id);
  };
  const relisten = () => {
    if (!stopped)
      setTimeout(
        () =>
          listen()
            .then(() => catchUp().catch(() => {}))
            .catch(relisten),
        1_000,
      ).unref();
  };
  await listen();
  return {
    async stop() {
      stopped = true;
      await listener?.end().catch(() => {});
      await options.boss.offWork(STEP_QUEUE);
    },
  };
}

/**
 * Runs one attempt of a step. Claims it by committing `step_started` with the next attempt number
 * (the run's row lock makes that claim exclusive), executes outside any transaction, then commits
 * the outcome fenced by that attempt number: if another worker took the step over meanwhile, this
 * late result is refused and dropped.
 */
export async function executeStepJob(
  job: StepJob & { jobId?: string },
  options: Pick<WorkerOptions, "store" | "deps" | "retry" | "stepTimeoutMs" | "supersededCheckMs"> & {
    wake?: () => void;
    /** Where this attempt registers, so a cancel notification for its run aborts it. */
    attempts?: RunningAttempts;
  },
  log: Log = () => {},
): Promise<void> {
  const { store, deps } = options;
  const state = await store.load(job.runId, { traces: false });
  const step = state?.steps[job.stepKey];
  // A duplicate or late job: the step already moved on, or the run ended.
  if (
    !state ||
    !step ||
    (step.status !== "queued" && step.status !== "running") ||
    state.status !== "running"
  )
    return;
  const attempt = step.attempts + 1;
  // Every line about this attempt says which one it is.
  const stepLog: Log = (entry) => log({ runId: job.runId, stepKey: job.stepKey, attempt, ...entry });
  let prepared: PreparedStep | undefined;
  let failure = "";
  try {
    prepared = prepareStep(state, job.stepKey, deps.registry);
  } catch (error) {
    failure = describeError(error);
  }
  // Registered before the claim commits: a cancel committed after the claim is heard by this
  // controller, and one committed before it makes the claim fail.
  const controller = new AbortController();
  const unregister = options.attempts?.add(job.runId, controller) ?? (() => {});
  let started: Awaited<ReturnType<PgRunStore["commit"]>>;
  try {
    started = await store.commit(job.runId, [
      {
        type: "step_started",
        stepKey: job.stepKey,
        attempt,
        jobId: job.jobId,
        input: prepared?.input ?? null,
        options: prepared?.options ?? null,
      },
    ]);
  } catch (error) {
    unregister();
    if (error instanceof RunTransitionError) return; // another worker claimed it first, or the run ended
    throw error;
  }
  if (!prepared) {
    unregister();
    await store.commit(job.runId, [
      { type: "step_failed", stepKey: job.stepKey, attempt, error: failure, trace: [], retrying: false },
    ]);
    stepLog({ level: "warn", msg: "step could not start", error: failure });
    return;
  }
  const timer = setTimeout(
    () => controller.abort(new Error("step timed out")),
    options.stepTimeoutMs ?? 290_000,
  );
  // Stop spending on an attempt nobody will use: another worker took over, or the run was cancelled
  // and its notification was missed (it normally aborts the attempt through `attempts` at once).
  const watch = setInterval(async () => {
    const row = await store.prisma.stepRun
      .findUnique({
        where: { runId_stepKey: { runId: job.runId, stepKey: job.stepKey } },
        select: { status: true, attempts: true },
      })
      .catch(() => undefined);
    if (row && (row.status !== "running" || row.attempts !== attempt))
      controller.abort(new Error("the attempt was superseded (run cancelled or step taken over)"));
  }, options.supersededCheckMs ?? 2_000);
  const outcome = await executeStep(started.state, prepared, deps, controller.signal).finally(() => {
    clearTimeout(timer);
    clearInterval(watch);
    unregister();
  });
  const retrying =
    !outcome.ok &&
    outcome.retriable &&
    attempt < maxAttempts(state, job.stepKey, options.retry ?? DEFAULT_RETRY);
  try {
    await store.commit(job.runId, [
      outcome.ok
        ? {
            type: "step_succeeded",
            stepKey: job.stepKey,
            attempt,
            output: outcome.output,
            trace: outcome.trace,
          }
        : {
            type: "step_failed",
            stepKey: job.stepKey,
            attempt,
            error: outcome.error,
            trace: outcome.trace,
            retrying,
          },
    ]);
    stepLog(
      outcome.ok
        ? { level: "info", msg: "step finished", ok: true }
        : { level: "warn", msg: "step finished", ok: false, retrying, error: outcome.error },
    );
    // The retry's job waits out its backoff; wake this process's workers then, not at their next poll.
    if (retrying)
      setTimeout(() => options.wake?.(), retryDelayMs(options.retry ?? DEFAULT_RETRY, attempt) + 5).unref();
  } catch (error) {
    // Another worker took the step over, or the run was cancelled meanwhile: this result is moot.
    if (error instanceof RunTransitionError) {
      stepLog({ level: "warn", msg: "dropped a stale attempt" });
      return;
    }
    throw error;
  }
}

/** Backoff before the retry of a failed attempt: backoffMs × 2^(attempt-1). */
export function retryDelayMs(retry: RetryPolicy, attempt: number): number {
  return retry.backoffMs * 2 ** (attempt - 1);
}

/**
 * A step job that pg-boss gave up on (its workers kept dying or overran STEP_EXPIRE_SECONDS every
 * time) lands in the dead-letter queue: fail the step there, so the run ends with a reason instead
 * of showing "running" forever. A step that has moved on meanwhile is left alone.
 */
export async function failAbandonedStep(job: StepJob, store: PgRunStore, log: Log) {
  const state = await store.load(job.runId, { traces: false });
  const step = state?.steps[job.stepKey];
  if (!state || !step || (step.status !== "running" && step.status !== "queued")) return;
  const error =
    "the step's worker stopped answering on every attempt (killed, or slower than STEP_EXPIRE_SECONDS)";
  const attempt = step.status === "running" ? step.attempts : step.attempts + 1;
  const events = [
    ...(step.status === "queued"
      ? [{ type: "step_started" as const, stepKey: job.stepKey, attempt, input: null, options: null }]
      : []),
    { type: "step_failed" as const, stepKey: job.stepKey, attempt, error, trace: [], retrying: false },
  ];
  try {
    await store.commit(job.runId, events);
    log({
      level: "error",
      msg: "step abandoned by its workers",
      runId: job.runId,
      stepKey: job.stepKey,
      attempt,
    });
  } catch (error) {
    if (!(error instanceof RunTransitionError)) throw error;
  }
}
