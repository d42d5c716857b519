import {
  type ApprovalState,
  dagJsonSchema,
  type RunBrief,
  type RunState,
  type StepState,
  type StepTraceEntry,
} from "@tiktok-army/core";
import { type Approval, Prisma, type StepRun, type WorkflowRun } from "./generated/prisma/client.ts";

/** Rows -> the core's RunState. Steps follow the DAG's order; traces are loaded separately when asked. */
export function toRunState(
  run: WorkflowRun,
  steps: StepRun[],
  approvals: Approval[],
  traces: Map<string, StepTraceEntry[]> = new Map(),
): RunState {
  // Parsed, not cast: a snapshot taken before steps had a `kind` is read in today's form.
  const dag = dagJsonSchema.parse(run.dag);
  const byKey = new Map(steps.map((s) => [s.stepKey, s]));
  return {
    id: run.id,
    workspaceId: run.workspaceId,
    brandId: run.brandId ?? undefined,
    workflowSlug: run.workflowSlug,
    workflowName: run.workflowName,
    brief: run.brief as unknown as RunBrief,
    dag,
    dataSource: run.dataSource,
    status: run.status,
    report: run.report ?? undefined,
    error: run.error ?? undefined,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString(),
    steps: Object.fromEntries(
      dag.steps.map((def): [string, StepState] => {
        const row = byKey.get(def.key);
        return [
          def.key,
          row
            ? toStepState(row, traces.get(row.id))
            : { key: def.key, status: "pending", attempts: 0, trace: [] },
        ];
      }),
    ),
    approvals: Object.fromEntries(approvals.map((a) => [a.id, toApprovalState(a)])),
  };
}

function toStepState(row: StepRun, trace: StepTraceEntry[] = []): StepState {
  return {
    key: row.stepKey,
    status: row.status,
    attempts: row.attempts,
    jobId: row.jobId ?? undefined,
    input: row.input ?? undefined,
    options: row.options ?? undefined,
    output: row.output ?? undefined,
    error: row.error ?? undefined,
    trace,
    startedAt: row.startedAt?.toISOString(),
    finishedAt: row.finishedAt?.toISOString(),
  };
}

function toApprovalState(row: Approval): ApprovalState {
  return {
    id: row.id,
    stepKey: row.stepKey,
    field: row.field,
    value: row.value,
    status: row.status,
    editedValue: row.editedValue ?? undefined,
    decidedBy: row.decidedBy ?? undefined,
    comment: row.comment ?? undefined,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString(),
    expiresAt: row.expiresAt?.toISOString(),
  };
}

/** A value for a nullable Json column: SQL NULL for null/undefined (Prisma refuses a bare null there). */
export function dbJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === undefined || value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
