import type { z } from "zod";
import type { AgentRegistry } from "../agents/registry.ts";
import { fromDagJson } from "../workflow/dag-json.ts";
import { stepOutputSchemas } from "../workflow/step-schemas.ts";
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

/** An edited value that does not fit the field it replaces. */
export class ApprovalValueError extends Error {
  override readonly name = "ApprovalValueError";
  readonly code = "invalid_edited_value" as const;
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`edited value for "${field}" is invalid: ${problem}`);
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
    if (parsed && !parsed.success) throw new ApprovalValueError(approval.field, describeError(parsed.error));
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
