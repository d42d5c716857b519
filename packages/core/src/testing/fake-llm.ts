import { LlmOutputError } from "../llm/errors.ts";
import { MissingFixtureError } from "../llm/mock.ts";
import type { LlmPort, LlmResult, LlmStructuredRequest, LlmTextRequest, LlmUsage } from "../llm/port.ts";

/** Every call answered costs the same, so tests can assert on totals. */
export const FIXTURE_USAGE: LlmUsage = {
  inputTokens: 100,
  outputTokens: 50,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};

export interface FixtureLlm extends LlmPort {
  /** Every request, in order, to assert on prompts (e.g. untrusted text stays in its block). */
  readonly calls: (LlmTextRequest | LlmStructuredRequest<unknown>)[];
}

/**
 * An LlmPort for tests answering each call with its caller's mock reply (the agent's `mockReply`, stamped by
 * the runner or `executeAgent`): no latency, fixed usage, structured replies checked against the request's
 * schema like the real adapters do.
 * @example
 * const ctx = createAgentTestContext({ llm: createFixtureLlm() });
 * const output = await executeAgent(accountHealth, { handle: "glowwithmia" }, {}, ctx);
 * ctx.llm.calls[0]?.prompt; // what the agent asked, stamped with its name
 */
export function createFixtureLlm(): FixtureLlm {
  const calls: FixtureLlm["calls"] = [];
  const reply = (request: LlmTextRequest): unknown => {
    request.signal?.throwIfAborted();
    calls.push(request);
    if (!request.mockReply) throw new MissingFixtureError(request.agent);
    return request.mockReply(request);
  };
  const result = <T>(value: T, raw: string): LlmResult<T> => ({
    value,
    raw,
    model: "fixture",
    usage: FIXTURE_USAGE,
    latencyMs: 0,
  });
  return {
    mode: "mock",
    model: "fixture",
    calls,
    async text(request) {
      const value = reply(request);
      if (typeof value !== "string")
        throw new LlmOutputError(`mock reply of ${request.agent} returned no text`, "");
      return result(value, value);
    },
    async structured<T>(request: LlmStructuredRequest<T>) {
      const raw = JSON.stringify(reply(request));
      const parsed = request.schema.safeParse(JSON.parse(raw));
      if (!parsed.success)
        throw new LlmOutputError(
          `mock reply of ${request.agent} does not match the schema: ${parsed.error.message}`,
          raw,
          {
            cause: parsed.error,
          },
        );
      return result(parsed.data, raw);
    },
  };
}
