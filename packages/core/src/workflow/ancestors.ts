import type { WorkflowStepDef } from "./types.ts";

/** Every step each step depends on, directly or transitively. Tolerates unknown keys and cycles. */
export function ancestorsByKey(
  steps: readonly Pick<WorkflowStepDef, "key" | "dependsOn">[],
): Map<string, Set<string>> {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const result = new Map<string, Set<string>>();
  for (const step of steps) {
    const seen = new Set<string>();
    const stack = [...(step.dependsOn ?? [])];
    while (stack.length > 0) {
      const key = stack.pop() as string;
      if (seen.has(key) || !byKey.has(key)) continue;
      seen.add(key);
      stack.push(...(byKey.get(key)?.dependsOn ?? []));
    }
    result.set(step.key, seen);
  }
  return result;
}

/** The step and everything that depends on it, directly or transitively. */
export function downstreamOf(
  steps: readonly Pick<WorkflowStepDef, "key" | "dependsOn">[],
  key: string,
): Set<string> {
  const ancestors = ancestorsByKey(steps);
  return new Set([key, ...steps.filter((s) => ancestors.get(s.key)?.has(key)).map((s) => s.key)]);
}
