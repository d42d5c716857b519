import type { DataSource } from "../data/data-source.ts";
import type { RunBrief } from "../workflow/brief.ts";
import type { DagJson } from "../workflow/dag-json.ts";
import type { TraceEntry } from "./trace.ts";

/**
 * Every state change of a run, as appended to its event log. Fields that hold any JSON value are
 * optional, as they arrive after a JSON round trip (which drops an undefined value).
 */
export type RunEventBody =
  | {
      type: "run_created";
      workspaceId: string;
      brandId?: string;
      workflowSlug: string;
      workflowName: string;
      brief: RunBrief;
      dag: DagJson;
      /** Absent in events recorded before runs carried a source: those read offline data. */
      dataSource?: DataSource;
    }
  | { type: "step_queued"; stepKey: string }
  | {
      type: "step_started";
      stepKey: string;
      attempt: number;
      input?: unknown;
      options?: unknown;
      /** The queue job executing the attempt, when a queue is used. */
      jobId?: string;
    }
  | { type: "step_succeeded"; stepKey: string; attempt: number; output?: unknown; trace: TraceEntry[] }
  | {
      type: "step_failed";
      stepKey: string;
      attempt: number;
      error: string;
      trace: TraceEntry[];
      retrying: boolean;
    }
  | { type: "step_skipped"; stepKey: string; reason: string }
  | { type: "step_retried"; stepKey: string }
  | { type: "approval_requested"; stepKey: string; approvalId: string; field: string; value?: unknown }
  | {
      type: "approval_decided";
      stepKey: string;
      approvalId: string;
      decision: "approve" | "reject";
      editedValue?: unknown;
      decidedBy: string;
      comment?: string;
    }
  | { type: "approval_expired"; stepKey: string; approvalId: string }
  | { type: "run_waiting_approval" }
  | { type: "run_resumed" }
  | { type: "run_succeeded"; report?: string }
  | { type: "run_failed"; error: string }
  | { type: "run_rejected"; stepKey: string; comment?: string }
  | { type: "run_cancelled"; reason?: string };

export type RunEventType = RunEventBody["type"];

/** A stamped event. `id` is assigned by the store: monotonic across all runs, for replay after reconnects. */
export type RunEvent = RunEventBody & { id: number; runId: string; at: string };
