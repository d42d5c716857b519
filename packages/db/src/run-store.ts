import { randomUUID } from "node:crypto";
import {
  AGENT_REGISTRY,
  type AgentRegistry,
  type DataSource,
  dagJsonSchema,
  type RunEvent,
  type RunEventBody,
  type RunState,
  type RunStore,
  type StepState,
  type StepTraceEntry,
  settleRun,
  type TraceEntry,
} from "@tiktok-army/core";
import { RUN_CANCELLED_CHANNEL, RUN_EVENTS_CHANNEL } from "./channels.ts";
import { Prisma, type PrismaClient, type Tx } from "./client.ts";
import { dbJson, toRunState } from "./run-mapping.ts";
import { secretRedactor } from "./secrets.ts";
import { retryDelayMs } from "./worker.ts";

/** What the store asks of the job queue: enqueue a step's job inside the committing transaction. */
export interface StepEnqueuer {
  enqueue(tx: Tx, job: { runId: string; stepKey: string; startAfter?: Date }): Promise<void>;
}

export interface PgRunStoreOptions {
  queue?: StepEnqueuer;
  /** The agents workflows are validated against; the built-in ones by default. */
  registry?: AgentRegistry;
  /** Delay before a failed attempt's retry: backoffMs × 2^(attempt-1). */
  backoffMs?: number;
  now?: () => Date;
  /**
   * Values replaced by "[redacted]" in everything a commit stores (see `secretValues`): an upstream
   * error quoting the API key must not reach step errors, traces, event payloads or the run's error.
   */
  secrets?: readonly string[];
  /** What the engine's data provider reads: recorded on every run this store starts. Offline by default. */
  dataSource?: DataSource;
}

export const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/**
 * The RunStore over PostgreSQL. A commit locks the run's row, settles the events on the stored
 * state with the core's pure reducer, writes the changed rows, the trace, the approval and event
 * rows, enqueues the jobs of newly queued steps and notifies listeners, all in one transaction.
 * Secret values are redacted from the events first, so nothing any writer commits stores them.
 */
export class PgRunStore implements RunStore {
  readonly registry: AgentRegistry;
  readonly dataSource: DataSource;

  constructor(
    readonly prisma: PrismaClient,
    private readonly options: PgRunStoreOptions = {},
  ) {
    this.registry = options.registry ?? AGENT_REGISTRY;
    this.dataSource = options.dataSource ?? "offline";
  }

  commit(runId: string, events: readonly RunEventBody[]) {
    return this.prisma.$transaction((tx) => commitRun(tx, runId, events, this.options), TX_OPTIONS);
  }

  /** Commits inside a transaction the caller holds, e.g. together with the run's creation. */
  commitIn(tx: Tx, runId: string, events: readonly RunEventBody[], options: { isNew?: boolean } = {}) {
    return commitRun(tx, runId, events, { ...this.options, ...options });
  }

  load(runId: string, options: { traces?: boolean } = {}) {
    return loadRun(this.prisma, runId, options);
  }

  async events(runId: string, afterId = 0): Promise<RunEvent[]> {
    const rows = await this.prisma.runEvent.findMany({
      where: { runId, id: { gt: BigInt(afterId) } },
      orderBy: { id: "asc" },
    });
    return rows.map(toRunEvent);
  }
}

/**
 * Commits events to a run inside `tx`. A new run's `workflow_runs` row must be inserted first in
 * the same transaction (it carries the foreign keys the core's state does not know); pass `isNew`.
 */
