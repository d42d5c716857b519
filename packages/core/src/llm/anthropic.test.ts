import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { NonRetriableError } from "../runner/errors.ts";
import {
  type AnthropicStub,
  errorReply,
  messageReply,
  type StubHandler,
  startAnthropicStub,
} from "../testing/anthropic-stub.ts";
import { createAnthropicLlm } from "./anthropic.ts";
import { LlmOutputError, LlmRequestError, LlmRequestRefusedError } from "./errors.ts";
import { costUsd } from "./pricing.ts";

const MODEL = "claude-sonnet-5-5";
const ideas = z.object({ ideas: z.array(z.string()).min(1), score: z.number() });
const request = { agent: "scout", system: "You find TikTok trends.", prompt: "Ideas for @acme" };

let stub: AnthropicStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function llmAgainst(handler: StubHandler, options: { maxRetries?: number } = {}) {
  stub = await startAnthropicStub(handler);
  return createAnthropicLlm({ apiKey: "test-key", model: MODEL, baseURL: stub.url, ...options });
}

describe("createAnthropicLlm", () => {
  it("returns a structured reply parsed and validated, skipping thinking blocks", async () => {
    const llm = await llmAgainst(() =>
      messageReply('{"ideas":["duet"],"score":0.8}', {
        leadingBlocks: [{ type: "thinking", thinking: "hmm", signature: "sig" }],
      }),
    );
    const result = await llm.structured({ ...request, schema: ideas });
    expect(llm.mode).toBe("real");
    expect(result.value).toEqual({ ideas: ["duet"], score: 0.8 });
    expect(result.raw).toBe('{"ideas":["duet"],"score":0.8}');
    expect(result.model).toBe(MODEL);
  });

  it("reports the API's usage, cache tokens included, with its cost", async () => {
    const usage = {
      input_tokens: 120,
      output_tokens: 40,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 0,
    };
    const llm = await llmAgainst(() => messageReply("Hello", { usage }));
    const result = await llm.text(request);
    const counts = { inputTokens: 120, outputTokens: 40, cacheReadTokens: 900, cacheWriteTokens: 0 };
    expect(result.usage).toEqual({ ...counts, costUsd: costUsd(MODEL, counts) });
    expect(result.usage.costUsd).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sends the model, a cached system prompt, the prompt, the JSON schema and the API key", async () => {
    const llm = await llmAgainst(() => messageReply('{"ideas":["a"],"score":1}'));
    await llm.structured({ ...request, schema: ideas, maxTokens: 2000 });
    const sent = stub?.requests[0];
    expect(sent?.path).toBe("/v1/messages");
    expect(sent?.body).toMatchObject({
      model: MODEL,
      max_tokens: 2000,
      system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: request.prompt }],
      output_config: {
        format: {
          type: "json_schema",
          schema: {
            type: "object",
            // zodOutputFormat may move repeated parts into $defs, so only the outline is pinned here.
            properties: { ideas: { type: "array" }, score: { type: "number" } },
            required: ["ideas", "score"],
            additionalProperties: false,
          },
        },
      },
    });
    // SDK 1.13 sends the API key as a bearer token, not as x-api-key.
    expect(sent?.headers.authorization).toBe("Bearer test-key");
    expect(sent?.headers["x-api-key"]).toBeUndefined();
  });

  it("sends text calls without an output format", async () => {
    const llm = await llmAgainst(() => messageReply("# Report"));
    expect((await llm.text(request)).value).toBe("# Report");
    expect(stub?.requests[0]?.body).not.toHaveProperty("output_config");
  });

  it("retries a 429 and returns the answer that follows", async () => {
    const llm = await llmAgainst((_req, i) =>
      i === 0 ? errorReply(429, "Number of request tokens has exceeded your rate limit") : messageReply("ok"),
    );
    expect((await llm.text(request)).value).toBe("ok");
    expect(stub?.requests).toHaveLength(2);
  });

  it("fails with LlmRequestError after a 500 outlasts the retries", async () => {
    const llm = await llmAgainst(() => errorReply(500, "Internal server error"), { maxRetries: 2 });
    const error = await llm.text(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 500, message: expect.stringContaining("Internal server error") });
    expect(stub?.requests).toHaveLength(3);
  });

  it("fails at once with the API's message on a 400, as a refusal no retry can fix", async () => {
    const llm = await llmAgainst(() => errorReply(400, "max_tokens: must be at most 128000"));
    const error = await llm.text(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRequestRefusedError);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(error).toMatchObject({
      status: 400,
      message: "Anthropic API answered 400: max_tokens: must be at most 128000",
    });
    expect(stub?.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 413, 422])("reports a %i as refused (not retriable)", async (status) => {
    const llm = await llmAgainst(() => errorReply(status, "no"), { maxRetries: 0 });
    await expect(llm.text(request)).rejects.toBeInstanceOf(LlmRequestRefusedError);
  });

  it.each([408, 409, 429, 500, 529])(
    "reports a %i as a failure a later attempt may get past",
    async (status) => {
      const llm = await llmAgainst(() => errorReply(status, "busy"), { maxRetries: 0 });
      const error = await llm.text(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmRequestError);
      expect(error).not.toBeInstanceOf(NonRetriableError);
    },
  );

  it("fails with LlmOutputError keeping the raw text when the reply is not JSON", async () => {
    const llm = await llmAgainst(() => messageReply("Sure! Here are some ideas: duet"));
    const error = await llm.structured({ ...request, schema: ideas }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmOutputError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/"scout" is not valid JSON/),
      raw: "Sure! Here are some ideas: duet",
    });
  });

  it("fails with LlmOutputError naming the field when the JSON does not match the schema", async () => {
    const llm = await llmAgainst(() => messageReply('{"ideas":[],"score":"high"}'));
    const call = llm.structured({ ...request, schema: ideas });
    await expect(call).rejects.toBeInstanceOf(LlmOutputError);
    await expect(call).rejects.toThrow(/does not match its schema: ideas: .*; score: /);
  });

  it("keeps the usage and cost of a reply that fails validation on the error: it was billed", async () => {
    const llm = await llmAgainst(() =>
      messageReply('{"ideas":"duet"}', { usage: { input_tokens: 700, output_tokens: 90 } }),
    );
    const error = await llm.structured({ ...request, schema: ideas }).catch((e: unknown) => e);
    const counts = { inputTokens: 700, outputTokens: 90, cacheReadTokens: 0, cacheWriteTokens: 0 };
    expect(error).toMatchObject({ model: MODEL, usage: { ...counts, costUsd: costUsd(MODEL, counts) } });
  });

  it("fails with LlmOutputError when the reply was cut off or refused", async () => {
    const llm = await llmAgainst((_req, i) =>
      i === 0
        ? messageReply('{"ideas":["du', { stopReason: "max_tokens" })
        : messageReply("", { stopReason: "refusal" }),
    );
    await expect(llm.structured({ ...request, schema: ideas })).rejects.toThrow(
      /cut off \(stop_reason max_tokens/,
    );
    await expect(llm.text(request)).rejects.toThrow(LlmOutputError);
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    const llm = await llmAgainst(() => new Promise(() => {}));
    const controller = new AbortController();
    const call = llm.text({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("run cancelled")), 20);
    await expect(call).rejects.toThrow("run cancelled");
  });

  it("fails with LlmRequestError without a status when the API cannot be reached", async () => {
    const closed = await startAnthropicStub(() => messageReply("never"));
    await closed.close();
    const llm = createAnthropicLlm({ apiKey: "k", model: MODEL, baseURL: closed.url, maxRetries: 0 });
    const error = await llm.text(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: undefined, message: expect.stringContaining("could not reach") });
  });
});
