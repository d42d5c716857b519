import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LlmOutputError } from "./errors.ts";
import { createMockLlm, MissingFixtureError } from "./mock.ts";
import { costUsd, DEFAULT_MODEL, UnknownModelError } from "./pricing.ts";

const ideas = z.object({ ideas: z.array(z.string()).min(1) });
const base = { agent: "scout", system: "s".repeat(400), prompt: "p".repeat(80) };
/** A request as the runner stamps it: the caller with its mock reply. */
const from = (mockReply: () => unknown) => ({ ...base, mockReply });

describe("createMockLlm", () => {
  it("answers a structured call with its caller's mock reply, validated and passed the request", async () => {
    const llm = createMockLlm();
    const result = await llm.structured({
      ...base,
      mockReply: (req) => ({ ideas: [`duet for ${(req.context as { handle: string }).handle}`] }),
      context: { handle: "@acme" },
      schema: ideas,
    });
    expect(llm.mode).toBe("mock");
    expect(result.value).toEqual({ ideas: ["duet for @acme"] });
    expect(result.raw).toBe('{"ideas":["duet for @acme"]}');
    expect(result.model).toBe(DEFAULT_MODEL);
  });

  it("reports deterministic, non-zero usage with the system prompt as a cache hit", async () => {
    const llm = createMockLlm();
    const first = await llm.structured({ ...from(() => ({ ideas: ["a"] })), schema: ideas });
    const second = await llm.structured({ ...from(() => ({ ideas: ["a"] })), schema: ideas });
    const counts = {
      inputTokens: 20,
      outputTokens: Math.ceil('{"ideas":["a"]}'.length / 4),
      cacheReadTokens: 100,
    };
    expect(first.usage).toEqual({
      ...counts,
      cacheWriteTokens: 0,
      costUsd: costUsd(DEFAULT_MODEL, { ...counts, cacheWriteTokens: 0 }),
    });
    expect(first.usage.costUsd).toBeGreaterThan(0);
    expect(second.usage).toEqual(first.usage);
  });

  it("fails with LlmOutputError naming the field when a mock reply does not match the schema", async () => {
    const call = createMockLlm().structured({ ...from(() => ({ ideas: [] })), schema: ideas });
    await expect(call).rejects.toBeInstanceOf(LlmOutputError);
    await expect(call).rejects.toThrow(/"scout" does not match its schema: ideas:/);
  });

  it("rejects values that would not survive JSON, as a real reply could not carry them", async () => {
    const call = createMockLlm().structured({
      ...from(() => ({ at: new Date(0) })),
      schema: z.object({ at: z.date() }),
    });
    await expect(call).rejects.toThrow(LlmOutputError);
  });

  it("names the agent when its caller brought no mock reply", async () => {
    const llm = createMockLlm();
    await expect(llm.structured({ ...base, agent: "ghost", schema: ideas })).rejects.toThrow(
      MissingFixtureError,
    );
    await expect(llm.text({ ...base, agent: "ghost" })).rejects.toThrow(/agent "ghost"/);
  });

  it("answers text calls with the mock reply and refuses non-text replies", async () => {
    const llm = createMockLlm();
    expect((await llm.text(from(() => "A caption"))).value).toBe("A caption");
    await expect(llm.text(from(() => ({ ideas: [] })))).rejects.toThrow(/returned object, not text/);
  });

  it("waits the configured latency and stops waiting when the signal aborts", async () => {
    const llm = createMockLlm({ latencyMs: 10_000 });
    const controller = new AbortController();
    const call = llm.text({ ...from(() => "x"), signal: controller.signal });
    controller.abort(new Error("cancelled"));
    await expect(call).rejects.toThrow("cancelled");

    const quick = createMockLlm({ latencyMs: 20 });
    const started = performance.now();
    expect((await quick.text(from(() => "x"))).latencyMs).toBe(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("refuses a model it cannot price when created", () => {
    expect(() => createMockLlm({ model: "claude-imaginary-9" })).toThrow(UnknownModelError);
  });
});
