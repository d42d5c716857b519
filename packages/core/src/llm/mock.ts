import { LlmOutputError } from "./errors.ts";
import type { LlmPort, LlmResult, LlmTextRequest, LlmUsage } from "./port.ts";
import { costUsd, DEFAULT_MODEL, modelPrice } from "./pricing.ts";
import { parseStructuredReply } from "./structured-reply.ts";

export interface MockLlmOptions {
  /** The model the usage is priced as; defaults to DEFAULT_MODEL. */
  model?: string;
  /** Simulated latency of each call; 0 (the default) keeps tests and the demo instant. */
  latencyMs?: number;
}

/** The caller brought no mock reply; retrying won't help, the agent needs one. */
export class MissingFixtureError extends Error {
  override readonly name = "MissingFixtureError";
  readonly code = "llm_fixture_missing" as const;
  constructor(readonly agent: string) {
    super(`no mock reply for agent "${agent}"; give it one: defineAgent({ ..., mockReply })`);
  }
}

/**
 * An offline LlmPort answering each call with its caller's mock reply (`request.mockReply`, stamped by the
 * runner), with synthetic but plausible usage (about 4 characters a token, the system prompt counted as a
 * cache hit, as it would be from the second call of an agent on).
 * @example
 * const llm = createMockLlm();
 * await llm.structured({ agent: "scout", mockReply: () => ({ ideas: ["duet trend"] }), system: "...",
 *   prompt: "...", schema: z.object({ ideas: z.array(z.string()) }) });
 */
export function createMockLlm(options: MockLlmOptions = {}): LlmPort {
  const model = options.model ?? DEFAULT_MODEL;
  const latencyMs = options.latencyMs ?? 0;
  modelPrice(model); // fail at construction, not on the first call, when the model has no price

  const answer = async <T>(request: LlmTextRequest, toResult: (reply: unknown) => [T, string]) => {
    request.signal?.throwIfAborted();
    const { agent, workflowSlug, system, prompt, context, mockReply } = request;
    if (!mockReply) throw new MissingFixtureError(agent);
    const reply = mockReply({ agent, workflowSlug, system, prompt, context });
    const [value, raw] = toResult(reply);
    await delay(latencyMs, request.signal);
    const result: LlmResult<T> = {
      value,
      raw,
      model,
      usage: syntheticUsage(model, system, prompt, raw),
      latencyMs,
    };
    return result;
  };

  return {
    mode: "mock",
    model,
    text: (request) =>
      answer(request, (reply) => {
        if (typeof reply !== "string")
          throw new LlmOutputError(
            `mock reply of agent "${request.agent}" returned ${typeof reply}, not text`,
            JSON.stringify(reply) ?? "",
          );
        return [reply, reply];
      }),
    structured: (request) =>
      answer(request, (reply) => {
        // Round-trip through JSON like a real reply, so a mock reply can't pass with values Claude can't send.
        const raw = JSON.stringify(reply) ?? "";
        return [parseStructuredReply(raw, request.schema, request.agent), raw];
      }),
  };
}

const tokens = (text: string) => Math.ceil(text.length / 4);

// Mirrors the API's accounting: input_tokens excludes cache reads, so system + prompt = input + cache read.
function syntheticUsage(model: string, system: string, prompt: string, reply: string): LlmUsage {
  const counts = {
    inputTokens: Math.max(1, tokens(prompt)),
    outputTokens: Math.max(1, tokens(reply)),
    cacheReadTokens: tokens(system),
    cacheWriteTokens: 0,
  };
  return { ...counts, costUsd: costUsd(model, counts) };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
