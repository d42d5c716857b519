import { z } from "zod";
import { AGENT_REGISTRY } from "../agents/index.ts";
import type { AgentRegistry } from "../agents/registry.ts";
import { defineWorkflow } from "./define-workflow.ts";
import { WorkflowDefinitionError } from "./errors.ts";
import type { InputPath, WorkflowDef } from "./types.ts";

/** The DAG as stored in PostgreSQL (Workflow.dag, WorkflowRun.dag snapshot). Versioned for later changes. */
export const dagJsonSchema = z.object({
  version: z.literal(1),
  steps: z.array(
    z.object({
      key: z.string(),
      agentName: z.string(),
      label: z.string(),
      dependsOn: z.array(z.string()).optional(),
      inputMap: z.record(z.string(), z.string()).optional(),
      options: z.record(z.string(), z.json()).optional(),
      maxAttempts: z.number().int().min(1).max(20).optional(),
      targetOutputField: z.string().optional(),
    }),
  ),
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

/** A workflow's steps as plain JSON. `fromDagJson(toDagJson(def))` gives back an equal definition. */
export function toDagJson(def: WorkflowDef): DagJson {
  const json: DagJson = {
    version: 1,
    steps: def.steps.map((step) => {
      const json: DagJson["steps"][number] = { key: step.key, agentName: step.agentName, label: step.label };
      if (step.dependsOn) json.dependsOn = [...step.dependsOn];
      if (step.inputMap) json.inputMap = { ...step.inputMap };
      if (step.options) json.options = structuredClone(step.options) as Record<string, z.core.util.JSONType>;
      if (step.maxAttempts !== undefined) json.maxAttempts = step.maxAttempts;
      if (step.targetOutputField !== undefined) json.targetOutputField = step.targetOutputField;
      return json;
    }),
  };
  if (def.params) json.params = paramsJsonSchema(def.params);
  if (def.paramsFromLatestRun) json.paramsFromLatestRun = structuredClone(def.paramsFromLatestRun);
  return json;
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
  const steps = parsed.data.steps.map((step) => ({
    ...step,
    inputMap: step.inputMap as Record<string, InputPath> | undefined,
  }));
  for (const step of steps) {
    for (const key of ["dependsOn", "inputMap", "options", "maxAttempts", "targetOutputField"] as const)
      if (step[key] === undefined) delete step[key];
  }
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
