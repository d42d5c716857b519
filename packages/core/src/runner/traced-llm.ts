import type { AnyAgent } from "../agents/contract.ts";
import { LlmOutputError } from "../llm/errors.ts";
import { mockReport } from "../llm/fixtures.ts";
import type { LlmCaller, LlmPort, LlmResult, LlmUsage, StepLlm } from "../llm/port.ts";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import type { TraceRecorder } from "./trace.ts";

const NOTHING_BILLED: LlmUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};

/** Who calls the model in an agent's step: the agent, with its mock reply, in a run of `workflowSlug`. */
export function agentCaller(agent: AnyAgent, workflowSlug: string): LlmCaller {
  return { agent: agent.name, workflowSlug, mockReply: agent.mockReply };
}

/** Who calls the model in the synthesis step: the report writer, with the workflow's mock report. */
export function reportCaller(workflowSlug: string): LlmCaller {
  return { agent: SYNTHESIS_NODE, workflowSlug, mockReply: mockReport(workflowSlug) };
}

/**
 * The LLM port as a step sees it, wrapped once per step attempt: every request is stamped with its caller, so
 * agent code never names itself, and every call, failed ones too, lands in the step's trace. A reply that arrived
 * and then failed (bad JSON, schema mismatch) was billed: its error carries the usage, recorded here.
 * @example
 * const llm = tracedLlm(deps.llm, trace, agentCaller(agent, state.workflowSlug));
 */
export function tracedLlm(llm: LlmPort, trace: TraceRecorder, caller: LlmCaller): StepLlm {
  const { agent, workflowSlug } = caller;
  const record = async <T>(
    request: { system: string; prompt: string },
    call: () => Promise<LlmResult<T>>,
  ): Promise<LlmResult<T>> => {
    const started = performance.now();
    try {
      const result = await call();
      trace.record({
        kind: "llm_call",
        agent,
        workflowSlug,
        mode: llm.mode,
        model: result.model,
        system: request.system,
        prompt: request.prompt,
        response: result.raw,
        usage: result.usage,
        latencyMs: result.latencyMs,
      });
      return result;
    } catch (error) {
      const billed = error instanceof LlmOutputError ? error : undefined;
      trace.record({
        kind: "llm_call",
        agent,
        workflowSlug,
        mode: llm.mode,
        model: billed?.model ?? llm.model,
        system: request.system,
        prompt: request.prompt,
        response: billed?.raw ?? "",
        usage: billed?.usage ?? NOTHING_BILLED,
        latencyMs: performance.now() - started,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
  return {
    mode: llm.mode,
    model: llm.model,
    text: (request) => record(request, () => llm.text({ ...request, ...caller })),
    structured: (request) => record(request, () => llm.structured({ ...request, ...caller })),
  };
}
