export { InMemoryRunStore } from "../runner/memory-store.ts";
export { createAgentTestContext, executeAgent, TEST_NOW } from "./agent-context.ts";
export { type AnthropicStub, errorReply, messageReply, startAnthropicStub } from "./anthropic-stub.ts";
export { BENCH_DAG, benchDagWorkflow, criticalPathMs, serialSumMs } from "./bench-dag.ts";
export { createDisplayApiProvider } from "./display-api-provider.ts";
export { fakeAgent } from "./fake-agent.ts";
export { createFixtureLlm } from "./fake-llm.ts";
export {
  type InjectionPayload,
  injectionPayloads,
  markerPlaces,
  type ParsedBlock,
  parsePromptBlocks,
} from "./prompt-injection.ts";
export { runToCompletion, sleeperRegistry } from "./run-helpers.ts";
