import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { LlmOutputError } from "./errors.ts";
import { createMockLlm, MissingFixtureError } from "./mock.ts";
import { costUsd, DEFAULT_MODEL, UnknownModelError } from "./pricing.ts";

const ideas = z.object({ ideas: z.array(z.string()).min(1) });
const base = { agent: "scout", system: "s".repeat(400), prompt: "p".repeat(80) };

describe("createMockLlm", () => {
  it("answers a structured call from the agent's fixture, validated and passed the request", async () => {
    const llm = createMockLlm({
      fixtures: { scout: (req) => ({ ideas: [`duet for ${(req.context as { handle: string }).handle}`] }) },
    });
    const result = await llm.structured({ ...base, context: { handle: "@acme" }, schema: ideas });
    expect(llm.mode).toBe("mock");
    expect(result.value).toEqual({ ideas: ["duet for @acme"] });
    expect(result.raw).toBe('{"ideas":["duet for @acme"]}');
    expect(result.model).toBe(DEFAULT_MODEL);
  });

  it("reports deterministic, non-zero usage with the system prompt as a cache hit", async () => {
    const llm = createMockLlm({ fixtures: { scout: () => ({ ideas: ["a"] }) } });
    const first = await llm.structured({ ...base, schema: ideas });
    const second = await llm.structured({ ...base, schema: ideas });
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

  it("fails with LlmOutputError naming the field when a fixture does not match the schema", async () => {
    const llm = createMockLlm({ fixtures: { scout: () => ({ ideas: [] }) } });
    const call = llm.structured({ ...base, schema: ideas });
    await expect(call).rejects.toBeInstanceOf(LlmOutputError);
    await expect(call).rejects.toThrow(/"scout" does not match its schema: ideas:/);
  });

  it("rejects values that would not survive JSON, as a real reply could not carry them", async () => {
    const llm = createMockLlm({ fixtures: { scout: () => ({ at: new Date(0) }) } });
    await expect(llm.structured({ ...base, schema: z.object({ at: z.date() }) })).rejects.toThrow(
      LlmOutputError,
    );
  });

  it("names the agent when no fixture exists", async () => {
    const llm = createMockLlm({ fixtures: {} });
    await expect(llm.structured({ ...base, agent: "ghost", schema: ideas })).rejects.toThrow(
      MissingFixtureError,
    );
    await expect(llm.text({ ...base, agent: "ghost" })).rejects.toThrow(/agent "ghost"/);
    await expect(llm.text({ ...base, agent: "constructor" })).rejects.toThrow(MissingFixtureError);
  });

  it("answers a synthesis text call from the workflow's report fixture, else the generic one", async () => {
    const llm = createMockLlm({
      fixtures: { [SYNTHESIS_NODE]: () => "# Generic report" },
      synthesisFixtures: { "audit-account": (req) => `# Audit of ${req.workflowSlug}` },
    });
    const synthesis = { ...base, agent: SYNTHESIS_NODE };
    expect((await llm.text({ ...synthesis, workflowSlug: "audit-account" })).value).toBe(
      "# Audit of audit-account",
    );
    expect((await llm.text({ ...synthesis, workflowSlug: "other" })).value).toBe("# Generic report");
  });

  it("answers other text calls from the agent's fixture and refuses non-text replies", async () => {
    const llm = createMockLlm({ fixtures: { writer: () => "A caption", scout: () => ({ ideas: [] }) } });
    expect((await llm.text({ ...base, agent: "writer" })).value).toBe("A caption");
    await expect(llm.text({ ...base, agent: "scout" })).rejects.toThrow(/returned object, not text/);
  });

  it("waits the configured latency and stops waiting when the signal aborts", async () => {
    const llm = createMockLlm({ fixtures: { writer: () => "x" }, latencyMs: 10_000 });
    const controller = new AbortController();
    const call = llm.text({ ...base, agent: "writer", signal: controller.signal });
    controller.abort(new Error("cancelled"));
    await expect(call).rejects.toThrow("cancelled");

    const quick = createMockLlm({ fixtures: { writer: () => "x" }, latencyMs: 20 });
    const started = performance.now();
    expect((await quick.text({ ...base, agent: "writer" })).latencyMs).toBe(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("refuses a model it cannot price when created", () => {
    expect(() => createMockLlm({ model: "claude-imaginary-9" })).toThrow(UnknownModelError);
  });
});
