import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAgent } from "../agents/contract.ts";
import { AgentRegistry } from "../agents/registry.ts";
import { createAnthropicLlm } from "../llm/anthropic.ts";
import { costUsd } from "../llm/pricing.ts";
import {
  type AnthropicStub,
  errorReply,
  messageReply,
  type StubHandler,
  startAnthropicStub,
} from "../testing/anthropic-stub.ts";
import { runToCompletion } from "../testing/run-helpers.ts";
import { defineWorkflow } from "../workflow/define-workflow.ts";
import type { RetryPolicy } from "./drive-run.ts";
import { StepFailedError } from "./errors.ts";
import { InMemoryRunStore } from "./memory-store.ts";

const MODEL = "claude-sonnet-5-5";

// One model call per attempt, as every built-in agent makes.
const scout = defineAgent({
  name: "scout",
  description: "asks the model for ideas",
  input: z.object({}),
  output: z.object({ ideas: z.array(z.string()) }),
  options: z.object({}),
  sideEffects: "none",
  async execute(_input, ctx) {
    const schema = z.object({ ideas: z.array(z.string()) });
    const { value } = await ctx.llm.structured({ system: "", prompt: "Ideas", schema });
    return value;
  },
});
const registry = new AgentRegistry([scout]);
const workflow = defineWorkflow(
  {
    slug: "scouting",
    name: "Scouting",
    description: "",
    steps: [{ key: "s", kind: "agent", agentName: "scout", label: "S" }],
  },
  registry,
);

let stub: AnthropicStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** Runs the one-step workflow against the stub with no SDK retries, so each attempt is one request. */
async function runAgainst(handler: StubHandler, retry: RetryPolicy = { maxAttempts: 3, backoffMs: 1 }) {
  stub = await startAnthropicStub(handler);
  const llm = createAnthropicLlm({ apiKey: "k", model: MODEL, baseURL: stub.url, maxRetries: 0 });
  const store = new InMemoryRunStore();
  const error = await runToCompletion(workflow, { registry, llm, retry, store, workflowRunId: "r" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const state = await store.load("r");
  if (!state) throw new Error("run was not stored");
  return { error, step: state.steps.s, requests: stub.requests.length };
}

describe("driveRun with the Anthropic adapter", () => {
  it("keeps the tokens and cost of every attempt's reply that failed validation in the step's trace", async () => {
    const usage = { input_tokens: 800, output_tokens: 120 };
    const { step, requests } = await runAgainst(() => messageReply("not json", { usage }));
    const counts = { inputTokens: 800, outputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 0 };
    const billed = { kind: "llm_call", usage: { ...counts, costUsd: costUsd(MODEL, counts) } };
    expect(step?.status).toBe("failed");
    expect(requests).toBe(3);
    expect(step?.trace).toEqual([1, 2, 3].map((attempt) => expect.objectContaining({ ...billed, attempt })));
  });

  it("fails the step after exactly one attempt when the API refuses the key (401)", async () => {
    const { error, step, requests } = await runAgainst(() => errorReply(401, "invalid x-api-key"));
    expect(error).toBeInstanceOf(StepFailedError);
    expect(step).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "Anthropic API answered 401: invalid x-api-key",
    });
    expect(requests).toBe(1);
  });

  it("retries a step whose model call got a 500, and succeeds when the API recovers", async () => {
    const { error, step, requests } = await runAgainst((_req, i) =>
      i < 2 ? errorReply(500, "Internal server error") : messageReply('{"ideas":["duet"]}'),
    );
    expect(error).toBeUndefined();
    expect(step).toMatchObject({ status: "succeeded", attempts: 3, output: { ideas: ["duet"] } });
    expect(requests).toBe(3);
  });
});
