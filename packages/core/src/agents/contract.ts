import type { z } from "zod";
import type { TikTokAdsPort } from "../data/ads.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import type { LlmFixture, StepLlm } from "../llm/port.ts";
import type { TraceRecorder } from "../runner/trace.ts";

/** What running an agent can do to the world. Anything but `none` needs an approval gate upstream. */
export type SideEffect = "none" | "publishes" | "sends" | "spends";

export interface AgentContext {
  /** Every call through this port is stamped with the agent's name and recorded in the step's trace. */
  llm: StepLlm;
  data: TikTokDataProvider;
  /** Campaign actions on the workspace's advertiser account; only agents that spend, behind a gate, use it. */
  ads: TikTokAdsPort;
  /** The step's `options`, parsed by the agent's options schema. */
  options: Record<string, unknown>;
  trace: TraceRecorder;
  signal: AbortSignal;
  /** The run's identity, for idempotency keys of side effects: one key per (run, step, item). */
  run: { workflowRunId: string; workflowSlug: string; stepKey: string };
  now: () => Date;
}

export interface Agent<
  TInput extends z.ZodObject = z.ZodObject,
  TOutput extends z.ZodObject = z.ZodObject,
  TOptions extends z.ZodObject = z.ZodObject,
> {
  name: string;
  description: string;
  input: TInput;
  output: TOutput;
  /** Step options the agent understands; unknown keys are rejected when the workflow is defined. */
  options: TOptions;
  sideEffects: SideEffect;
  /**
   * What the model answers this agent in mock mode (`CLAUDE_MODE=mock`, tests): a function of the request that
   * writes from its `context`, the facts the agent computed. Needed when `execute` calls `ctx.llm`.
   */
  mockReply?: LlmFixture;
  execute(
    input: z.infer<TInput>,
    ctx: Omit<AgentContext, "options"> & { options: z.infer<TOptions> },
  ): Promise<z.infer<TOutput>>;
}

/**
 * Declares an agent with its schemas; types of `execute` are inferred from them.
 * @example
 * export const echo = defineAgent({ name: "echo", description: "Repeats", sideEffects: "none",
 *   input: z.object({ text: z.string() }), output: z.object({ text: z.string() }), options: z.object({}),
 *   mockReply: (request) => ({ text: `mock: ${request.prompt}` }),
 *   execute: async ({ text }, ctx) =>
 *     (await ctx.llm.structured({ system: "Repeat", prompt: text, schema: z.object({ text: z.string() }) })).value });
 */
export function defineAgent<
  TInput extends z.ZodObject,
  TOutput extends z.ZodObject,
  TOptions extends z.ZodObject,
>(agent: Agent<TInput, TOutput, TOptions>): Agent<TInput, TOutput, TOptions> {
  return agent;
}

/** Any agent, whatever its schemas; what registries and runners hold. */
// biome-ignore lint/suspicious/noExplicitAny: the registry stores agents of every shape
export type AnyAgent = Agent<any, any, any>;
