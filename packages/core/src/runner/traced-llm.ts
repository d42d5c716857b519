import type { LlmPort, LlmResult } from "../llm/port.ts";
import type { TraceRecorder } from "./trace.ts";

/** The LLM port as a step sees it: every call, failed ones too, lands in the step's trace. */
export function tracedLlm(llm: LlmPort, trace: TraceRecorder): LlmPort {
  const record = async <T>(
    request: { system: string; prompt: string },
    call: () => Promise<LlmResult<T>>,
  ): Promise<LlmResult<T>> => {
    const started = performance.now();
    try {
      const result = await call();
      trace.record({
        kind: "llm_call",
        model: result.model,
        system: request.system,
        prompt: request.prompt,
        response: result.raw,
        usage: result.usage,
        latencyMs: result.latencyMs,
      });
      return result;
    } catch (error) {
      trace.record({
        kind: "llm_call",
        model: llm.model,
        system: request.system,
        prompt: request.prompt,
        response: (error as { raw?: string }).raw ?? "",
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
        latencyMs: performance.now() - started,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
  return {
    mode: llm.mode,
    model: llm.model,
    text: (request) => record(request, () => llm.text(request)),
    structured: (request) => record(request, () => llm.structured(request)),
  };
}
