import type { AgentRegistry } from "../agents/registry.ts";
import { defineWorkflow } from "../workflow/define-workflow.ts";
import type { WorkflowDef } from "../workflow/types.ts";

/** The 12-step DAG the benchmarks run: step key -> [how long it sleeps in ms, what it depends on]. */
export const BENCH_DAG: Readonly<Record<string, readonly [number, readonly string[]]>> = {
  s01: [100, []],
  s02: [80, ["s01"]],
  s03: [120, ["s01"]],
  s04: [60, ["s01"]],
  s05: [100, ["s02", "s03"]],
  s06: [50, ["s03", "s04"]],
  s07: [150, ["s04"]],
  s08: [70, ["s05"]],
  s09: [90, ["s06", "s07"]],
  s10: [40, ["s05", "s06"]],
  s11: [60, ["s08", "s09", "s10"]],
  s12: [50, ["s11"]],
};

/** BENCH_DAG as a workflow of `agentName` steps, an agent that sleeps its `delay_ms` option (fakeAgent). */
export function benchDagWorkflow(agentName: string, registry: AgentRegistry): WorkflowDef {
  const steps = Object.entries(BENCH_DAG).map(([key, [delay, deps]]) => ({
    key,
    kind: "agent" as const,
    agentName,
    label: key,
    dependsOn: [...deps],
    options: { delay_ms: delay },
  }));
  return defineWorkflow({ slug: "bench_parallel", name: "Bench parallel", description: "", steps }, registry);
}

/** The lower bound of any scheduler's wall time: the longest chain of sleeps. */
export function criticalPathMs(dag: typeof BENCH_DAG = BENCH_DAG): number {
  const finish = new Map<string, number>();
  for (const [key, [delay, deps]] of Object.entries(dag))
    finish.set(key, delay + Math.max(0, ...deps.map((d) => finish.get(d) ?? 0)));
  return Math.max(...finish.values());
}

/** What a runner that executes one step at a time takes. */
export function serialSumMs(dag: typeof BENCH_DAG = BENCH_DAG): number {
  return Object.values(dag).reduce((sum, [delay]) => sum + delay, 0);
}
