/** Where a step's input comes from: a brief field, or a path into an ancestor step's output. */
export type InputPath<K extends string = string> = `brief.${string}` | `${K}.output.${string}`;

/**
 * One node of a workflow DAG. `K` is the union of the workflow's step keys, so a `dependsOn` or
 * `inputMap` naming a key that does not exist is a compile error inside `defineWorkflow`.
 */
export interface WorkflowStepDef<K extends string = string> {
  /** Stable, human-readable id, unique in the workflow: `[a-z][a-z0-9_]*`. */
  key: K;
  /** A registered agent, APPROVAL_NODE or SYNTHESIS_NODE. */
  agentName: string;
  label: string;
  dependsOn?: readonly NoInfer<K>[];
  /** Agent input field -> path of the value, e.g. `{ handle: "brief.handle" }`. */
  inputMap?: Readonly<Record<string, InputPath<NoInfer<K>>>>;
  /** Agent options, checked against the agent's options schema when the workflow is defined. */
  options?: Readonly<Record<string, unknown>>;
  /** Attempts before the step fails, the first included; the runner's policy applies when absent. */
  maxAttempts?: number;
  /** Approval gates only: the field of the upstream step's output a human reviews and may edit. */
  targetOutputField?: string;
}

export interface WorkflowDef<K extends string = string> {
  /** `[a-z][a-z0-9_]*`; a brief's outcome names the workflow that serves it. */
  slug: string;
  name: string;
  description: string;
  steps: readonly WorkflowStepDef<K>[];
}
