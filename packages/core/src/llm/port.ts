import type { z } from "zod";

/** Token usage and cost of one model call; every LLM adapter reports it on every call. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

/**
 * What a mock reply is given. It is a function of the request, so offline replies talk about the numbers the
 * agent actually computed (passed as `context`) instead of canned text.
 */
export interface FixtureRequest {
  agent: string;
  workflowSlug?: string;
  system: string;
  prompt: string;
  context?: unknown;
}

/** A mock reply: a string for `text` calls, a plain object for `structured` calls. */
export type LlmFixture = (request: FixtureRequest) => unknown;

/**
 * Who is calling the model. The runner stamps it on every request of a step (`tracedLlm`); agent code never
 * writes it, and traces record it.
 */
export interface LlmCaller {
  /** The agent (or SYNTHESIS_NODE) asking; errors and traces name it. */
  agent: string;
  /** The workflow being run. */
  workflowSlug?: string;
  /** What a mock port answers: the agent's `mockReply`, or the workflow's mock report. Real adapters ignore it. */
  mockReply?: LlmFixture;
}

/** A request as agent code writes it: the prompt and what it was built from, no caller. */
export interface StepTextRequest {
  system: string;
  prompt: string;
  /**
   * The structured data the prompt was built from. The real adapter ignores it (the prompt already
   * holds it); mock replies read it so that offline answers talk about the actual numbers.
   */
  context?: unknown;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface StepStructuredRequest<T> extends StepTextRequest {
  /** The reply must parse against this schema, or the call fails with an LlmOutputError. */
  schema: z.ZodType<T>;
}

/** A request as the port receives it: stamped with its caller. */
export interface LlmTextRequest extends StepTextRequest, LlmCaller {}

export interface LlmStructuredRequest<T> extends StepStructuredRequest<T>, LlmCaller {}

export interface LlmResult<T> {
  value: T;
  /** The raw reply text, kept for traces. */
  raw: string;
  model: string;
  usage: LlmUsage;
  latencyMs: number;
}

/** The one door to a language model. `mock` answers with the caller's mock reply offline; `real` calls Claude. */
export interface LlmPort {
  readonly mode: "mock" | "real";
  readonly model: string;
  text(request: LlmTextRequest): Promise<LlmResult<string>>;
  structured<T>(request: LlmStructuredRequest<T>): Promise<LlmResult<T>>;
}

/**
 * The LLM port as a step sees it: requests carry no caller, the runner's wrapper stamps it.
 * @example
 * const { value } = await ctx.llm.structured({ system, prompt, schema, context: facts, signal: ctx.signal });
 */
export interface StepLlm {
  readonly mode: LlmPort["mode"];
  readonly model: string;
  text(request: StepTextRequest): Promise<LlmResult<string>>;
  structured<T>(request: StepStructuredRequest<T>): Promise<LlmResult<T>>;
}
