import type { z } from "zod";
import type { AgentRegistry } from "../agents/registry.ts";
import { fromDagJson } from "../workflow/dag-json.ts";
import { stepOutputSchemas } from "../workflow/step-schemas.ts";
import type { WorkflowStepDef } from "../workflow/types.ts";
import { changedPaths, isUnder } from "./edited-paths.ts";
import { describeError, RunTransitionError } from "./errors.ts";
import type { RunEventBody } from "./events.ts";
import { type RunState, runApproval } from "./run-state.ts";

export interface ApprovalDecision {
  /** Which approval; may be left out when the run has exactly one pending. */
  approvalId?: string;
  decision: "approve" | "reject";
  /** Approve with this value instead of the proposed one; must fit the reviewed field's schema. */
  editedValue?: unknown;
  decidedBy: string;
  comment?: string;
}

/**
 * An edited value the gate refuses: `invalid_edited_value` when it does not fit the field's schema
 * (bounds included), `field_not_editable` when it changes a part the gate does not let a reviewer change.
 * `path` names the first offending part inside the field, e.g. `campaign.budget`.
 */
export class ApprovalValueError extends Error {
  override readonly name = "ApprovalValueError";
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly code: "invalid_edited_value" | "field_not_editable" = "invalid_edited_value",
    readonly path?: string,
  ) {
    super(`edited value for "${path ? `${field}.${path}` : field}" is invalid: ${problem}`);
  }
}

/** Checks a decision against the run and returns the event that records it. */
export function approvalDecisionEvent(
  state: RunState,
  input: ApprovalDecision,
  registry: AgentRegistry,
): RunEventBody {
  let decision = input;
  const pending = Object.values(state.approvals).filter((a) => a.status === "pending");
  const approval = decision.approvalId
    ? runApproval(state, decision.approvalId)
    : pending.length === 1
      ? pending[0]
      : undefined;
  if (!approval)
    throw new RunTransitionError(
      "approval_not_found",
      decision.approvalId
        ? `no approval ${decision.approvalId} in run ${state.id}`
        : `run ${state.id} has ${pending.length} pending approvals; name one`,
    );
  if (approval.status !== "pending")
    throw new RunTransitionError(
      "approval_already_decided",
      `approval ${approval.id} was ${approval.status} already`,
    );
  if (decision.decision === "approve" && decision.editedValue !== undefined) {
    const def = fromDagJson(
      { slug: state.workflowSlug, name: state.workflowName, description: "", dag: state.dag },
      registry,
    );
    const shape = stepOutputSchemas(def.steps, registry).get(approval.stepKey)?.shape ?? {};
    const fieldSchema = Object.hasOwn(shape, approval.field)
      ? (shape as Record<string, z.ZodType>)[approval.field]
      : undefined;
    const parsed = fieldSchema?.safeParse(decision.editedValue);
    if (parsed && !parsed.success) {
      const path = parsed.error.issues[0]?.path.join(".");
      throw new ApprovalValueError(
        approval.field,
        describeError(parsed.error),
        "invalid_edited_value",
        path || undefined,
      );
    }
    checkEditable(
      def.steps.find((s) => s.key === approval.stepKey),
      approval.field,
      approval.value,
      parsed ? parsed.data : decision.editedValue,
    );
    // What the schema made of it (defaults, coercions, unknown keys dropped) is what goes downstream.
    if (parsed) decision = { ...decision, editedValue: parsed.data };
  }
  return {
    type: "approval_decided",
    stepKey: approval.stepKey,
    approvalId: approval.id,
    decision: decision.decision,
    editedValue: decision.decision === "approve" ? decision.editedValue : undefined,
    decidedBy: decision.decidedBy,
    comment: decision.comment,
  };
}

/** With `editable` set on the gate, every change must fall under one of its paths. */
function checkEditable(
  gate: WorkflowStepDef | undefined,
  field: string,
  proposed: unknown,
  edited: unknown,
): void {
  const editable = gate?.kind === "approval" ? gate.options?.editable : undefined;
  if (!editable) return;
  const outside = changedPaths(proposed, edited).find((path) => !editable.some((p) => isUnder(path, p)));
  if (outside === undefined) return;
  throw new ApprovalValueError(
    field,
    editable.length > 0
      ? `may not be changed at this gate; a reviewer may change only ${editable.join(", ")}`
      : "may not be changed at this gate: approve or reject it as proposed",
    "field_not_editable",
    outside || undefined,
  );
}
