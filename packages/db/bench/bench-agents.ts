import { AgentRegistry, defineWorkflow, toDagJson, type WorkflowDef } from "@tiktok-army/core";
import { benchDagWorkflow, fakeAgent } from "@tiktok-army/core/testing";
import type { Engine } from "../src/engine.ts";
import { createWorkspaceWithKey } from "../src/workspaces.ts";

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

/** `length` no-op steps in a line: each step's start waits for the previous one's completion. */
export function benchChain(length: number): WorkflowDef {
  return defineWorkflow(
    {
      slug: `bench_chain_${length}`,
      name: `Bench chain of ${length}`,
      description: "",
      steps: Array.from({ length }, (_, i) => ({
        key: `s${i}`,
        kind: "agent" as const,
        agentName: "noop",
        label: `s${i}`,
        dependsOn: i === 0 ? [] : [`s${i - 1}`],
      })),
    },
    BENCH_REGISTRY,
  );
}

export const CHAIN = benchChain(10);

/** The core bench's 12-step DAG of sleeping steps. */
export const PARALLEL: WorkflowDef = benchDagWorkflow("noop", BENCH_REGISTRY);

/** A fresh workspace holding `workflows` as stored definitions; its id. */
export async function workspaceWith(engine: Engine, workflows: WorkflowDef[]): Promise<string> {
  const { workspace } = await createWorkspaceWithKey(
    engine.prisma,
    `bench-${Math.random().toString(36).slice(2)}`,
  );
  for (const w of workflows)
    await engine.prisma.workflow.create({
      data: {
        id: crypto.randomUUID(),
        workspaceId: workspace.id,
        slug: w.slug,
        name: w.name,
        description: w.description,
        dag: toDagJson(w) as object,
      },
    });
  return workspace.id;
}
