import type { z } from "zod";
import type { Agent, AgentContext } from "../agents/contract.ts";
import { createOfflineAds } from "../data/offline-ads-port.ts";
import { createOfflineProvider } from "../data/offline-provider.ts";
import { TraceRecorder } from "../runner/trace.ts";
import { agentCaller, tracedLlm } from "../runner/traced-llm.ts";
import { createFixtureLlm, type FixtureLlm } from "./fake-llm.ts";

/** The clock agent tests pin, so offline data and windows are the same on every run. */
export const TEST_NOW = new Date("2026-11-01T12:00:00Z");

export type AgentTestContext = Omit<AgentContext, "llm" | "trace"> & {
  llm: FixtureLlm;
  trace: TraceRecorder;
};

/**
 * A context for running one agent in a test: fixture LLM, offline data and a trace, all on a pinned
 * clock. Options are passed raw: `executeAgent` parses them with the agent's schema.
 */
export function createAgentTestContext(overrides: Partial<AgentTestContext> = {}): AgentTestContext {
  const now = overrides.now ?? (() => TEST_NOW);
  const trace = overrides.trace ?? new TraceRecorder(now);
  return {
    llm: createFixtureLlm(),
    data: createOfflineProvider({ now }),
    ads: createOfflineAds()({ workspaceId: "test", trace }),
    options: {},
    trace,
    signal: new AbortController().signal,
    run: { workflowRunId: "run-test", workflowSlug: "test_workflow", stepKey: "step" },
    now,
    ...overrides,
  };
}

/**
 * Runs an agent as the runner would: input and options parsed by its schemas (defaults applied), model calls
 * stamped with the agent and traced, output parsed by its output schema.
 * @example
 * const out = await executeAgent(trendWatcher, { category: "beauty" }, { region: "GB" });
 */
export async function executeAgent<I extends z.ZodObject, O extends z.ZodObject, P extends z.ZodObject>(
  agent: Agent<I, O, P>,
  input: z.input<I>,
  options: z.input<P> = {} as z.input<P>,
  ctx: AgentTestContext = createAgentTestContext(),
): Promise<z.infer<O>> {
  const parsedOptions = agent.options.strict().parse(options) as z.infer<P>;
  const llm = tracedLlm(ctx.llm, ctx.trace, agentCaller(agent, ctx.run.workflowSlug));
  const output = await agent.execute(agent.input.parse(input), { ...ctx, llm, options: parsedOptions });
  return agent.output.parse(output);
}
