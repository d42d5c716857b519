import { AgentRegistry, defineWorkflow, type WorkflowDef } from "@tiktok-army/core";
import { benchDagWorkflow, fakeAgent } from "@tiktok-army/core/testing";

/** A no-op agent (0 ms unless `delay_ms` is set): what is left of a step's time is orchestration. */
export const BENCH_REGISTRY = new AgentRegistry([fakeAgent({ name: "noop" })]);

/** a -> (b, c) -> d: four steps, two of them parallel. */
export const DIAMOND = defineWorkflow(
  {
    slug: "bench_diamond",
    name: "Bench diamond",
    description: "",
    steps: [
      { key: "a", kind: "agent", agentName: "noop", label: "a" },
      { key: "b", kind: "agent", agentName: "noop", label: "b", dependsOn: ["a"] },
      { key: "c", kind: "agent", agentName: "noop", label: "c", dependsOn: ["a"] },
      { key: "d", kind: "agent", agentName: "noop", label: "d", dependsOn: ["b", "c"] },
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
      kind: "agent" as const,
      agentName: "noop",
      label: `s${i}`,
      dependsOn: i === 0 ? [] : [`s${i - 1}`],
    })),
  },
  BENCH_REGISTRY,
);

/** The core bench's 12-step DAG of sleeping steps. */
export const PARALLEL: WorkflowDef = benchDagWorkflow("noop", BENCH_REGISTRY);
