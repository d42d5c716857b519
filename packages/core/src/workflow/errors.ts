export type WorkflowProblemCode =
  | "invalid_slug"
  | "invalid_step_key"
  | "duplicate_step_key"
  | "duplicate_slug"
  | "unknown_dependency"
  | "cycle"
  | "unknown_agent"
  | "invalid_options"
  | "approval_missing_target"
  | "approval_needs_one_dependency"
  | "approval_target_not_found"
  | "approval_evidence_not_found"
  | "input_path_malformed"
  | "input_path_not_ancestor"
  | "input_path_not_found"
  | "input_unknown_field"
  | "input_missing_required"
  | "multiple_synthesis"
  | "synthesis_unreachable"
  | "side_effect_without_approval"
  | "params_source_invalid"
  | "reads_around_approval"
  | "input_type_mismatch"
  | "invalid_dag_json";

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  /** The step the problem is about; absent for workflow-level problems. */
  stepKey?: string;
  message: string;
}

/** Every problem of a workflow definition at once, so one edit can fix them all. */
export class WorkflowDefinitionError extends Error {
  override readonly name = "WorkflowDefinitionError";
  constructor(
    readonly slug: string,
    readonly problems: readonly WorkflowProblem[],
  ) {
    super(
      `workflow "${slug}" is invalid:\n${problems.map((p) => `- ${p.stepKey ? `[${p.stepKey}] ` : ""}${p.message} (${p.code})`).join("\n")}`,
    );
  }
}
