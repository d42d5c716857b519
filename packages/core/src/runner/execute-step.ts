import type { z } from "zod";
import type { AgentRegistry } from "../agents/registry.ts";
import type { TikTokDataProvider } from "../data/provider.ts";
import type { LlmPort } from "../llm/port.ts";
import { APPROVAL_NODE, SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { describeError, NonRetriableError } from "./errors.ts";
import { resolveStepInput } from "./resolve-input.ts";
import type { RunState } from "./run-state.ts";
import { writeReport } from "./synthesis.ts";
import { type TraceEntry, TraceRecorder } from "./trace.ts";
import { agentCaller, reportCaller, tracedLlm } from "./traced-llm.ts";

export interface StepDeps {
  llm: LlmPort;
  data: TikTokDataProvider;
  registry: AgentRegistry;
  now: () => Date;
}

export interface PreparedStep {
  stepKey: string;
  input: Record<string, unknown>;
  options: Record<string, unknown>;
}

export type StepOutcome =
  | { ok: true; output: unknown; trace: TraceEntry[] }
  | { ok: false; error: string; retriable: boolean; trace: TraceEntry[] };

/**
 * Resolves a step's input from the run so far and parses its options. Throws NonRetriableError when
 * the input cannot be built or does not fit the agent: running again would not change that.
 */
export function prepareStep(state: RunState, stepKey: string, registry: AgentRegistry): PreparedStep {
  const step = state.dag.steps.find((s) => s.key === stepKey);
  if (!step) throw new NonRetriableError(`run has no step "${stepKey}"`);
  const outputs = Object.fromEntries(Object.values(state.steps).map((s) => [s.key, s.output]));
  if (step.agentName === SYNTHESIS_NODE)
    return { stepKey, input: synthesisInput(state, stepKey), options: {} };
  if (step.agentName === APPROVAL_NODE)
    throw new NonRetriableError("an approval gate is decided, not executed");
  const agent = registry.get(step.agentName);
  if (!agent) throw new NonRetriableError(`unknown agent: ${step.agentName}`);
  try {
    const input = agent.input.parse(resolveStepInput(step, state.brief, outputs));
    const options = agent.options.parse(step.options ?? {});
    return { stepKey, input, options };
  } catch (error) {
    throw new NonRetriableError(`step "${stepKey}": ${describeError(error)}`, { cause: error });
  }
}

/** Runs a prepared step once: the agent (or the report writer), its LLM calls traced, its output checked. */
export async function executeStep(
  state: RunState,
  prepared: PreparedStep,
  deps: StepDeps,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const trace = new TraceRecorder(deps.now);
  const step = state.dag.steps.find((s) => s.key === prepared.stepKey);
  try {
    if (step?.agentName === SYNTHESIS_NODE) {
      const llm = tracedLlm(deps.llm, trace, reportCaller(state.workflowSlug));
      const markdown = await writeReport(llm, state, prepared.input, signal);
      return { ok: true, output: { markdown }, trace: trace.entries };
    }
    const agent = deps.registry.get(step?.agentName ?? "");
    if (!agent) throw new NonRetriableError(`unknown agent: ${step?.agentName}`);
    const raw = await agent.execute(prepared.input, {
      llm: tracedLlm(deps.llm, trace, agentCaller(agent, state.workflowSlug)),
      data: deps.data,
      options: prepared.options,
      trace,
      signal,
      run: { workflowRunId: state.id, workflowSlug: state.workflowSlug, stepKey: prepared.stepKey },
      now: deps.now,
    });
    const parsed = (agent.output as z.ZodObject).safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        error: `agent ${agent.name} returned output that does not match its schema: ${describeError(parsed.error)}`,
        retriable: true,
        trace: trace.entries,
      };
    return { ok: true, output: parsed.data, trace: trace.entries };
  } catch (error) {
    return {
      ok: false,
      error: describeError(error),
      retriable: !(error instanceof NonRetriableError),
      trace: trace.entries,
    };
  }
}

function synthesisInput(state: RunState, stepKey: string): Record<string, unknown> {
  const outputs: Record<string, { agentName: string; label: string; output: unknown }> = {};
  for (const step of state.dag.steps) {
    if (step.key === stepKey || state.steps[step.key]?.status !== "succeeded") continue;
    outputs[step.key] = {
      agentName: step.agentName,
      label: step.label,
      output: state.steps[step.key]?.output,
    };
  }
  return { brief: state.brief, outputs };
}
