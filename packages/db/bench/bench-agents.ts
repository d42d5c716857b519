import { AgentRegistry, defineWorkflow, type WorkflowDef } from "@tiktok-army/core";
import { fakeAgent } from "@tiktok-army/core/testing";

/** A no-op agent (0 ms unless `delay_ms` is set): what is left of a step's time is orchestration. */
export const BENCH_REGISTRY = new AgentRegistry([fakeAgent({ name: "noop" })]);

/** a -> (b, c) -> d: four steps, two of them parallel. */
export const DIAMOND = defineWorkflow(
  {
    slug: "bench_diamond",
    name: "Bench diamond",
    description: "",
    steps: [
      { key: "a", agentName: "noop", label: "a" },
      { key: "b", agentName: "noop", label: "b", dependsOn: ["a"] },
      { key: "c", agentName: "noop", label: "c", dependsOn: ["a"] },
      { key: "d", agentName: "noop", label: "d", dependsOn: ["b", "c"] },
    ],
  },
  BENCH_REGISTRY,
);

/** Ten no-op steps in a line: each step's start waits for the previous one's completion. */
export const CHAIN = defineWorkflow(
  {
    slug: "bench_chain",
    name: "Bench chain",
    description: "",
    steps: Array.from({ length: 10 }, (_, i) => ({
      key: `s${i}`,
      agentName: "noop",
      label: `s${i}`,
      dependsOn: i === 0 ? [] : [`s${i - 1}`],
    })),
  },
  BENCH_REGISTRY,
);

/** The 12-step DAG of the core bench, with sleeping steps (delays in ms). */
export const PARALLEL_DELAYS: Record<string, [number, string[]]> = {
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

export const PARALLEL: WorkflowDef = defineWorkflow(
  {
    slug: "bench_parallel",
    name: "Bench parallel",
    description: "",
    steps: Object.entries(PARALLEL_DELAYS).map(([key, [delay, deps]]) => ({
      key,
      agentName: "noop",
      label: key,
      dependsOn: deps,
      options: { delay_ms: delay },
    })),
  },
  BENCH_REGISTRY,
);

export function criticalPath(delays: Record<string, [number, string[]]>): number {
  const finish = new Map<string, number>();
  for (const [key, [delay, deps]] of Object.entries(delays))
    finish.set(key, delay + Math.max(0, ...deps.map((d) => finish.get(d) ?? 0)));
  return Math.max(...finish.values());
}
