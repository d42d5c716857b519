import { LlmOutputError } from "../llm/errors.ts";
import type { LlmPort, LlmResult, LlmUsage } from "../llm/port.ts";
import type { TraceRecorder } from "./trace.ts";

const NOTHING_BILLED: LlmUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};

/**
 * The LLM port as a step sees it: every call, failed ones too, lands in the step's trace. A reply that arrived
 * and then failed (bad JSON, schema mismatch) was billed: its error carries the usage, recorded here.
 */
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
    text: (request) => record(request, () => llm.text(request)),
    structured: (request) => record(request, () => llm.structured(request)),
  };
}
