import { WorkflowDefinitionError, type WorkflowProblem } from "./errors.ts";
import type { WorkflowStepDef } from "./types.ts";

/**
 * Orders steps so every step comes after its dependencies; ties keep declaration order, so the
 * order is stable across runs. Throws WorkflowDefinitionError on an unknown dependency or a cycle.
 */
export function topoSort<S extends Pick<WorkflowStepDef, "key" | "dependsOn">>(
  steps: readonly S[],
  slug = "?",
): S[] {
  const problems = findGraphProblems(steps);
  if (problems.length > 0) throw new WorkflowDefinitionError(slug, problems);
  const remaining = new Map(steps.map((s) => [s.key, new Set(s.dependsOn ?? [])]));
  const sorted: S[] = [];
  while (sorted.length < steps.length) {
    for (const step of steps) {
      const deps = remaining.get(step.key);
      if (!deps || deps.size > 0) continue;
      remaining.delete(step.key);
      sorted.push(step);
      for (const other of remaining.values()) other.delete(step.key);
    }
  }
  return sorted;
}

/** Duplicate keys, unknown dependencies and cycles (each cycle named by its keys), without throwing. */
export function findGraphProblems(
  steps: readonly Pick<WorkflowStepDef, "key" | "dependsOn">[],
): WorkflowProblem[] {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const problems: WorkflowProblem[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.key))
      problems.push({
        code: "duplicate_step_key",
        stepKey: step.key,
        message: `duplicate step key "${step.key}"`,
      });
    seen.add(step.key);
  }
  for (const step of steps) {
    for (const dep of step.dependsOn ?? []) {
      if (!byKey.has(dep))
        problems.push({
          code: "unknown_dependency",
          stepKey: step.key,
          message: `depends on unknown step "${dep}"`,
        });
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (key: string): void => {
    state.set(key, "visiting");
    path.push(key);
    for (const dep of byKey.get(key)?.dependsOn ?? []) {
      if (!byKey.has(dep)) continue;
      if (state.get(dep) === "visiting") {
        const cycle = [...path.slice(path.indexOf(dep)), dep];
        problems.push({ code: "cycle", stepKey: dep, message: `dependency cycle: ${cycle.join(" -> ")}` });
      } else if (!state.has(dep)) visit(dep);
    }
    path.pop();
    state.set(key, "done");
  };
  for (const step of steps) if (!state.has(step.key)) visit(step.key);
  return problems;
}
