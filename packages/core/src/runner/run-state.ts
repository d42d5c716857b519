import type { DataSource } from "../data/data-source.ts";
import type { RunBrief } from "../workflow/brief.ts";
import type { DagJson } from "../workflow/dag-json.ts";
import type { StepTraceEntry } from "./trace.ts";

/** Step statuses; a step only moves forward through them, except a retry (failed attempt -> queued). */
export const STEP_STATUS = {
  /** Waiting for its dependencies. */
  pending: "pending",
  /** Dependencies done; waiting for a worker to pick it up. */
  queued: "queued",
  /** An attempt is executing. */
  running: "running",
  /** An approval gate waiting for a human decision. */
  waiting_approval: "waiting_approval",
  /** Done; `output` holds its result. */
  succeeded: "succeeded",
  /** Out of attempts; `error` says why. */
  failed: "failed",
  /** An approval gate a human rejected. */
  rejected: "rejected",
  /** Will not run: something upstream failed or was rejected, or the run was cancelled. */
  skipped: "skipped",
} as const;
export type StepStatus = (typeof STEP_STATUS)[keyof typeof STEP_STATUS];

export const RUN_STATUS = {
  /** Steps are queued or running. */
  running: "running",
  /** Nothing can move until a human decides an approval. */
  waiting_approval: "waiting_approval",
  /** Every step succeeded; `report` holds the synthesis Markdown if the workflow has one. */
  succeeded: "succeeded",
  /** A step ran out of attempts. */
  failed: "failed",
  /** A human rejected an approval. */
  rejected: "rejected",
  /** Stopped by a user, or an in-process run that was aborted. */
  cancelled: "cancelled",
} as const;
export type RunStatus = (typeof RUN_STATUS)[keyof typeof RUN_STATUS];

/** Approval statuses; an approval is decided or expires once, never twice. */
export const APPROVAL_STATUS = {
  /** Waiting for a human decision. */
  pending: "pending",
  /** Approved, with or without an edited value. */
  approved: "approved",
  rejected: "rejected",
  /** Never decided: its run ended first, or its gate's `expires_in_hours` passed. */
  expired: "expired",
} as const;
export type ApprovalStatus = (typeof APPROVAL_STATUS)[keyof typeof APPROVAL_STATUS];

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "rejected", "cancelled"];
export const FINISHED_STEP_STATUSES: readonly StepStatus[] = ["succeeded", "failed", "rejected", "skipped"];
/** Steps a run that ends skips: those that have not started, or wait for a human. */
export const SKIPPABLE_STEP_STATUSES: readonly StepStatus[] = ["pending", "queued", "waiting_approval"];

export interface StepState {
  key: string;
  status: StepStatus;
  /** Attempts started so far; the current attempt's number once running. */
  attempts: number;
  /** The queue job of the current attempt (queued execution only). */
  jobId?: string;
  input?: unknown;
  options?: unknown;
  output?: unknown;
  error?: string;
  /** Every attempt's trace, oldest first: a failed attempt's model calls were billed too. */
  trace: StepTraceEntry[];
  startedAt?: string;
  finishedAt?: string;
}

export interface ApprovalState {
  id: string;
  stepKey: string;
  /** The reviewed field of the gated step's output. */
  field: string;
  /** The value as the agent proposed it. */
  value: unknown;
  /** `expired`: the run ended (failed, rejected, cancelled) before anyone decided. */
  status: ApprovalStatus;
  editedValue?: unknown;
  decidedBy?: string;
  comment?: string;
  requestedAt: string;
  decidedAt?: string;
  /** When it expires unanswered (the gate's `expires_in_hours`); absent: never. */
  expiresAt?: string;
}

export interface RunState {
  id: string;
  workspaceId: string;
  brandId?: string;
  workflowSlug: string;
  workflowName: string;
  brief: RunBrief;
  /** The DAG the run was started with; later edits of the workflow do not change a running run. */
  dag: DagJson;
  /** Where the run's TikTok data comes from, fixed when it starts. */
  dataSource: DataSource;
  status: RunStatus;
  report?: string;
  error?: string;
  createdAt: string;
  finishedAt?: string;
  steps: Record<string, StepState>;
  approvals: Record<string, ApprovalState>;
}

/**
 * The run's step of this key, or undefined. Keys come from callers (a retry names a step): only own
 * properties count, so `constructor` or `__proto__` is no step rather than Object's own function.
 */
export function runStep(state: Pick<RunState, "steps">, key: string): StepState | undefined {
  return Object.hasOwn(state.steps, key) ? state.steps[key] : undefined;
}

/** The run's approval of this id, or undefined; own properties only, as for {@link runStep}. */
export function runApproval(state: Pick<RunState, "approvals">, id: string): ApprovalState | undefined {
  return Object.hasOwn(state.approvals, id) ? state.approvals[id] : undefined;
}
