import { LlmOutputError } from "../llm/errors.ts";
import { AGENT_FIXTURES, type LlmFixture, SYNTHESIS_FIXTURES } from "../llm/fixtures.ts";
import type { LlmPort, LlmResult, LlmStructuredRequest, LlmTextRequest, LlmUsage } from "../llm/port.ts";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";

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
 * An LlmPort for tests answering from AGENT_FIXTURES / SYNTHESIS_FIXTURES: no latency, fixed usage,
 * structured replies checked against the request's schema like the real adapters do.
 * @example
 * const ctx = createAgentTestContext({ llm: createFixtureLlm() });
 * const output = await executeAgent(accountHealth, { handle: "glowwithmia" }, {}, ctx);
 * ctx.llm.calls[0]?.prompt; // what the agent asked, stamped with its name
 */
export function createFixtureLlm(
  fixtures: Record<string, LlmFixture> = AGENT_FIXTURES,
  synthesisFixtures: Record<string, LlmFixture> = SYNTHESIS_FIXTURES,
): FixtureLlm {
  const calls: FixtureLlm["calls"] = [];
  const reply = (request: LlmTextRequest): unknown => {
    request.signal?.throwIfAborted();
    calls.push(request);
    const fixture =
      request.agent === SYNTHESIS_NODE
        ? (synthesisFixtures[request.workflowSlug ?? ""] ?? fixtures[SYNTHESIS_NODE])
        : fixtures[request.agent];
    if (!fixture) throw new Error(`no fixture for agent "${request.agent}"`);
    return fixture(request);
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
        throw new LlmOutputError(`fixture for ${request.agent} returned no text`, "");
      return result(value, value);
    },
    async structured<T>(request: LlmStructuredRequest<T>) {
      const raw = JSON.stringify(reply(request));
      const parsed = request.schema.safeParse(JSON.parse(raw));
      if (!parsed.success)
        throw new LlmOutputError(
          `fixture for ${request.agent} does not match the schema: ${parsed.error.message}`,
          raw,
          {
            cause: parsed.error,
          },
        );
      return result(parsed.data, raw);
    },
  };
}
