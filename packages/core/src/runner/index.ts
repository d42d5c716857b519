export { type ApprovalDecision, ApprovalValueError, approvalDecisionEvent } from "./approvals.ts";
export { DEFAULT_RETRY, type DriveDeps, driveRun, maxAttempts, type RetryPolicy } from "./drive-run.ts";
export {
  describeError,
  NonRetriableError,
  type RunTransitionCode,
  RunTransitionError,
  StepFailedError,
} from "./errors.ts";
export type { RunEvent, RunEventBody, RunEventType } from "./events.ts";
export {
  executeStep,
  type PreparedStep,
  prepareStep,
  type StepDeps,
  type StepOutcome,
} from "./execute-step.ts";
export { InMemoryRunStore } from "./memory-store.ts";
export { applyRunEvent } from "./reduce.ts";
export { InputResolutionError, resolveStepInput } from "./resolve-input.ts";
export {
  type ApprovalState,
  FINISHED_RUN_STATUSES,
  FINISHED_STEP_STATUSES,
  RUN_STATUS,
  type RunState,
  type RunStatus,
  runApproval,
  runStep,
  STEP_STATUS,
  type StepState,
  type StepStatus,
} from "./run-state.ts";
export {
  type InlineRunDeps,
  type RunWorkflowInlineOptions,
  resumeWorkflowInline,
  runWorkflowInline,
} from "./run-workflow-inline.ts";
export { followUp, settleRun } from "./settle.ts";
export type { RunStore } from "./store.ts";
export { OFFLINE_REPORT_NOTICE, withDataSourceNotice } from "./synthesis.ts";
export {
  type ApiCallEntry,
  type ApiCallRecord,
  type StepTraceEntry,
  type TraceEntry,
  TraceRecorder,
} from "./trace.ts";
