import { z } from "zod";
import { AGENT_REGISTRY } from "../agents/index.ts";
import type { AgentRegistry } from "../agents/registry.ts";
import { defineWorkflow } from "./define-workflow.ts";
import { WorkflowDefinitionError } from "./errors.ts";
import { APPROVAL_NODE, SYNTHESIS_NODE } from "./nodes.ts";
import type { WorkflowDef, WorkflowStepDef } from "./types.ts";

const stepJsonBase = {
  key: z.string(),
  label: z.string(),
  dependsOn: z.array(z.string()).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
};
// Shapes list their fields in the order toDagJson writes them: a parsed DAG prints as it was stored.
const agentStepJsonSchema = z.object({
  key: stepJsonBase.key,
  kind: z.literal("agent"),
  agentName: z.string(),
  label: stepJsonBase.label,
  dependsOn: stepJsonBase.dependsOn,
  inputMap: z.record(z.string(), z.string()).optional(),
  options: z.record(z.string(), z.json()).optional(),
  maxAttempts: stepJsonBase.maxAttempts,
});
const approvalStepJsonSchema = z.object({
  key: stepJsonBase.key,
  kind: z.literal("approval"),
  label: stepJsonBase.label,
  dependsOn: stepJsonBase.dependsOn,
  options: z.record(z.string(), z.json()).optional(),
  maxAttempts: stepJsonBase.maxAttempts,
  targetOutputField: z.string(),
});
const synthesisStepJsonSchema = z.object({
  key: stepJsonBase.key,
  kind: z.literal("synthesis"),
  label: stepJsonBase.label,
  dependsOn: stepJsonBase.dependsOn,
  maxAttempts: stepJsonBase.maxAttempts,
});

/**
 * A stored step. DAG JSON written before steps had a `kind` has none: its gates and its report were
 * steps with the reserved agent names APPROVAL_NODE and SYNTHESIS_NODE, and every other step ran
 * an agent. Such a step is read as the kind it was, without the reserved name.
 */
const stepJsonSchema = z.preprocess(
  withKind,
  z.discriminatedUnion("kind", [agentStepJsonSchema, approvalStepJsonSchema, synthesisStepJsonSchema]),
);

function withKind(step: unknown): unknown {
  if (typeof step !== "object" || step === null || "kind" in step) return step;
  const { agentName, ...rest } = step as Record<string, unknown>;
  if (agentName === APPROVAL_NODE) return { ...rest, kind: "approval" };
  if (agentName === SYNTHESIS_NODE) return { ...rest, kind: "synthesis" };
  return { ...step, kind: "agent" };
}

/**
 * The DAG as stored in PostgreSQL (Workflow.dag, WorkflowRun.dag snapshot). Versioned for later changes.
 * Parsing also reads the form written before steps had a `kind` (see `stepJsonSchema`), so read
 * stored JSON through it, never with a cast; `toDagJson` writes every step with its `kind`.
 */
export const dagJsonSchema = z.object({
  version: z.literal(1),
  steps: z.array(stepJsonSchema),
  /** The workflow's params as JSON Schema (draft 2020-12), the input side of its zod schema. */
  params: z.record(z.string(), z.json()).optional(),
  paramsFromLatestRun: z
    .record(
      z.string(),
      z.object({ workflow: z.string(), path: z.templateLiteral([z.string(), ".output.", z.string()]) }),
    )
    .optional(),
});
export type DagJson = z.infer<typeof dagJsonSchema>;
type StepJson = DagJson["steps"][number];

/** A workflow's steps as plain JSON. `fromDagJson(toDagJson(def))` gives back an equal definition. */
export function toDagJson(def: WorkflowDef): DagJson {
  const json: DagJson = { version: 1, steps: def.steps.map(stepToJson) };
  if (def.params) json.params = paramsJsonSchema(def.params);
  if (def.paramsFromLatestRun) json.paramsFromLatestRun = structuredClone(def.paramsFromLatestRun);
  return json;
}

function stepToJson(step: WorkflowStepDef): StepJson {
  const { key, label, maxAttempts } = step;
  const dependsOn = step.dependsOn && [...step.dependsOn];
  switch (step.kind) {
    case "agent": {
      const { kind, agentName } = step;
      const inputMap = step.inputMap && { ...step.inputMap };
      const options = jsonCopy(step.options);
      return { key, kind, agentName, label, ...present({ dependsOn, inputMap, options, maxAttempts }) };
    }
    case "approval": {
      const { kind, targetOutputField } = step;
      const options = jsonCopy(step.options);
      return { key, kind, label, ...present({ dependsOn, options, maxAttempts }), targetOutputField };
    }
    case "synthesis":
      return { key, kind: step.kind, label, ...present({ dependsOn, maxAttempts }) };
  }
}

/** The fields that are set: stored JSON holds no `undefined`. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function jsonCopy(options: Readonly<Record<string, unknown>> | undefined) {
  return options && (structuredClone(options) as Record<string, z.core.util.JSONType>);
}

/** A params schema as the JSON Schema of what a caller sends (the dashboard renders its form from it). */
export function paramsJsonSchema(params: z.ZodObject): Record<string, z.core.util.JSONType> {
  return z.toJSONSchema(params, { io: "input", unrepresentable: "any" }) as Record<
    string,
    z.core.util.JSONType
  >;
}

/** Rebuilds (and re-validates) a workflow from stored JSON; bad JSON is a WorkflowDefinitionError. */
export function fromDagJson(
  stored: { slug: string; name: string; description: string; dag: unknown },
  registry: AgentRegistry = AGENT_REGISTRY,
): WorkflowDef {
  const parsed = dagJsonSchema.safeParse(stored.dag);
  if (!parsed.success) {
    throw new WorkflowDefinitionError(
      stored.slug,
      parsed.error.issues.map((issue) => ({
        code: "invalid_dag_json",
        message: `dag.${issue.path.join(".")}: ${issue.message}`,
      })),
    );
  }
  // Stored paths and options are plain JSON: the validation below checks them like any definition's.
  const steps = parsed.data.steps as WorkflowStepDef[];
  const def: WorkflowDef = { slug: stored.slug, name: stored.name, description: stored.description, steps };
  if (parsed.data.params) def.params = paramsFromJsonSchema(stored.slug, parsed.data.params);
  if (parsed.data.paramsFromLatestRun) def.paramsFromLatestRun = parsed.data.paramsFromLatestRun;
  return defineWorkflow<string>(def, registry);
}

function paramsFromJsonSchema(slug: string, json: Record<string, unknown>): z.ZodObject {
  let schema: z.ZodType | undefined;
  try {
    schema = z.fromJSONSchema(json as z.core.JSONSchema.JSONSchema);
  } catch {
    // Reported below like any other schema that is not an object's.
  }
  if (schema instanceof z.ZodObject) return schema;
  throw new WorkflowDefinitionError(slug, [
    { code: "invalid_dag_json", message: "dag.params: must be the JSON Schema of an object" },
  ]);
}
