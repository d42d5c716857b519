import type { z } from "zod";
import type { approvalOptionsSchema } from "./nodes.ts";

/** Where a step's input comes from: a brief field, a run parameter, or a path into an ancestor step's output. */
export type InputPath<K extends string = string> =
  | `brief.${string}`
  | `params.${string}`
  | `${K}.output.${string}`;

/** What a step does: run an agent, wait for a human's decision, or write the run's report. */
export type StepKind = "agent" | "approval" | "synthesis";

/**
 * One node of a workflow DAG, tagged by `kind`. `K` is the union of the workflow's step keys, so a
 * `dependsOn` or `inputMap` naming a key that does not exist is a compile error inside `defineWorkflow`.
 */
export type WorkflowStepDef<K extends string = string> =
  | AgentStepDef<K>
  | ApprovalStepDef<K>
  | SynthesisStepDef<K>;

interface StepDefBase<K extends string> {
  /** Stable, human-readable id, unique in the workflow: `[a-z][a-z0-9_]*`. */
  key: K;
  label: string;
  dependsOn?: readonly NoInfer<K>[];
  /** Attempts before the step fails, the first included; the runner's policy applies when absent. */
  maxAttempts?: number;
}

/** Runs the registered agent `agentName` on the input its `inputMap` resolves. */
export interface AgentStepDef<K extends string = string> extends StepDefBase<K> {
  kind: "agent";
  /** A registered agent's `name`. */
  agentName: string;
  /** Agent input field -> path of the value, e.g. `{ handle: "brief.handle" }`. */
  inputMap?: Readonly<Record<string, InputPath<NoInfer<K>>>>;
  /** Agent options, checked against the agent's options schema when the workflow is defined. */
  options?: Readonly<Record<string, unknown>>;
}

/** Waits for a human to approve (maybe edit) or reject one field of the one step it depends on. */
export interface ApprovalStepDef<K extends string = string> extends StepDefBase<K> {
  kind: "approval";
  /** The top-level field of the reviewed step's output a human reviews and may edit. */
  targetOutputField: string;
  options?: Readonly<z.input<typeof approvalOptionsSchema>>;
}

/** Writes the run's Markdown report from the outputs of every step before it; at most one per workflow. */
export interface SynthesisStepDef<K extends string = string> extends StepDefBase<K> {
  kind: "synthesis";
}

export interface WorkflowDef<K extends string = string> {
  /** `[a-z][a-z0-9_]*`; a brief's outcome names the workflow that serves it. */
  slug: string;
  name: string;
  description: string;
  steps: readonly WorkflowStepDef<K>[];
  /**
   * Per-run inputs a brief or an ad-hoc run passes (a competitor list, a campaign id, a budget),
   * read in an inputMap as `params.<field>`. Validated when the run starts; the dashboard renders
   * its form from this schema.
   */
  params?: z.ZodObject;
  /**
   * Params that, when a run does not pass them, come from the latest succeeded run of another
   * workflow about the same handle: `{ campaignId: { workflow: "campaign_launch", path:
   * "publish.output.campaign.campaign_id" } }`. A run that can find none fails to start, naming the param.
   */
  paramsFromLatestRun?: Readonly<Record<string, LatestRunSource>>;
}

/** Where a param comes from when a run leaves it out: a value of another workflow's latest run. */
export interface LatestRunSource {
  /** The slug of the workflow whose latest succeeded run (same handle) is read. */
  workflow: string;
  /** `<stepKey>.output.<path>` in that run. */
  path: `${string}.output.${string}`;
}
