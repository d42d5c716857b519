export { type AnthropicLlmOptions, createAnthropicLlm } from "./anthropic.ts";
export { createLlm, type LlmConfig, llmConfigFromEnv, llmConfigSchema } from "./create-llm.ts";
export { LlmOutputError, LlmRequestError, LlmRequestRefusedError } from "./errors.ts";
export { mockReport, SYNTHESIS_FIXTURES } from "./fixtures.ts";
export { createMockLlm, MissingFixtureError, type MockLlmOptions } from "./mock.ts";
export type {
  FixtureRequest,
  LlmCaller,
  LlmFixture,
  LlmPort,
  LlmResult,
  LlmStructuredRequest,
  LlmTextRequest,
  LlmUsage,
  StepLlm,
  StepStructuredRequest,
  StepTextRequest,
} from "./port.ts";
export {
  costUsd,
  DEFAULT_MODEL,
  findModelPrice,
  MODEL_PRICES,
  type ModelPrice,
  type ModelPriceCard,
  modelPrice,
  UnknownModelError,
} from "./pricing.ts";
export {
  defuseTags,
  PROMPT_BLOCK_KINDS,
  promptBlock,
  UNTRUSTED_DATA_RULE,
  untrustedBlock,
} from "./prompt-blocks.ts";
