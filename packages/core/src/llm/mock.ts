import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { LlmOutputError } from "./errors.ts";
import { AGENT_FIXTURES, type FixtureRequest, type LlmFixture, SYNTHESIS_FIXTURES } from "./fixtures.ts";
import type { LlmPort, LlmResult, LlmTextRequest, LlmUsage } from "./port.ts";
import { costUsd, DEFAULT_MODEL, modelPrice } from "./pricing.ts";
import { parseStructuredReply } from "./structured-reply.ts";

export interface MockLlmOptions {
  /** Per-agent fixtures; defaults to AGENT_FIXTURES. */
  fixtures?: Record<string, LlmFixture>;
  /** Report fixtures per workflow slug; defaults to SYNTHESIS_FIXTURES. */
  synthesisFixtures?: Record<string, LlmFixture>;
  /** The model the usage is priced as; defaults to DEFAULT_MODEL. */
  model?: string;
  /** Simulated latency of each call; 0 (the default) keeps tests and the demo instant. */
  latencyMs?: number;
}

/** No fixture answers this agent; retrying won't help, a fixture has to be written. */
export class MissingFixtureError extends Error {
  override readonly name = "MissingFixtureError";
  readonly code = "llm_fixture_missing" as const;
  constructor(
    readonly agent: string,
    readonly workflowSlug?: string,
  ) {
    super(
      agent === SYNTHESIS_NODE
        ? `no mock report fixture for workflow "${workflowSlug ?? "(none)"}" and no generic one under SYNTHESIS_NODE`
        : `no mock fixture for agent "${agent}"; add one to AGENT_FIXTURES in src/llm/fixtures.ts`,
    );
  }
}

/**
 * An offline LlmPort answering from fixtures, with synthetic but plausible usage (about 4 characters a token,
 * the system prompt counted as a cache hit, as it would be from the second call of an agent on).
 * @example
 * const llm = createMockLlm({ fixtures: { scout: () => ({ ideas: ["duet trend"] }) } });
 * await llm.structured({ agent: "scout", system: "...", prompt: "...", schema: z.object({ ideas: z.array(z.string()) }) });
 */
export function createMockLlm(options: MockLlmOptions = {}): LlmPort {
  const fixtures = options.fixtures ?? AGENT_FIXTURES;
  const synthesisFixtures = options.synthesisFixtures ?? SYNTHESIS_FIXTURES;
  const model = options.model ?? DEFAULT_MODEL;
  const latencyMs = options.latencyMs ?? 0;
  modelPrice(model); // fail at construction, not on the first call, when the model has no price

  const pick = (request: FixtureRequest): LlmFixture => {
    const own = (table: Record<string, LlmFixture>, key: string | undefined) =>
      key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
    const fixture =
      request.agent === SYNTHESIS_NODE
        ? (own(synthesisFixtures, request.workflowSlug) ?? own(fixtures, SYNTHESIS_NODE))
        : own(fixtures, request.agent);
    if (!fixture) throw new MissingFixtureError(request.agent, request.workflowSlug);
    return fixture;
  };

  const answer = async <T>(request: LlmTextRequest, toResult: (reply: unknown) => [T, string]) => {
    request.signal?.throwIfAborted();
    const { agent, workflowSlug, system, prompt, context } = request;
    const reply = pick(request)({ agent, workflowSlug, system, prompt, context });
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
            `mock fixture for agent "${request.agent}" returned ${typeof reply}, not text`,
            JSON.stringify(reply) ?? "",
          );
        return [reply, reply];
      }),
    structured: (request) =>
      answer(request, (reply) => {
        // Round-trip through JSON like a real reply, so a fixture can't pass with values Claude can't send.
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
