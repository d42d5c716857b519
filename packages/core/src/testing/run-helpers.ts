import { z } from "zod";
import { AgentRegistry } from "../agents/registry.ts";
import { InMemoryRunStore } from "../runner/memory-store.ts";
import type { RunState } from "../runner/run-state.ts";
import { type RunWorkflowInlineOptions, runWorkflowInline } from "../runner/run-workflow-inline.ts";
import type { WorkflowDef } from "../workflow/types.ts";
import { fakeAgent } from "./fake-agent.ts";

/**
 * Runs a workflow to completion (or to its first approval gate) in memory and returns the report
 * together with the final run state, for assertions on steps, traces and events.
 */
export async function runToCompletion(
  workflow: WorkflowDef,
  options: Partial<RunWorkflowInlineOptions> = {},
): Promise<{ report: string | null; state: RunState; store: InMemoryRunStore; runId: string }> {
  const store = (options.store as InMemoryRunStore | undefined) ?? new InMemoryRunStore(options.now);
  const runId = options.workflowRunId ?? `run-${workflow.slug}-${Math.random().toString(36).slice(2, 8)}`;
  const report = await runWorkflowInline({
    workspaceId: "test-workspace",
    brief: { handle: "lakucosmetics", targetType: "brand" },
    ...options,
    workflow,
    store,
    workflowRunId: runId,
  });
  const state = await store.load(runId);
  if (!state) throw new Error("run was not stored");
  return { report, state, store, runId };
}

/** A registry of `sleeper` agents that wait `delay_ms` and output their step's input echoed. */
export function sleeperRegistry(): AgentRegistry {
  return new AgentRegistry([
    fakeAgent({
      name: "sleeper",
      input: z.object({ after: z.array(z.string()).optional() }),
      output: z.object({ value: z.string() }),
      run: () => ({ value: "done" }),
    }),
  ]);
}
