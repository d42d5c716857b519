import type { z } from "zod";

/** Token usage and cost of one model call; every LLM adapter reports it on every call. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

interface LlmRequestBase {
  /** The agent (or SYNTHESIS_NODE) asking; mock fixtures are keyed by it. */
  agent: string;
  /** The workflow being run; synthesis fixtures are keyed by it. */
  workflowSlug?: string;
  system: string;
  prompt: string;
  /**
   * The structured data the prompt was built from. The real adapter ignores it (the prompt already
   * holds it); mock fixtures read it so that offline answers talk about the actual numbers.
   */
  context?: unknown;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface LlmTextRequest extends LlmRequestBase {}

export interface LlmStructuredRequest<T> extends LlmRequestBase {
  /** The reply must parse against this schema, or the call fails with an LlmOutputError. */
  schema: z.ZodType<T>;
}

export interface LlmResult<T> {
  value: T;
  /** The raw reply text, kept for traces. */
  raw: string;
  model: string;
  usage: LlmUsage;
  latencyMs: number;
}

/** The one door to a language model. `mock` answers from fixtures offline; `real` calls Claude. */
export interface LlmPort {
  readonly mode: "mock" | "real";
  readonly model: string;
  text(request: LlmTextRequest): Promise<LlmResult<string>>;
  structured<T>(request: LlmStructuredRequest<T>): Promise<LlmResult<T>>;
}