export async function commitRun(
  tx: Tx,
  runId: string,
  events: readonly RunEventBody[],
  options: PgRunStoreOptions & { isNew?: boolean } = {},
): Promise<{ state: RunState; events: RunEvent[] }> {
  // The store's boundary: every row below (steps, traces, approvals, events, the run) comes from these.
  const redacted = secretRedactor(options.secrets ?? []).value(events);
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM workflow_runs WHERE id = ${runId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new Error(`no run ${runId}`);
  const before = options.isNew ? undefined : await loadRun(tx, runId, { traces: false });
  const at = (options.now ?? (() => new Date()))();
  const { state, applied } = settleRun(before, redacted, { runId, at: at.toISOString() });

  const runChanged =
    !before ||
    before.status !== state.status ||
    before.report !== state.report ||
    before.error !== state.error ||
    before.finishedAt !== state.finishedAt;
  if (runChanged)
    await tx.workflowRun.update({
      where: { id: runId },
      data: {
        status: state.status,
        report: state.report ?? null,
        error: state.error ?? null,
        finishedAt: state.finishedAt ? new Date(state.finishedAt) : null,
      },
    });
  const stepIds = await writeSteps(tx, runId, before, state);
  await writeTraces(tx, applied, stepIds);
  await writeApprovals(tx, before, state);
  const stored = await tx.runEvent.createManyAndReturn({
    data: applied.map((event) => ({
      runId,
      workspaceId: state.workspaceId,
      type: event.type,
      payload: withoutTrace(event) as object,
      at,
    })),
  });
  for (const event of applied) {
    if (event.type === "step_queued") await options.queue?.enqueue(tx, { runId, stepKey: event.stepKey });
    // Only a retry the reducer accepted (the step is queued again) gets a job: never one for a run that ended.
    if (event.type === "step_failed" && event.retrying && state.steps[event.stepKey]?.status === "queued") {
      const delay = retryDelayMs({ maxAttempts: 0, backoffMs: options.backoffMs ?? 1000 }, event.attempt);
      await options.queue?.enqueue(tx, {
        runId,
        stepKey: event.stepKey,
        startAfter: new Date(at.getTime() + delay),
      });
    }
  }
  await tx.$executeRaw`SELECT pg_notify(${RUN_EVENTS_CHANNEL}, ${runId})`;
  // Delivered at commit, so a worker never aborts an attempt for a cancel that rolled back.
  if (before?.status !== "cancelled" && state.status === "cancelled")
    await tx.$executeRaw`SELECT pg_notify(${RUN_CANCELLED_CHANNEL}, ${runId})`;
  return { state, events: stored.map(toRunEvent) };
}

export async function loadRun(db: Tx | PrismaClient, runId: string, options: { traces?: boolean } = {}) {
  const run = await db.workflowRun.findUnique({
    where: { id: runId },
    include: { steps: true, approvals: true },
  });
  if (!run) return undefined;
  const traces = new Map<string, StepTraceEntry[]>();
  if (options.traces !== false) {
    const rows = await db.traceEntry.findMany({
      where: { stepRunId: { in: run.steps.map((s) => s.id) } },
      orderBy: [{ attempt: "asc" }, { seq: "asc" }],
    });
    // Every attempt's entries, stamped with it, as the core's reducer keeps them.
    for (const row of rows) {
      const entry = { ...(row.data as unknown as TraceEntry), attempt: row.attempt };
      traces.set(row.stepRunId, [...(traces.get(row.stepRunId) ?? []), entry]);
    }
  }
  return toRunState(run, run.steps, run.approvals, traces);
}

/** Writes the steps the reducer changed (it replaces exactly those objects); returns their row ids. */
async function writeSteps(tx: Tx, runId: string, before: RunState | undefined, after: RunState) {
  const ids = new Map<string, string>();
  const rowOf = (step: StepState) => ({
    status: step.status,
    attempts: step.attempts,
    jobId: step.jobId ?? null,
    input: dbJson(step.input),
    options: dbJson(step.options),
    output: dbJson(step.output),
    error: step.error ?? null,
    startedAt: step.startedAt ? new Date(step.startedAt) : null,
    finishedAt: step.finishedAt ? new Date(step.finishedAt) : null,
  });
  if (!before) {
    const created = await tx.stepRun.createManyAndReturn({
      data: Object.values(after.steps).map((step) => ({
        id: randomUUID(),
        runId,
        stepKey: step.key,
        ...rowOf(step),
      })),
      select: { id: true, stepKey: true },
    });
    for (const row of created) ids.set(row.stepKey, row.id);
    return ids;
  }
  for (const step of Object.values(after.steps)) {
    if (before.steps[step.key] === step) continue;
    const row = await tx.stepRun.update({
      where: { runId_stepKey: { runId, stepKey: step.key } },
      data: rowOf(step),
      select: { id: true },
    });
    ids.set(step.key, row.id);
  }
  return ids;
}

async function writeTraces(tx: Tx, applied: RunEventBody[], stepIds: Map<string, string>) {
  const rows = applied.flatMap((event) => {
    if (event.type !== "step_succeeded" && event.type !== "step_failed") return [];
    const stepRunId = stepIds.get(event.stepKey) as string;
    return event.trace.map((entry, seq) => ({
      stepRunId,
      attempt: event.attempt,
      seq,
      kind: entry.kind,
      at: new Date(entry.at),
      model: entry.kind === "llm_call" ? entry.model : null,
      inputTokens: entry.kind === "llm_call" ? entry.usage.inputTokens : null,
      outputTokens: entry.kind === "llm_call" ? entry.usage.outputTokens : null,
      cacheReadTokens: entry.kind === "llm_call" ? entry.usage.cacheReadTokens : null,
      cacheWriteTokens: entry.kind === "llm_call" ? entry.usage.cacheWriteTokens : null,
      costUsd: entry.kind === "llm_call" ? entry.usage.costUsd.toFixed(6) : null,
      latencyMs: "latencyMs" in entry ? Math.round(entry.latencyMs) : null,
      data: entry as unknown as object,
    }));
  });
  if (rows.length > 0) await tx.traceEntry.createMany({ data: rows });
}

/** Writes the approvals the reducer created or changed (it replaces exactly those objects). */
async function writeApprovals(tx: Tx, before: RunState | undefined, after: RunState) {
  for (const approval of Object.values(after.approvals)) {
    if (before?.approvals[approval.id] === approval) continue;
    const data = {
      status: approval.status,
      editedValue: dbJson(approval.editedValue),
      decidedBy: approval.decidedBy ?? null,
      comment: approval.comment ?? null,
      decidedAt: approval.decidedAt ? new Date(approval.decidedAt) : null,
    };
    await tx.approval.upsert({
      where: { id: approval.id },
      update: data,
      create: {
        id: approval.id,
        runId: after.id,
        workspaceId: after.workspaceId,
        stepKey: approval.stepKey,
        field: approval.field,
        // The column is NOT NULL: a gated value that is null is stored as JSON null.
        value:
          approval.value === undefined || approval.value === null
            ? Prisma.JsonNull
            : (approval.value as object),
        requestedAt: new Date(approval.requestedAt),
        expiresAt: approval.expiresAt ? new Date(approval.expiresAt) : null,
        ...data,
      },
    });
  }
}

/** Traces live in trace_entries; the event log keeps the rest, so replaying it stays light. */
function withoutTrace(event: RunEventBody): RunEventBody {
  return "trace" in event ? { ...event, trace: [] } : event;
}

function toRunEvent(row: { id: bigint; runId: string; type: string; payload: unknown; at: Date }): RunEvent {
  const body = row.payload as RunEventBody;
  // A run created before steps had a `kind` logged its DAG in the old form: read it in today's.
  const payload = body.type === "run_created" ? { ...body, dag: dagJsonSchema.parse(body.dag) } : body;
  return { ...payload, id: Number(row.id), runId: row.runId, at: row.at.toISOString() };
}
