import { z } from "zod";
import type { AgentRegistry } from "../agents/registry.ts";
import type { ApprovalStepDef, WorkflowStepDef } from "./types.ts";

/** What the synthesis step outputs: the report. */
export const synthesisOutputSchema = z.object({ markdown: z.string() });

/**
 * The output schema of each step, by key: the agent's own, the report for synthesis, and for an
 * approval gate an object holding just the reviewed field, typed as in the step it gates.
 * Steps whose schema cannot be known (unknown agent, bad gate) are absent.
 */
export function stepOutputSchemas(
  steps: readonly WorkflowStepDef[],
  registry: AgentRegistry,
): Map<string, z.ZodObject> {
  const schemas = new Map<string, z.ZodObject>();
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const resolve = (step: WorkflowStepDef, seen: Set<string>): z.ZodObject | undefined => {
    if (schemas.has(step.key)) return schemas.get(step.key);
    if (seen.has(step.key)) return undefined;
    seen.add(step.key);
    const schema = outputSchemaOf(step, registry, byKey, (s) => resolve(s, seen));
    if (schema) schemas.set(step.key, schema);
    return schema;
  };
  for (const step of steps) resolve(step, new Set());
  return schemas;
}

function outputSchemaOf(
  step: WorkflowStepDef,
  registry: AgentRegistry,
  byKey: Map<string, WorkflowStepDef>,
  resolve: (step: WorkflowStepDef) => z.ZodObject | undefined,
): z.ZodObject | undefined {
  switch (step.kind) {
    case "agent":
      return registry.get(step.agentName)?.output;
    case "approval":
      return approvalOutputSchema(step, byKey, resolve);
    case "synthesis":
      return synthesisOutputSchema;
  }
}

function approvalOutputSchema(
  step: ApprovalStepDef,
  byKey: Map<string, WorkflowStepDef>,
  resolve: (step: WorkflowStepDef) => z.ZodObject | undefined,
): z.ZodObject | undefined {
  const field = step.targetOutputField;
  const [depKey, ...others] = step.dependsOn ?? [];
  const dep = depKey === undefined ? undefined : byKey.get(depKey);
  if (!field || !dep || others.length > 0) return undefined;
  const shape = resolve(dep)?.shape ?? {};
  const fieldSchema = Object.hasOwn(shape, field) ? (shape as Record<string, z.ZodType>)[field] : undefined;
  return fieldSchema ? z.object({ [field]: fieldSchema }) : undefined;
}
